package curve

import (
	"fmt"

	"github.com/cronokirby/saferith"
	"github.com/decred/dcrd/dcrec/secp256k1/v4"
)

// secpPoint is a secp256k1 point in homogeneous projective coordinates
// (X:Y:Z), x = X/Z, y = Y/Z, identity (0:1:0). Coordinates are kept
// normalized (magnitude 1) between operations so decred's field preconditions
// always hold.
type secpPoint struct{ x, y, z secp256k1.FieldVal }

func toSecpPoint(p Point) *secpPoint {
	v, ok := p.(*secpPoint)
	if !ok {
		panic(ErrWrongCurve)
	}
	return v
}

func secpIdentity() *secpPoint {
	p := new(secpPoint)
	p.y.SetInt(1)
	return p
}

func (secp256k1Curve) Identity() Point { return secpIdentity() }

func (secp256k1Curve) Generator() Point {
	var g secp256k1.JacobianPoint
	var one secp256k1.ModNScalar
	one.SetInt(1)
	secp256k1.ScalarBaseMultNonConst(&one, &g) // public constant
	return fromJacobian(&g)
}

func (secp256k1Curve) ScalarBaseMult(s Scalar) Point {
	return secpBaseMult(&toSecpScalar(s).s)
}

func (c secp256k1Curve) DecodePoint(b []byte, allowIdentity bool) (Point, error) {
	if len(b) != 33 {
		return nil, fmt.Errorf("%w: secp256k1 point of %d bytes", ErrInvalidLength, len(b))
	}
	if isAllZero(b) {
		if !allowIdentity {
			return nil, ErrIdentity
		}
		return secpIdentity(), nil
	}
	if b[0] != 0x02 && b[0] != 0x03 {
		return nil, fmt.Errorf("%w: secp256k1 prefix 0x%02x", ErrNonCanonical, b[0])
	}
	p, err := secpLiftX(b[1:], b[0] == 0x03)
	if err != nil {
		return nil, err
	}
	return p, nil
}

// secpLiftX returns the point with x-coordinate xb (32 bytes big-endian) and
// the requested y parity. Points are public, so the square root need not be
// constant time (decred's is, regardless).
func secpLiftX(xb []byte, odd bool) (*secpPoint, error) {
	var xa [32]byte
	copy(xa[:], xb)
	p := new(secpPoint)
	if p.x.SetBytes(&xa) != 0 {
		return nil, fmt.Errorf("%w: x >= p", ErrNonCanonical)
	}
	if !secp256k1.DecompressY(&p.x, odd, &p.y) {
		return nil, ErrNotOnCurve
	}
	p.y.Normalize()
	p.z.SetInt(1)
	return p, nil
}

func isAllZero(b []byte) bool {
	var acc byte
	for _, v := range b {
		acc |= v
	}
	return acc == 0
}

// toJacobian converts to decred's Jacobian form (X·Z, Y·Z², Z) without an
// inversion; the identity maps to decred's (0, 0, 0).
func (p *secpPoint) toJacobian(out *secp256k1.JacobianPoint) {
	if p.z.IsZero() {
		out.X.Zero()
		out.Y.Zero()
		out.Z.Zero()
		return
	}
	var z2 secp256k1.FieldVal
	z2.SquareVal(&p.z)
	out.X.Mul2(&p.x, &p.z).Normalize()
	out.Y.Mul2(&p.y, &z2).Normalize()
	out.Z.Set(&p.z)
}

// fromJacobian converts decred's Jacobian (X, Y, Z) to projective
// (X·Z, Y, Z³).
func fromJacobian(j *secp256k1.JacobianPoint) *secpPoint {
	if j.Z.IsZero() || (j.X.IsZero() && j.Y.IsZero()) {
		return secpIdentity()
	}
	p := new(secpPoint)
	var z3 secp256k1.FieldVal
	z3.SquareVal(&j.Z).Mul(&j.Z)
	p.x.Mul2(&j.X, &j.Z).Normalize()
	p.y.Set(&j.Y).Normalize()
	p.z.Set(&z3).Normalize()
	return p
}

func (p *secpPoint) Curve() Curve { return secp256k1Curve{} }

func (p *secpPoint) Add(o Point) Point {
	r := new(secpPoint)
	secpAdd(r, p, toSecpPoint(o))
	return r
}

func (p *secpPoint) Sub(o Point) Point {
	return p.Add(o.Negate())
}

func (p *secpPoint) Negate() Point {
	r := &secpPoint{x: p.x, z: p.z}
	r.y.NegateVal(&p.y, 1).Normalize()
	return r
}

func (p *secpPoint) ScalarMult(s Scalar) Point {
	return secpScalarMult(&toSecpScalar(s).s, p)
}

// VarTimeScalarMult uses the multi-scalar code with one term: GLV with
// width-5 wNAF, or decred's precomputed tables for G, both measurably faster
// than decred's ScalarMultNonConst (GLV with plain NAF) for arbitrary points.
func (p *secpPoint) VarTimeScalarMult(s Scalar) Point {
	return secp256k1Curve{}.VarTimeMultiScalarMult([]Scalar{s}, []Point{p})
}

func (p *secpPoint) Equal(o Point) bool {
	q, ok := o.(*secpPoint)
	if !ok {
		return false
	}
	var a, b, c, d secp256k1.FieldVal
	a.Mul2(&p.x, &q.z).Normalize()
	b.Mul2(&q.x, &p.z).Normalize()
	c.Mul2(&p.y, &q.z).Normalize()
	d.Mul2(&q.y, &p.z).Normalize()
	return a.Equals(&b) && c.Equals(&d)
}

func (p *secpPoint) IsIdentity() bool { return p.z.IsZero() }

// affine returns normalized affine coordinates; the caller checks identity.
func (p *secpPoint) affine() (x, y secp256k1.FieldVal) {
	var zinv secp256k1.FieldVal
	zinv.Set(&p.z).Inverse()
	x.Mul2(&p.x, &zinv).Normalize()
	y.Mul2(&p.y, &zinv).Normalize()
	return x, y
}

func (p *secpPoint) Bytes() []byte {
	out := make([]byte, 33)
	if p.IsIdentity() {
		return out
	}
	x, y := p.affine()
	out[0] = 0x02
	if y.IsOdd() {
		out[0] = 0x03
	}
	x.PutBytesUnchecked(out[1:])
	return out
}

// secp256k1Point returns p as a *secpPoint or an error naming the curve.
func secp256k1Point(p Point) (*secpPoint, error) {
	v, ok := p.(*secpPoint)
	if !ok {
		return nil, ErrNotSecp256k1
	}
	return v, nil
}

// scalarFromFieldBytes reduces a 32-byte big-endian field element mod n.
func scalarFromFieldBytes(b *[32]byte) *secpScalar {
	s := new(secpScalar)
	s.s.SetBytes(b) // p < 2n, so one conditional subtraction is a full reduction
	return s
}

var _ = saferith.Choice(0)

// secpGenerator is G in the normalized projective form (x : y : 1).
var secpGenerator = func() *secpPoint {
	x, y := toSecpPoint(secp256k1Curve{}.Generator()).affine()
	p := &secpPoint{x: x, y: y}
	p.z.SetInt(1)
	return p
}()

// isGenerator reports whether p = G. Variable time: public points only.
func (p *secpPoint) isGenerator() bool {
	if p.IsIdentity() {
		return false
	}
	var x, y secp256k1.FieldVal
	x.Mul2(&secpGenerator.x, &p.z).Normalize()
	y.Mul2(&secpGenerator.y, &p.z).Normalize()
	return x.Equals(&p.x) && y.Equals(&p.y)
}
