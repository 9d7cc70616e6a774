package curve

import (
	"bytes"
	"fmt"

	"filippo.io/nistec"
)

// p256FieldPrime is p = 2^256 − 2^224 + 2^192 + 2^96 − 1, big-endian (SEC 2
// section 2.4.2). DecodePoint compares coordinates with it so that x >= p
// is reported as non-canonical rather than as off the curve.
var p256FieldPrime = []byte{
	0xff, 0xff, 0xff, 0xff, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
}

// p256Point is a P-256 point. nistec's arithmetic is complete (the
// Renes–Costello–Batina formulas, or Go's assembly with explicit identity
// handling) and constant time.
type p256Point struct{ p nistec.P256Point }

func toP256Point(p Point) *p256Point {
	v, ok := p.(*p256Point)
	if !ok {
		panic(ErrWrongCurve)
	}
	return v
}

func (p256Curve) Identity() Point { return &p256Point{p: *nistec.NewP256Point()} }

func (p256Curve) Generator() Point {
	r := new(p256Point)
	r.p.SetGenerator()
	return r
}

// ScalarBaseMult uses nistec's constant-time fixed-base multiplication.
func (p256Curve) ScalarBaseMult(s Scalar) Point {
	b := p256ScalarField.scalar(s).Bytes()
	r := &p256Point{p: *nistec.NewP256Point()}
	if _, err := r.p.ScalarBaseMult(b); err != nil {
		panic(err) // unreachable: 32 bytes
	}
	clear(b)
	return r
}

// DecodePoint accepts only the 33-byte SEC1 compressed form (prefix 0x02 or
// 0x03, x < p, x on the curve) and, if allowIdentity, 33 zero bytes for the
// identity. P-256 has cofactor 1, so every curve point is in the group.
// Points are public: the checks may branch.
func (p256Curve) DecodePoint(b []byte, allowIdentity bool) (Point, error) {
	if len(b) != 33 {
		return nil, fmt.Errorf("%w: P-256 point of %d bytes", ErrInvalidLength, len(b))
	}
	if isAllZero(b) {
		if !allowIdentity {
			return nil, ErrIdentity
		}
		return p256Curve{}.Identity(), nil
	}
	if b[0] != 0x02 && b[0] != 0x03 {
		return nil, fmt.Errorf("%w: P-256 prefix 0x%02x", ErrNonCanonical, b[0])
	}
	return p256FromSEC1(b)
}

// p256FromSEC1 decodes a 33-byte compressed or 65-byte uncompressed SEC1
// encoding whose prefix the caller checked, reporting x or y >= p as
// non-canonical and anything else nistec refuses as off the curve.
func p256FromSEC1(b []byte) (*p256Point, error) {
	for i := 1; i < len(b); i += 32 {
		if bytes.Compare(b[i:i+32], p256FieldPrime) >= 0 {
			return nil, fmt.Errorf("%w: P-256 coordinate >= p", ErrNonCanonical)
		}
	}
	r := new(p256Point)
	if _, err := r.p.SetBytes(b); err != nil {
		return nil, fmt.Errorf("%w: P-256", ErrNotOnCurve)
	}
	return r, nil
}

// VarTimeMultiScalarMult returns Σ scalars[i]·points[i]. nistec has no
// variable-time multiplication, so each term uses the constant-time one:
// correct for public scalars, only not as fast as it could be.
func (p256Curve) VarTimeMultiScalarMult(scalars []Scalar, points []Point) Point {
	if len(scalars) != len(points) {
		panic("curve: VarTimeMultiScalarMult length mismatch")
	}
	acc := &p256Point{p: *nistec.NewP256Point()}
	for i := range scalars {
		acc.p.Add(&acc.p, &toP256Point(points[i].ScalarMult(scalars[i])).p)
	}
	return acc
}

func (p *p256Point) Curve() Curve { return p256Curve{} }

func (p *p256Point) Add(o Point) Point {
	r := &p256Point{p: *nistec.NewP256Point()}
	r.p.Add(&p.p, &toP256Point(o).p)
	return r
}

func (p *p256Point) Sub(o Point) Point {
	return p.Add(o.Negate())
}

func (p *p256Point) Negate() Point {
	r := &p256Point{p: *nistec.NewP256Point()}
	r.p.Negate(&p.p)
	return r
}

// ScalarMult uses nistec's constant-time multiplication (signed 5-bit
// windows with constant-time table lookups).
func (p *p256Point) ScalarMult(s Scalar) Point {
	b := p256ScalarField.scalar(s).Bytes()
	r := &p256Point{p: *nistec.NewP256Point()}
	if _, err := r.p.ScalarMult(&p.p, b); err != nil {
		panic(err) // unreachable: 32 bytes
	}
	clear(b)
	return r
}

// VarTimeScalarMult is ScalarMult: nistec offers only constant-time
// multiplication, which is also correct for public scalars.
func (p *p256Point) VarTimeScalarMult(s Scalar) Point { return p.ScalarMult(s) }

func (p *p256Point) Equal(o Point) bool {
	v, ok := o.(*p256Point)
	return ok && p.p.Equal(&v.p) == 1
}

func (p *p256Point) IsIdentity() bool { return p.p.IsInfinity() == 1 }

func (p *p256Point) Bytes() []byte {
	if p.IsIdentity() {
		return make([]byte, 33)
	}
	return p.p.BytesCompressed()
}

// uncompressed returns the 65-byte SEC1 uncompressed encoding of a point
// that is not the identity.
func (p *p256Point) uncompressed() []byte { return p.p.Bytes() }
