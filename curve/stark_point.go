package curve

import (
	"crypto/subtle"
	"fmt"
	"sync"
)

// starkPoint is a Stark-curve point in projective coordinates (X : Y : Z),
// y = Y/Z, x = X/Z, the identity (0 : 1 : 0). Every operation uses the
// complete addition law, so no input needs a special case and the code
// never branches on a coordinate.
type starkPoint struct{ x, y, z starkFe }

// starkFeFromHex decodes a 32-byte big-endian constant below p.
func starkFeFromHex(b [32]byte) starkFe {
	var z starkFe
	if !starkFeSetBytes(&z, b[:]) {
		panic("curve: stark constant not below p") // unreachable: constants below
	}
	return z
}

// The curve's β, 3β (the b3 of Renes–Costello–Batina) and generator
// (EC_GEN), from StarkWare's pedersen_params.json (see starkCurve).
var (
	starkBeta = starkFeFromHex([32]byte{
		0x06, 0xf2, 0x14, 0x13, 0xef, 0xbe, 0x40, 0xde, 0x15, 0x0e, 0x59, 0x6d, 0x72, 0xf7, 0xa8, 0xc5,
		0x60, 0x9a, 0xd2, 0x6c, 0x15, 0xc9, 0x15, 0xc1, 0xf4, 0xcd, 0xfc, 0xb9, 0x9c, 0xee, 0x9e, 0x89,
	})
	starkB3 = func() starkFe {
		var t starkFe
		starkFeAdd(&t, &starkBeta, &starkBeta)
		starkFeAdd(&t, &t, &starkBeta)
		return t
	}()
	starkGen = starkPoint{
		x: starkFeFromHex([32]byte{
			0x01, 0xef, 0x15, 0xc1, 0x85, 0x99, 0x97, 0x1b, 0x7b, 0xec, 0xed, 0x41, 0x5a, 0x40, 0xf0, 0xc7,
			0xde, 0xac, 0xfd, 0x9b, 0x0d, 0x18, 0x19, 0xe0, 0x3d, 0x72, 0x3d, 0x8b, 0xc9, 0x43, 0xcf, 0xca,
		}),
		y: starkFeFromHex([32]byte{
			0x00, 0x56, 0x68, 0x06, 0x0a, 0xa4, 0x97, 0x30, 0xb7, 0xbe, 0x48, 0x01, 0xdf, 0x46, 0xec, 0x62,
			0xde, 0x53, 0xec, 0xd1, 0x1a, 0xbe, 0x43, 0xa3, 0x28, 0x73, 0x00, 0x0c, 0x36, 0xe8, 0xdc, 0x1f,
		}),
		z: starkOne,
	}
)

func toStarkPoint(p Point) *starkPoint {
	v, ok := p.(*starkPoint)
	if !ok {
		panic(ErrWrongCurve)
	}
	return v
}

func starkIdentity() *starkPoint { return &starkPoint{y: starkOne} }

// add sets r = p + q with Algorithm 1 of Renes, Costello and Batina,
// "Complete addition formulas for prime order elliptic curves" (Eurocrypt
// 2016, eprint 2015/1060): complete for every pair of points, doubling
// and the identity included, on a short Weierstrass curve of odd order
// with any a. Here a = α = 1, so its multiplications by a vanish. r may
// alias p or q.
func (r *starkPoint) add(p, q *starkPoint) *starkPoint {
	var t0, t1, t2, t3, t4, t5, x3, y3, z3 starkFe
	starkFeMul(&t0, &p.x, &q.x)    // 1
	starkFeMul(&t1, &p.y, &q.y)    // 2
	starkFeMul(&t2, &p.z, &q.z)    // 3
	starkFeAdd(&t3, &p.x, &p.y)    // 4
	starkFeAdd(&t4, &q.x, &q.y)    // 5
	starkFeMul(&t3, &t3, &t4)      // 6
	starkFeAdd(&t4, &t0, &t1)      // 7
	starkFeSub(&t3, &t3, &t4)      // 8
	starkFeAdd(&t4, &p.x, &p.z)    // 9
	starkFeAdd(&t5, &q.x, &q.z)    // 10
	starkFeMul(&t4, &t4, &t5)      // 11
	starkFeAdd(&t5, &t0, &t2)      // 12
	starkFeSub(&t4, &t4, &t5)      // 13
	starkFeAdd(&t5, &p.y, &p.z)    // 14
	starkFeAdd(&x3, &q.y, &q.z)    // 15
	starkFeMul(&t5, &t5, &x3)      // 16
	starkFeAdd(&x3, &t1, &t2)      // 17
	starkFeSub(&t5, &t5, &x3)      // 18
	z3 = t4                        // 19: Z3 = a·t4
	starkFeMul(&x3, &starkB3, &t2) // 20
	starkFeAdd(&z3, &x3, &z3)      // 21
	starkFeSub(&x3, &t1, &z3)      // 22
	starkFeAdd(&z3, &t1, &z3)      // 23
	starkFeMul(&y3, &x3, &z3)      // 24
	starkFeAdd(&t1, &t0, &t0)      // 25
	starkFeAdd(&t1, &t1, &t0)      // 26
	// 27: t2 = a·t2 = t2
	starkFeMul(&t4, &starkB3, &t4) // 28
	starkFeAdd(&t1, &t1, &t2)      // 29
	starkFeSub(&t2, &t0, &t2)      // 30
	// 31: t2 = a·t2 = t2
	starkFeAdd(&t4, &t4, &t2) // 32
	starkFeMul(&t2, &t1, &t4) // 33
	starkFeAdd(&y3, &y3, &t2) // 34
	starkFeMul(&t2, &t5, &t4) // 35
	starkFeMul(&x3, &t3, &x3) // 36
	starkFeSub(&x3, &x3, &t2) // 37
	starkFeMul(&t2, &t3, &t1) // 38
	starkFeMul(&t1, &t5, &z3) // 39
	starkFeAdd(&z3, &t1, &t2) // 40
	r.x, r.y, r.z = x3, y3, z3
	return r
}

// double sets r = 2p with Algorithm 3 of the same paper, the complete
// doubling for any a (8 multiplications and 3 squarings instead of the
// addition's 12 multiplications), a = 1 again. r may alias p.
func (r *starkPoint) double(p *starkPoint) *starkPoint {
	var t0, t1, t2, t3, x3, y3, z3 starkFe
	starkFeSquare(&t0, &p.x)       // 1
	starkFeSquare(&t1, &p.y)       // 2
	starkFeSquare(&t2, &p.z)       // 3
	starkFeMul(&t3, &p.x, &p.y)    // 4
	starkFeAdd(&t3, &t3, &t3)      // 5
	starkFeMul(&z3, &p.x, &p.z)    // 6
	starkFeAdd(&z3, &z3, &z3)      // 7
	x3 = z3                        // 8: X3 = a·Z3
	starkFeMul(&y3, &starkB3, &t2) // 9
	starkFeAdd(&y3, &x3, &y3)      // 10
	starkFeSub(&x3, &t1, &y3)      // 11
	starkFeAdd(&y3, &t1, &y3)      // 12
	starkFeMul(&y3, &x3, &y3)      // 13
	starkFeMul(&x3, &t3, &x3)      // 14
	starkFeMul(&z3, &starkB3, &z3) // 15
	// 16: t2 = a·t2 = t2
	starkFeSub(&t3, &t0, &t2) // 17
	// 18: t3 = a·t3 = t3
	starkFeAdd(&t3, &t3, &z3)   // 19
	starkFeAdd(&z3, &t0, &t0)   // 20
	starkFeAdd(&t0, &z3, &t0)   // 21
	starkFeAdd(&t0, &t0, &t2)   // 22
	starkFeMul(&t0, &t0, &t3)   // 23
	starkFeAdd(&y3, &y3, &t0)   // 24
	starkFeMul(&t2, &p.y, &p.z) // 25
	starkFeAdd(&t2, &t2, &t2)   // 26
	starkFeMul(&t0, &t2, &t3)   // 27
	starkFeSub(&x3, &x3, &t0)   // 28
	starkFeMul(&z3, &t2, &t1)   // 29
	starkFeAdd(&z3, &z3, &z3)   // 30
	starkFeAdd(&z3, &z3, &z3)   // 31
	r.x, r.y, r.z = x3, y3, z3
	return r
}

// negate sets r = −p.
func (r *starkPoint) negate(p *starkPoint) *starkPoint {
	r.x, r.z = p.x, p.z
	starkFeNeg(&r.y, &p.y)
	return r
}

// selectFrom sets r = table[idx] reading every entry, so the memory access
// pattern does not depend on idx.
func (r *starkPoint) selectFrom(table *[16]starkPoint, idx int) {
	*r = starkPoint{}
	for i := range table {
		on := subtle.ConstantTimeEq(int32(i), int32(idx))
		starkFeSelect(&r.x, &r.x, &table[i].x, on)
		starkFeSelect(&r.y, &r.y, &table[i].y, on)
		starkFeSelect(&r.z, &r.z, &table[i].z, on)
	}
}

// table returns 0·p, 1·p, …, 15·p.
func (p *starkPoint) table() *[16]starkPoint {
	var t [16]starkPoint
	t[0] = *starkIdentity()
	t[1] = *p
	for i := 2; i < 16; i++ {
		t[i].add(&t[i-1], p)
	}
	return &t
}

// affine returns (x, y) in Montgomery form and whether p is the identity.
// The inversion is constant time; the identity maps to (0, 0).
func (p *starkPoint) affine() (x, y starkFe, identity int) {
	var zi starkFe
	starkFeInvert(&zi, &p.z)
	starkFeMul(&x, &p.x, &zi)
	starkFeMul(&y, &p.y, &zi)
	return x, y, starkFeIsZero(&p.z)
}

func (starkCurve) Identity() Point { return starkIdentity() }

func (starkCurve) Generator() Point {
	g := starkGen
	return &g
}

// starkBaseTable holds d·16^w·G for each of the 64 4-bit windows w of a
// scalar and each digit d < 16: 96 KiB, built on first use (about 1000
// additions) and only read afterwards, so it is safe for concurrent use.
var starkBaseTable = sync.OnceValue(func() *[64][16]starkPoint {
	var t [64][16]starkPoint
	base := starkGen
	for w := range t {
		t[w] = *base.table()
		for k := 0; k < 4; k++ {
			base.double(&base)
		}
	}
	return &t
})

// ScalarBaseMult returns s·G in constant time: one look-up per 4-bit
// window in the precomputed table, each a scan of all 16 entries, and one
// complete addition per window whatever the digit, with no doublings.
func (starkCurve) ScalarBaseMult(s Scalar) Point {
	b := starkScalarField.scalar(s).Bytes()
	tab := starkBaseTable()
	acc := starkIdentity()
	var q starkPoint
	for w := 0; w < 64; w++ {
		d := int(b[31-w/2]>>(4*(w%2))) & 0x0f
		q.selectFrom(&tab[w], d)
		acc.add(acc, &q)
	}
	clear(b)
	return acc
}

// DecodePoint accepts only the 33-byte compressed form (prefix 0x02 for
// even y or 0x03 for odd y, x < p, x³ + x + β a square) and, if
// allowIdentity, 33 zero bytes for the identity. The curve's order n is
// prime, so every point on it is in the group. Points are public: the
// checks may branch and the square root is variable time.
func (starkCurve) DecodePoint(b []byte, allowIdentity bool) (Point, error) {
	if len(b) != 33 {
		return nil, fmt.Errorf("%w: stark point of %d bytes", ErrInvalidLength, len(b))
	}
	if isAllZero(b) {
		if !allowIdentity {
			return nil, ErrIdentity
		}
		return starkIdentity(), nil
	}
	if b[0] != 0x02 && b[0] != 0x03 {
		return nil, fmt.Errorf("%w: stark prefix 0x%02x", ErrNonCanonical, b[0])
	}
	p, err := starkLiftX(b[1:], b[0] == 0x03)
	if err != nil {
		return nil, err
	}
	return p, nil
}

// starkLiftX returns the point with the 32-byte big-endian x-coordinate x
// and y of the given parity. Public values only (variable time).
func starkLiftX(xb []byte, odd bool) (*starkPoint, error) {
	var x starkFe
	if !starkFeSetBytes(&x, xb) {
		return nil, fmt.Errorf("%w: stark x >= p", ErrNonCanonical)
	}
	var rhs, t, y starkFe
	starkFeSquare(&t, &x)
	starkFeMul(&t, &t, &x)
	starkFeAdd(&rhs, &t, &x)
	starkFeAdd(&rhs, &rhs, &starkBeta)
	if !starkFeSqrtVarTime(&y, &rhs) {
		return nil, fmt.Errorf("%w: stark", ErrNotOnCurve)
	}
	yb := starkFeBytes(&y)
	if (yb[31]&1 == 1) != odd {
		starkFeNeg(&y, &y)
	}
	return &starkPoint{x: x, y: y, z: starkOne}, nil
}

// VarTimeMultiScalarMult returns Σ scalars[i]·points[i] by Straus's method
// with 4-bit windows and shared doublings. Variable time: public scalars
// only.
func (starkCurve) VarTimeMultiScalarMult(scalars []Scalar, points []Point) Point {
	if len(scalars) != len(points) {
		panic("curve: VarTimeMultiScalarMult length mismatch")
	}
	tables := make([]*[16]starkPoint, len(points))
	digits := make([][]byte, len(points))
	for i := range points {
		tables[i] = toStarkPoint(points[i]).table()
		digits[i] = starkScalarField.scalar(scalars[i]).Bytes()
	}
	acc := starkIdentity()
	for w := 0; w < 64; w++ {
		if w > 0 {
			for k := 0; k < 4; k++ {
				acc.double(acc)
			}
		}
		for i := range digits {
			d := digits[i][w/2] >> (4 * (1 - w%2)) & 0x0f
			if d != 0 { // public scalar: may branch
				acc.add(acc, &tables[i][d])
			}
		}
	}
	return acc
}

func (p *starkPoint) Curve() Curve { return starkCurve{} }

func (p *starkPoint) Add(o Point) Point { return new(starkPoint).add(p, toStarkPoint(o)) }

func (p *starkPoint) Sub(o Point) Point {
	var n starkPoint
	n.negate(toStarkPoint(o))
	return new(starkPoint).add(p, &n)
}

func (p *starkPoint) Negate() Point { return new(starkPoint).negate(p) }

// ScalarMult returns s·p in constant time: 4-bit fixed windows over the 32
// scalar bytes, most significant first, each window's multiple read from a
// 16-entry table with a constant-time scan (selectFrom) and added with the
// complete law even when the window is zero.
func (p *starkPoint) ScalarMult(s Scalar) Point {
	b := starkScalarField.scalar(s).Bytes()
	tab := p.table()
	acc := starkIdentity()
	var q starkPoint
	for w := 0; w < 64; w++ {
		if w > 0 {
			for k := 0; k < 4; k++ {
				acc.double(acc)
			}
		}
		d := int(b[w/2]>>(4*(1-w%2))) & 0x0f
		q.selectFrom(tab, d)
		acc.add(acc, &q)
	}
	clear(b)
	clear(tab[:])
	return acc
}

// VarTimeScalarMult returns s·p skipping zero windows. Variable time:
// public s only.
func (p *starkPoint) VarTimeScalarMult(s Scalar) Point {
	return starkCurve{}.VarTimeMultiScalarMult([]Scalar{s}, []Point{p})
}

// Equal compares X1·Z2 with X2·Z1 and Y1·Z2 with Y2·Z1, in constant time.
func (p *starkPoint) Equal(o Point) bool {
	v, ok := o.(*starkPoint)
	if !ok {
		return false
	}
	var a, b, c, d starkFe
	starkFeMul(&a, &p.x, &v.z)
	starkFeMul(&b, &v.x, &p.z)
	starkFeMul(&c, &p.y, &v.z)
	starkFeMul(&d, &v.y, &p.z)
	return starkFeEqual(&a, &b)&starkFeEqual(&c, &d) == 1
}

func (p *starkPoint) IsIdentity() bool { return starkFeIsZero(&p.z) == 1 }

// Bytes returns the 33-byte compressed encoding, or 33 zero bytes for the
// identity.
func (p *starkPoint) Bytes() []byte {
	x, y, id := p.affine()
	out := make([]byte, 33)
	if id == 1 {
		return out
	}
	xb, yb := starkFeBytes(&x), starkFeBytes(&y)
	out[0] = 0x02 | yb[31]&1
	copy(out[1:], xb[:])
	return out
}
