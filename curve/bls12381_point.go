package curve

import (
	"fmt"

	circl "github.com/cloudflare/circl/ecc/bls12381"
	"github.com/cloudflare/circl/ecc/bls12381/ff"
)

// bls12381G1Point is an element of G1, a circl point in projective
// coordinates. circl's addition is the complete formula of Renes,
// Costello and Batina (no exceptional cases, no branches), so every
// operation below runs in time independent of the point's value.
type bls12381G1Point struct{ p circl.G1 }

func toBLS12381G1Point(p Point) *bls12381G1Point {
	v, ok := p.(*bls12381G1Point)
	if !ok {
		panic(ErrWrongCurve)
	}
	return v
}

// BLS12381G1Point returns the circl form of a G1 point, for package bls,
// which computes pairings with it. It panics on a point of another curve,
// like the Point methods do.
func BLS12381G1Point(p Point) *circl.G1 {
	q := toBLS12381G1Point(p).p
	return &q
}

// BLS12381G1FromCircl wraps a circl G1 point, which the caller knows to be
// in G1 (a product of this package's or circl's G1 operations).
func BLS12381G1FromCircl(p *circl.G1) Point { return &bls12381G1Point{p: *p} }

// bls12381CirclScalar converts a scalar to circl's form; the caller clears
// the result after use if the scalar is secret.
func bls12381CirclScalar(s Scalar) *circl.Scalar {
	b := bls12381ScalarField.scalar(s).Bytes()
	k := new(circl.Scalar)
	if err := k.UnmarshalBinary(b); err != nil {
		panic(err) // unreachable: b is a canonical scalar below r
	}
	clear(b)
	return k
}

func (bls12381G1Curve) Identity() Point {
	p := new(bls12381G1Point)
	p.p.SetIdentity()
	return p
}

func (bls12381G1Curve) Generator() Point { return &bls12381G1Point{p: *circl.G1Generator()} }

func (bls12381G1Curve) ScalarBaseMult(s Scalar) Point {
	return bls12381G1Curve{}.Generator().ScalarMult(s)
}

// bls12381IdentityPrefix is the first byte of the compressed identity:
// compressed (0x80) and infinity (0x40), no sign bit.
const bls12381IdentityPrefix = 0xc0

// DecodePoint accepts the compressed form only (48 bytes, top bit set). It
// rejects the uncompressed flag, the infinity flag with a sign bit or any
// non-zero byte, x >= p, an x that is no point's (x³ + 4 not a square),
// and points outside the order-r subgroup (circl's endomorphism test of
// Bowe, "Faster subgroup checks for BLS12-381", ePrint 2019/814). Then
// the point re-encodes and must give b back, so each group element has
// exactly one accepted encoding. Variable time: public inputs only.
func (bls12381G1Curve) DecodePoint(b []byte, allowIdentity bool) (Point, error) {
	if len(b) != 48 {
		return nil, fmt.Errorf("%w: bls12-381 G1 point of %d bytes", ErrInvalidLength, len(b))
	}
	if b[0]&0x80 == 0 {
		return nil, fmt.Errorf("%w: bls12-381 G1 point without the compression flag", ErrNonCanonical)
	}
	if b[0]&0x40 != 0 {
		if b[0] != bls12381IdentityPrefix || !allZero(b[1:]) {
			return nil, fmt.Errorf("%w: bls12-381 G1 identity with stray bits", ErrNonCanonical)
		}
		if !allowIdentity {
			return nil, fmt.Errorf("%w: bls12-381 G1", ErrIdentity)
		}
		return bls12381G1Curve{}.Identity(), nil
	}
	xb := append([]byte(nil), b...)
	xb[0] &= 0x1f
	var x, rhs, y, four ff.Fp
	if err := x.UnmarshalBinary(xb); err != nil {
		return nil, fmt.Errorf("%w: bls12-381 G1 x not below p", ErrNonCanonical)
	}
	four.SetUint64(4)
	rhs.Sqr(&x)
	rhs.Mul(&rhs, &x)
	rhs.Add(&rhs, &four)
	if y.Sqrt(&rhs) == 0 {
		return nil, fmt.Errorf("%w: bls12-381 G1", ErrNotOnCurve)
	}
	p := new(bls12381G1Point)
	if err := p.p.SetBytes(b); err != nil {
		return nil, fmt.Errorf("%w: bls12-381 G1", ErrSmallOrder)
	}
	if string(p.p.BytesCompressed()) != string(b) {
		return nil, fmt.Errorf("%w: bls12-381 G1 point does not re-encode", ErrNonCanonical)
	}
	return p, nil
}

func allZero(b []byte) bool {
	var acc byte
	for _, v := range b {
		acc |= v
	}
	return acc == 0
}

// VarTimeMultiScalarMult is Straus's method with 4-bit windows: one table
// of 0·P … 15·P per point, then 64 windows that share their four doublings
// and add one table entry per point, skipping zero digits. Variable time:
// the digits decide which additions happen, so public scalars only (the
// Feldman checks of dkg and refresh, the interpolation of package bls).
func (bls12381G1Curve) VarTimeMultiScalarMult(scalars []Scalar, points []Point) Point {
	if len(scalars) != len(points) {
		panic("curve: VarTimeMultiScalarMult length mismatch")
	}
	tables := make([][16]circl.G1, len(points))
	digits := make([][]byte, len(points))
	for i := range points {
		t := &tables[i]
		t[0].SetIdentity()
		t[1] = toBLS12381G1Point(points[i]).p
		for d := 2; d < 16; d++ {
			t[d].Add(&t[d-1], &t[1])
		}
		digits[i] = bls12381ScalarField.scalar(scalars[i]).Bytes()
	}
	acc := new(bls12381G1Point)
	acc.p.SetIdentity()
	for w := 0; w < 64; w++ {
		if w > 0 {
			for k := 0; k < 4; k++ {
				acc.p.Double()
			}
		}
		for i := range tables {
			d := digits[i][w/2] >> (4 * (1 - w%2)) & 0x0f
			if d != 0 {
				acc.p.Add(&acc.p, &tables[i][d])
			}
		}
	}
	return acc
}

func (p *bls12381G1Point) Curve() Curve { return bls12381G1Curve{} }

func (p *bls12381G1Point) Add(o Point) Point {
	r := new(bls12381G1Point)
	r.p.Add(&p.p, &toBLS12381G1Point(o).p)
	return r
}

func (p *bls12381G1Point) Sub(o Point) Point {
	n := toBLS12381G1Point(o).p
	n.Neg()
	r := new(bls12381G1Point)
	r.p.Add(&p.p, &n)
	return r
}

func (p *bls12381G1Point) Negate() Point {
	r := &bls12381G1Point{p: p.p}
	r.p.Neg()
	return r
}

// ScalarMult is circl's fixed-window multiplication: 64 windows of 4 bits
// over all 256 bits of the scalar, each table entry chosen by a
// constant-time conditional move over the whole table, complete additions.
func (p *bls12381G1Point) ScalarMult(s Scalar) Point {
	k := bls12381CirclScalar(s)
	r := new(bls12381G1Point)
	r.p.ScalarMult(k, &p.p)
	*k = circl.Scalar{}
	return r
}

// VarTimeScalarMult is VarTimeMultiScalarMult with one term.
func (p *bls12381G1Point) VarTimeScalarMult(s Scalar) Point {
	return bls12381G1Curve{}.VarTimeMultiScalarMult([]Scalar{s}, []Point{p})
}

func (p *bls12381G1Point) Equal(o Point) bool {
	v, ok := o.(*bls12381G1Point)
	return ok && p.p.IsEqual(&v.p)
}

func (p *bls12381G1Point) IsIdentity() bool { return p.p.IsIdentity() }

// Bytes is the 48-byte compressed encoding (0xc0 then zeros for the
// identity).
func (p *bls12381G1Point) Bytes() []byte { return p.p.BytesCompressed() }
