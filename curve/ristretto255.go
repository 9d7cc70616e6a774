package curve

import (
	"crypto/sha512"
	"crypto/subtle"
	"fmt"
	"io"

	"filippo.io/edwards25519"
	"github.com/cronokirby/saferith"
	"github.com/gtank/ristretto255"
)

// ristrettoCurve is ristretto255 (RFC 9496), the prime-order group built
// from edwards25519. Group elements come from github.com/gtank/ristretto255,
// whose element arithmetic, encoding and decoding are constant time except
// where named VarTime. Scalars are integers modulo the same ℓ as
// edwards25519, so they reuse filippo.io/edwards25519's constant-time Scalar
// (which, unlike gtank's, defines the inverse of zero as zero, as the
// Scalar interface asks) and cross to gtank's scalar type through their
// common 32-byte little-endian canonical encoding.
type ristrettoCurve struct{}

// Ristretto255 returns the ristretto255 group (RFC 9496). Scalars encode as
// 32 bytes little-endian, elements as the 32-byte canonical encoding of
// RFC 9496 section 4.3.2.
func Ristretto255() Curve { return ristrettoCurve{} }

func (ristrettoCurve) Name() string             { return "ristretto255" }
func (ristrettoCurve) ID() ID                   { return IDRistretto255 }
func (ristrettoCurve) ScalarSize() int          { return 32 }
func (ristrettoCurve) PointSize() int           { return 32 }
func (ristrettoCurve) Order() *saferith.Modulus { return saferith.ModulusFromBytes(ed25519OrderBytes) }
func (ristrettoCurve) NewScalar() Scalar        { return new(ristrettoScalar) }

func (ristrettoCurve) ScalarFromUint64(v uint64) Scalar {
	return &ristrettoScalar{s: toEdScalar(ed25519Curve{}.ScalarFromUint64(v)).s}
}

func (ristrettoCurve) ScalarFromNat(n *saferith.Nat) Scalar {
	return &ristrettoScalar{s: toEdScalar(ed25519Curve{}.ScalarFromNat(n)).s}
}

func (ristrettoCurve) ScalarFromInt(n *saferith.Int) Scalar {
	return &ristrettoScalar{s: toEdScalar(ed25519Curve{}.ScalarFromInt(n)).s}
}

func (ristrettoCurve) RandomScalar(rand io.Reader) (Scalar, error) {
	s, err := ed25519Curve{}.RandomScalar(rand)
	if err != nil {
		return nil, err
	}
	return &ristrettoScalar{s: toEdScalar(s).s}, nil
}

func (ristrettoCurve) DecodeScalar(b []byte) (Scalar, error) {
	if len(b) != 32 {
		return nil, fmt.Errorf("%w: ristretto255 scalar of %d bytes", ErrInvalidLength, len(b))
	}
	s := new(ristrettoScalar)
	if _, err := s.s.SetCanonicalBytes(b); err != nil {
		return nil, fmt.Errorf("%w: ristretto255", ErrScalarOverflow)
	}
	return s, nil
}

// HashToScalar is RFC 9591 section 6.2's H1, H3 and (with the "chal" tag)
// H2: SHA-512(dst || msgs...) read little-endian and reduced mod ℓ.
func (ristrettoCurve) HashToScalar(dst []byte, msgs ...[]byte) Scalar {
	h := sha512.New()
	h.Write(dst)
	for _, m := range msgs {
		h.Write(m)
	}
	s := new(ristrettoScalar)
	if _, err := s.s.SetUniformBytes(h.Sum(nil)); err != nil {
		panic(err) // unreachable: 64 bytes
	}
	return s
}

func (ristrettoCurve) Identity() Point  { return &ristrettoPoint{} }
func (ristrettoCurve) Generator() Point { return ristrettoFrom(new(ristretto255.Element).Base()) }

func (ristrettoCurve) ScalarBaseMult(s Scalar) Point {
	k := toRistrettoScalar(s).gtank()
	r := new(ristretto255.Element).ScalarBaseMult(k)
	k.Zero()
	return ristrettoFrom(r)
}

// DecodePoint is RFC 9496 section 4.3.1: gtank's Decode rejects
// non-canonical field elements, negative s, non-squares and the other
// invalid encodings. Every decoded element is in the prime-order group by
// construction, so no subgroup check is needed; the identity (all zeros) is
// refused unless allowed.
func (ristrettoCurve) DecodePoint(b []byte, allowIdentity bool) (Point, error) {
	if len(b) != 32 {
		return nil, fmt.Errorf("%w: ristretto255 element of %d bytes", ErrInvalidLength, len(b))
	}
	e := ristretto255.NewElement()
	if err := e.Decode(b); err != nil {
		return nil, fmt.Errorf("%w: ristretto255", ErrNonCanonical)
	}
	// Decode accepts only canonical encodings; re-encoding guards that
	// promise rather than trusting it.
	if subtle.ConstantTimeCompare(e.Encode(nil), b) != 1 {
		return nil, fmt.Errorf("%w: ristretto255", ErrNonCanonical)
	}
	p := ristrettoFrom(e)
	if p.IsIdentity() && !allowIdentity {
		return nil, ErrIdentity
	}
	return p, nil
}

// VarTimeMultiScalarMult is variable time: public scalars only.
func (ristrettoCurve) VarTimeMultiScalarMult(scalars []Scalar, points []Point) Point {
	if len(scalars) != len(points) {
		panic("curve: VarTimeMultiScalarMult length mismatch")
	}
	if len(scalars) == 0 {
		return &ristrettoPoint{}
	}
	ss := make([]*ristretto255.Scalar, len(scalars))
	ps := make([]*ristretto255.Element, len(points))
	for i := range scalars {
		ss[i] = toRistrettoScalar(scalars[i]).gtank()
		ps[i] = toRistrettoPoint(points[i]).element()
	}
	return ristrettoFrom(new(ristretto255.Element).VarTimeMultiScalarMult(ss, ps))
}

// ristrettoScalar is a scalar mod ℓ.
type ristrettoScalar struct{ s edwards25519.Scalar }

func toRistrettoScalar(s Scalar) *ristrettoScalar {
	v, ok := s.(*ristrettoScalar)
	if !ok {
		panic(ErrWrongCurve)
	}
	return v
}

// gtank returns the scalar as gtank's type, through the canonical encoding
// both types share. The caller zeroes it when the scalar is secret.
func (s *ristrettoScalar) gtank() *ristretto255.Scalar {
	k := ristretto255.NewScalar()
	if err := k.Decode(s.s.Bytes()); err != nil {
		panic(err) // unreachable: edwards25519.Scalar is always canonical
	}
	return k
}

func (s *ristrettoScalar) Curve() Curve { return ristrettoCurve{} }
func (s *ristrettoScalar) Add(o Scalar) Scalar {
	r := new(ristrettoScalar)
	r.s.Add(&s.s, &toRistrettoScalar(o).s)
	return r
}
func (s *ristrettoScalar) Sub(o Scalar) Scalar {
	r := new(ristrettoScalar)
	r.s.Subtract(&s.s, &toRistrettoScalar(o).s)
	return r
}
func (s *ristrettoScalar) Mul(o Scalar) Scalar {
	r := new(ristrettoScalar)
	r.s.Multiply(&s.s, &toRistrettoScalar(o).s)
	return r
}
func (s *ristrettoScalar) Negate() Scalar {
	r := new(ristrettoScalar)
	r.s.Negate(&s.s)
	return r
}
func (s *ristrettoScalar) Invert() Scalar {
	r := new(ristrettoScalar)
	r.s.Invert(&s.s) // constant time; 0 maps to 0
	return r
}
func (s *ristrettoScalar) Equal(o Scalar) bool {
	v, ok := o.(*ristrettoScalar)
	return ok && s.s.Equal(&v.s) == 1
}
func (s *ristrettoScalar) IsZero() bool       { return s.s.Equal(edwards25519.NewScalar()) == 1 }
func (s *ristrettoScalar) Bytes() []byte      { return s.s.Bytes() }
func (s *ristrettoScalar) Nat() *saferith.Nat { return (&edScalar{s: s.s}).Nat() }
func (s *ristrettoScalar) Zeroize()           { s.s.Set(edwards25519.NewScalar()) }

// ristrettoPoint is a ristretto255 element. The zero value is the identity.
type ristrettoPoint struct {
	e   ristretto255.Element
	set bool // false: the identity, whatever e holds
}

func ristrettoFrom(e *ristretto255.Element) *ristrettoPoint {
	return &ristrettoPoint{e: *e, set: true}
}

// element returns the point as a fresh gtank element (the zero value of
// gtank's Element is not a valid element, so the identity is built).
func (p *ristrettoPoint) element() *ristretto255.Element {
	if !p.set {
		return ristretto255.NewElement()
	}
	e := p.e
	return &e
}

func toRistrettoPoint(p Point) *ristrettoPoint {
	v, ok := p.(*ristrettoPoint)
	if !ok {
		panic(ErrWrongCurve)
	}
	return v
}

func (p *ristrettoPoint) Curve() Curve { return ristrettoCurve{} }
func (p *ristrettoPoint) Add(o Point) Point {
	return ristrettoFrom(new(ristretto255.Element).Add(p.element(), toRistrettoPoint(o).element()))
}
func (p *ristrettoPoint) Sub(o Point) Point {
	return ristrettoFrom(new(ristretto255.Element).Subtract(p.element(), toRistrettoPoint(o).element()))
}
func (p *ristrettoPoint) Negate() Point {
	return ristrettoFrom(new(ristretto255.Element).Negate(p.element()))
}
func (p *ristrettoPoint) ScalarMult(s Scalar) Point {
	k := toRistrettoScalar(s).gtank()
	r := new(ristretto255.Element).ScalarMult(k, p.element())
	k.Zero()
	return ristrettoFrom(r)
}

// VarTimeScalarMult is variable time: public s only.
func (p *ristrettoPoint) VarTimeScalarMult(s Scalar) Point {
	k := toRistrettoScalar(s).gtank()
	return ristrettoFrom(new(ristretto255.Element).VarTimeMultiScalarMult([]*ristretto255.Scalar{k}, []*ristretto255.Element{p.element()}))
}
func (p *ristrettoPoint) Equal(o Point) bool {
	v, ok := o.(*ristrettoPoint)
	return ok && p.element().Equal(v.element()) == 1
}
func (p *ristrettoPoint) IsIdentity() bool {
	return p.element().Equal(ristretto255.NewElement()) == 1
}
func (p *ristrettoPoint) Bytes() []byte { return p.element().Encode(make([]byte, 0, 32)) }
