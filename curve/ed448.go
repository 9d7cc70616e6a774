package curve

import (
	"crypto/subtle"
	"fmt"

	"github.com/cloudflare/circl/ecc/goldilocks"
)

// ed448Curve is the prime-order subgroup of Ed448-Goldilocks (RFC 8032
// section 5.2, RFC 7748), backed by circl's ecc/goldilocks. circl's scalar
// multiplications by a secret (ScalarBaseMult and ScalarMult, through the
// 4-isogenous twisted curve) run in constant time: a fixed-window recoding,
// table lookups by conditional moves and conditional negation; they branch
// only on whether the scalar is zero. Its point addition is the complete
// formula of Hisil et al. (2008) on field arithmetic without branches.
// CombinedMult is variable time and serves the VarTime functions only.
//
// circl's multiplications drop any torsion component of the input point
// (they compute through the isogeny), so they equal [k]P only for points of
// the prime-order subgroup. DecodePoint therefore admits no other point,
// and every point built here is a combination of subgroup points.
type ed448Curve struct{}

// Ed448 returns the prime-order subgroup of Ed448-Goldilocks. Scalars encode
// as 57 bytes little-endian and points as 57-byte RFC 8032 section 5.2.2
// encodings, as RFC 9591 section 6.3 prescribes.
func Ed448() Curve { return ed448Curve{} }

const ed448PointSize = 57

func (ed448Curve) Name() string   { return "ed448" }
func (ed448Curve) ID() ID         { return IDEd448 }
func (ed448Curve) PointSize() int { return ed448PointSize }

func (ed448Curve) Identity() Point  { return &ed448Point{p: *goldilocks.Curve{}.Identity()} }
func (ed448Curve) Generator() Point { return &ed448Point{p: *goldilocks.Curve{}.Generator()} }

func (ed448Curve) ScalarBaseMult(s Scalar) Point {
	return &ed448Point{p: *goldilocks.Curve{}.ScalarBaseMult(&toEd448Scalar(s).s)}
}

// DecodePoint is RFC 8032 section 5.2.3 decoding with the checks RFC 9591
// section 6.3 adds for DeserializeElement: circl's FromBytes rejects y >= p,
// set bits other than the sign of x, x = 0 with the sign set and y values
// with no x; the re-encoding must equal the input; the identity is refused
// unless allowed; and the point must be in the prime-order subgroup,
// checked as [q]P = O (a point with a torsion component fails with
// ErrSmallOrder, as on edwards25519).
func (ed448Curve) DecodePoint(b []byte, allowIdentity bool) (Point, error) {
	if len(b) != ed448PointSize {
		return nil, fmt.Errorf("%w: Ed448 point of %d bytes", ErrInvalidLength, len(b))
	}
	p, err := goldilocks.FromBytes(b)
	if err != nil {
		return nil, fmt.Errorf("%w: Ed448", ErrNotOnCurve)
	}
	r := &ed448Point{p: *p}
	if subtle.ConstantTimeCompare(r.Bytes(), b) != 1 {
		return nil, fmt.Errorf("%w: Ed448", ErrNonCanonical)
	}
	if r.IsIdentity() {
		if !allowIdentity {
			return nil, ErrIdentity
		}
		return r, nil
	}
	if !ed448TimesOrderIsIdentity(&r.p) {
		return nil, ErrSmallOrder
	}
	return r, nil
}

// ed448TimesOrderIsIdentity reports whether [q]P = O, by double-and-add
// over the bits of q with circl's complete addition, which (unlike its
// scalar multiplications) keeps torsion components. Variable time: P is a
// public, received point.
func ed448TimesOrderIsIdentity(p *goldilocks.Point) bool {
	acc := goldilocks.Curve{}.Identity()
	for i := 445; i >= 0; i-- {
		acc.Double()
		if ed448OrderLE[i/8]>>(i%8)&1 == 1 {
			acc.Add(p)
		}
	}
	return acc.IsEqual(goldilocks.Curve{}.Identity())
}

// VarTimeMultiScalarMult is variable time: public scalars only.
func (ed448Curve) VarTimeMultiScalarMult(scalars []Scalar, points []Point) Point {
	if len(scalars) != len(points) {
		panic("curve: VarTimeMultiScalarMult length mismatch")
	}
	acc := goldilocks.Curve{}.Identity()
	var zero goldilocks.Scalar
	for i := range scalars {
		q := toEd448Point(points[i]).p
		acc.Add(goldilocks.Curve{}.CombinedMult(&zero, &toEd448Scalar(scalars[i]).s, &q))
	}
	return &ed448Point{p: *acc}
}

// ed448Point is a point of the prime-order subgroup.
type ed448Point struct{ p goldilocks.Point }

func toEd448Point(p Point) *ed448Point {
	v, ok := p.(*ed448Point)
	if !ok {
		panic(ErrWrongCurve)
	}
	return v
}

func (p *ed448Point) Curve() Curve { return ed448Curve{} }
func (p *ed448Point) Add(o Point) Point {
	r := &ed448Point{p: p.p}
	q := toEd448Point(o).p
	r.p.Add(&q)
	return r
}
func (p *ed448Point) Sub(o Point) Point {
	r := &ed448Point{p: p.p}
	q := toEd448Point(o).p
	q.Neg()
	r.p.Add(&q)
	return r
}
func (p *ed448Point) Negate() Point {
	r := &ed448Point{p: p.p}
	r.p.Neg()
	return r
}
func (p *ed448Point) ScalarMult(s Scalar) Point {
	q := p.p
	return &ed448Point{p: *goldilocks.Curve{}.ScalarMult(&toEd448Scalar(s).s, &q)}
}

// VarTimeScalarMult is variable time: public s only.
func (p *ed448Point) VarTimeScalarMult(s Scalar) Point {
	var zero goldilocks.Scalar
	q := p.p
	return &ed448Point{p: *goldilocks.Curve{}.CombinedMult(&zero, &toEd448Scalar(s).s, &q)}
}
func (p *ed448Point) Equal(o Point) bool {
	v, ok := o.(*ed448Point)
	if !ok {
		return false
	}
	a, b := p.p, v.p // IsEqual reduces its operands' coordinates in place
	return a.IsEqual(&b)
}

// IsIdentity compares with the identity projectively: circl's IsIdentity
// compares coordinate representations, which need not be reduced.
func (p *ed448Point) IsIdentity() bool {
	a := p.p
	return a.IsEqual(goldilocks.Curve{}.Identity())
}

// Bytes returns the RFC 8032 encoding. circl's ToBytes normalises its
// receiver to affine coordinates, so it works on a copy: a Point may be
// shared between goroutines.
func (p *ed448Point) Bytes() []byte {
	q := p.p
	out := make([]byte, ed448PointSize)
	if err := q.ToBytes(out); err != nil {
		panic(err) // unreachable: the buffer has the right size
	}
	return out
}
