package curve

import (
	"crypto/sha512"
	"crypto/subtle"
	"fmt"
	"io"

	"filippo.io/edwards25519"
	"github.com/cronokirby/saferith"
)

// ed25519Curve is the prime-order subgroup of edwards25519 (RFC 8032,
// RFC 7748), backed by filippo.io/edwards25519, whose scalar and point
// arithmetic is constant time except where named VarTime.
type ed25519Curve struct{}

// Edwards25519 returns the prime-order subgroup of edwards25519. Scalars encode
// as 32 bytes little-endian, points as RFC 8032 section 5.1.2 encodings.
func Edwards25519() Curve { return ed25519Curve{} }

// ed25519Order is ℓ = 2^252 + 27742317777372353535851937790883648493
// (RFC 8032, section 5.1). It is only ever read (as the modulus of Nat.Mod);
// Order hands out copies built from ed25519OrderBytes.
var (
	ed25519OrderBytes = []byte{
		0x10, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
		0x14, 0xde, 0xf9, 0xde, 0xa2, 0xf7, 0x9c, 0xd6, 0x58, 0x12, 0x63, 0x1a, 0x5c, 0xf5, 0xd3, 0xed,
	}
	ed25519Order = saferith.ModulusFromBytes(ed25519OrderBytes)
)

func (ed25519Curve) Name() string             { return "edwards25519" }
func (ed25519Curve) ID() ID                   { return IDEdwards25519 }
func (ed25519Curve) ScalarSize() int          { return 32 }
func (ed25519Curve) PointSize() int           { return 32 }
func (ed25519Curve) Order() *saferith.Modulus { return saferith.ModulusFromBytes(ed25519OrderBytes) }
func (ed25519Curve) NewScalar() Scalar        { return &edScalar{s: *edwards25519.NewScalar()} }

func (ed25519Curve) ScalarFromUint64(v uint64) Scalar {
	var b [32]byte
	for i := 0; i < 8; i++ {
		b[i] = byte(v >> (8 * i))
	}
	s := new(edScalar)
	if _, err := s.s.SetCanonicalBytes(b[:]); err != nil {
		panic(err) // unreachable: v < 2^64 < ℓ
	}
	return s
}

func (ed25519Curve) ScalarFromNat(n *saferith.Nat) Scalar {
	r := new(saferith.Nat).Mod(n, ed25519Order)
	var be [32]byte
	r.FillBytes(be[:])
	return edScalarFromBE(&be)
}

func edScalarFromBE(be *[32]byte) *edScalar {
	var le [32]byte
	for i := range le {
		le[i] = be[31-i]
	}
	s := new(edScalar)
	if _, err := s.s.SetCanonicalBytes(le[:]); err != nil {
		panic(err) // unreachable: the value was reduced mod ℓ
	}
	return s
}

func (c ed25519Curve) ScalarFromInt(n *saferith.Int) Scalar {
	s := c.ScalarFromNat(n.Abs()).(*edScalar)
	neg := new(edwards25519.Scalar).Negate(&s.s)
	a, b := neg.Bytes(), s.s.Bytes()
	subtle.ConstantTimeCopy(int(n.IsNegative()), b, a)
	if _, err := s.s.SetCanonicalBytes(b); err != nil {
		panic(err) // unreachable: both candidates are canonical
	}
	return s
}

func (ed25519Curve) RandomScalar(rand io.Reader) (Scalar, error) {
	for {
		buf, err := randomWide(rand)
		if err != nil {
			return nil, err
		}
		s := new(edScalar)
		if _, err := s.s.SetUniformBytes(buf); err != nil {
			panic(err) // unreachable: 64 bytes
		}
		clear(buf)
		if !s.IsZero() {
			return s, nil
		}
	}
}

func (ed25519Curve) DecodeScalar(b []byte) (Scalar, error) {
	if len(b) != 32 {
		return nil, fmt.Errorf("%w: edwards25519 scalar of %d bytes", ErrInvalidLength, len(b))
	}
	s := new(edScalar)
	if _, err := s.s.SetCanonicalBytes(b); err != nil {
		return nil, fmt.Errorf("%w: edwards25519", ErrScalarOverflow)
	}
	return s, nil
}

func (ed25519Curve) HashToScalar(dst []byte, msgs ...[]byte) Scalar {
	h := sha512.New()
	h.Write(dst)
	for _, m := range msgs {
		h.Write(m)
	}
	s := new(edScalar)
	if _, err := s.s.SetUniformBytes(h.Sum(nil)); err != nil {
		panic(err) // unreachable: 64 bytes
	}
	return s
}

func (ed25519Curve) Identity() Point  { return &edPoint{p: *edwards25519.NewIdentityPoint()} }
func (ed25519Curve) Generator() Point { return &edPoint{p: *edwards25519.NewGeneratorPoint()} }

func (ed25519Curve) ScalarBaseMult(s Scalar) Point {
	r := new(edPoint)
	r.p.ScalarBaseMult(&toEdScalar(s).s)
	return r
}

// minusOne is ℓ - 1, used to test [ℓ]P = O.
var minusOne = func() *edwards25519.Scalar {
	one := [32]byte{1}
	s, _ := new(edwards25519.Scalar).SetCanonicalBytes(one[:])
	return s.Negate(s)
}()

func (ed25519Curve) DecodePoint(b []byte, allowIdentity bool) (Point, error) {
	if len(b) != 32 {
		return nil, fmt.Errorf("%w: edwards25519 point of %d bytes", ErrInvalidLength, len(b))
	}
	r := new(edPoint)
	if _, err := r.p.SetBytes(b); err != nil {
		return nil, fmt.Errorf("%w: edwards25519", ErrNotOnCurve)
	}
	// filippo.io/edwards25519 accepts non-canonical y (y >= p) and the sign bit
	// set on x = 0; RFC 8032 strict decoding rejects both, so re-encode.
	if subtle.ConstantTimeCompare(r.p.Bytes(), b) != 1 {
		return nil, fmt.Errorf("%w: edwards25519", ErrNonCanonical)
	}
	if r.p.Equal(edwards25519.NewIdentityPoint()) == 1 {
		if !allowIdentity {
			return nil, ErrIdentity
		}
		return r, nil
	}
	// [ℓ]P = [ℓ-1]P + P must be the identity; any torsion component
	// survives because ℓ is odd. Points are public: variable time is fine.
	var t edwards25519.Point
	t.VarTimeMultiScalarMult([]*edwards25519.Scalar{minusOne}, []*edwards25519.Point{&r.p})
	t.Add(&t, &r.p)
	if t.Equal(edwards25519.NewIdentityPoint()) != 1 {
		return nil, ErrSmallOrder
	}
	return r, nil
}

func (ed25519Curve) VarTimeMultiScalarMult(scalars []Scalar, points []Point) Point {
	if len(scalars) != len(points) {
		panic("curve: VarTimeMultiScalarMult length mismatch")
	}
	ss := make([]*edwards25519.Scalar, len(scalars))
	ps := make([]*edwards25519.Point, len(points))
	for i := range scalars {
		ss[i] = &toEdScalar(scalars[i]).s
		ps[i] = &toEdPoint(points[i]).p
	}
	r := new(edPoint)
	if len(ss) == 0 {
		r.p.Set(edwards25519.NewIdentityPoint())
		return r
	}
	r.p.VarTimeMultiScalarMult(ss, ps)
	return r
}

// edScalar is a scalar mod ℓ.
type edScalar struct{ s edwards25519.Scalar }

func toEdScalar(s Scalar) *edScalar {
	v, ok := s.(*edScalar)
	if !ok {
		panic(ErrWrongCurve)
	}
	return v
}

func (s *edScalar) Curve() Curve { return ed25519Curve{} }
func (s *edScalar) Add(o Scalar) Scalar {
	r := new(edScalar)
	r.s.Add(&s.s, &toEdScalar(o).s)
	return r
}
func (s *edScalar) Sub(o Scalar) Scalar {
	r := new(edScalar)
	r.s.Subtract(&s.s, &toEdScalar(o).s)
	return r
}
func (s *edScalar) Mul(o Scalar) Scalar {
	r := new(edScalar)
	r.s.Multiply(&s.s, &toEdScalar(o).s)
	return r
}
func (s *edScalar) Negate() Scalar {
	r := new(edScalar)
	r.s.Negate(&s.s)
	return r
}
func (s *edScalar) Invert() Scalar {
	r := new(edScalar)
	r.s.Invert(&s.s) // constant time; 0 maps to 0
	return r
}
func (s *edScalar) Equal(o Scalar) bool {
	v, ok := o.(*edScalar)
	return ok && s.s.Equal(&v.s) == 1
}
func (s *edScalar) IsZero() bool {
	return s.s.Equal(edwards25519.NewScalar()) == 1
}
func (s *edScalar) Bytes() []byte { return s.s.Bytes() }
func (s *edScalar) Nat() *saferith.Nat {
	le := s.s.Bytes()
	be := make([]byte, 32)
	for i := range be {
		be[i] = le[31-i]
	}
	return new(saferith.Nat).SetBytes(be)
}
func (s *edScalar) Zeroize() { s.s.Set(edwards25519.NewScalar()) }

// edPoint is a point of the prime-order subgroup.
type edPoint struct{ p edwards25519.Point }

func toEdPoint(p Point) *edPoint {
	v, ok := p.(*edPoint)
	if !ok {
		panic(ErrWrongCurve)
	}
	return v
}

func (p *edPoint) Curve() Curve { return ed25519Curve{} }
func (p *edPoint) Add(o Point) Point {
	r := new(edPoint)
	r.p.Add(&p.p, &toEdPoint(o).p)
	return r
}
func (p *edPoint) Sub(o Point) Point {
	r := new(edPoint)
	r.p.Subtract(&p.p, &toEdPoint(o).p)
	return r
}
func (p *edPoint) Negate() Point {
	r := new(edPoint)
	r.p.Negate(&p.p)
	return r
}
func (p *edPoint) ScalarMult(s Scalar) Point {
	r := new(edPoint)
	r.p.ScalarMult(&toEdScalar(s).s, &p.p)
	return r
}
func (p *edPoint) VarTimeScalarMult(s Scalar) Point {
	r := new(edPoint)
	r.p.VarTimeMultiScalarMult([]*edwards25519.Scalar{&toEdScalar(s).s}, []*edwards25519.Point{&p.p})
	return r
}
func (p *edPoint) Equal(o Point) bool {
	v, ok := o.(*edPoint)
	return ok && p.p.Equal(&v.p) == 1
}
func (p *edPoint) IsIdentity() bool {
	return p.p.Equal(edwards25519.NewIdentityPoint()) == 1
}
func (p *edPoint) Bytes() []byte { return p.p.Bytes() }
