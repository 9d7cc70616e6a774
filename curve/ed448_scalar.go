package curve

import (
	cryptorand "crypto/rand"
	"crypto/sha3"
	"crypto/subtle"
	"fmt"
	"io"
	"math/bits"

	"github.com/cloudflare/circl/ecc/goldilocks"
	"github.com/cronokirby/saferith"
)

// Scalars of Ed448's prime-order subgroup, backed by circl's
// goldilocks.Scalar: 56 bytes little-endian, arithmetic on fixed 64-bit
// limbs with conditional moves and a fixed number of reduction steps, so
// Add, Sub, Mul and the wide reduction FromBytes run in constant time (its
// IsZero uses ==, so this file never calls it on secrets). circl has no
// scalar inversion; Invert below uses saferith's. Every
// ed448Scalar holds a fully reduced value, so equal values have equal
// bytes.

// ed448ScalarSize is the RFC 8032 section 5.2 scalar encoding: 57 bytes
// little-endian, the last byte always zero since q < 2^446.
const ed448ScalarSize = 57

// ed448WideSize is the length of the wide reductions: RFC 8032's 114-byte
// SHAKE256 output, used by RFC 9591 section 6.3 for H1 to H5 and here for
// RandomScalar too (bias below 2^-460).
const ed448WideSize = 114

// ed448OrderLE is q = 2^446 - 13818066809895115352007386748515426880336692474882178609894547503885
// (RFC 8032 section 5.2) in 56 bytes little-endian; ed448OrderBE its
// big-endian form for saferith, which Order copies.
var (
	ed448OrderLE = func() [56]byte { return [56]byte(goldilocks.Curve{}.Order()) }()
	ed448OrderBE = func() []byte {
		be := make([]byte, 56)
		for i := range be {
			be[i] = ed448OrderLE[55-i]
		}
		return be
	}()
	ed448Order = saferith.ModulusFromBytes(ed448OrderBE)
)

func sub8(a, b byte, borrow uint) (byte, uint) {
	d, bo := bits.Sub(uint(a), uint(b), borrow)
	return byte(d), bo & 1
}

// ed448LessThanOrder reports, in constant time, whether the 56-byte
// little-endian integer b is below q.
func ed448LessThanOrder(b []byte) bool {
	var borrow uint
	for i := 0; i < 56; i++ {
		_, borrow = sub8(b[i], ed448OrderLE[i], borrow)
	}
	return borrow == 1
}

func (ed448Curve) ScalarSize() int          { return ed448ScalarSize }
func (ed448Curve) Order() *saferith.Modulus { return saferith.ModulusFromBytes(ed448OrderBE) }
func (ed448Curve) NewScalar() Scalar        { return new(ed448Scalar) }

func (ed448Curve) ScalarFromUint64(v uint64) Scalar {
	s := new(ed448Scalar)
	for i := 0; i < 8; i++ {
		s.s[i] = byte(v >> (8 * i))
	}
	return s
}

func (ed448Curve) ScalarFromNat(n *saferith.Nat) Scalar {
	r := new(saferith.Nat).Mod(n, ed448Order)
	var be [56]byte
	r.FillBytes(be[:])
	s := new(ed448Scalar)
	for i := range be {
		s.s[i] = be[55-i]
	}
	clear(be[:])
	return s
}

func (c ed448Curve) ScalarFromInt(n *saferith.Int) Scalar {
	s := c.ScalarFromNat(n.Abs()).(*ed448Scalar)
	neg := s.Negate().(*ed448Scalar)
	subtle.ConstantTimeCopy(int(n.IsNegative()), s.s[:], neg.s[:])
	neg.Zeroize()
	return s
}

func (ed448Curve) RandomScalar(rand io.Reader) (Scalar, error) {
	if rand == nil {
		rand = cryptorand.Reader
	}
	var buf [ed448WideSize]byte
	defer clear(buf[:])
	for {
		if _, err := io.ReadFull(rand, buf[:]); err != nil {
			return nil, fmt.Errorf("%w: %w", ErrRandomness, err)
		}
		s := new(ed448Scalar)
		s.s.FromBytes(buf[:])
		if !s.IsZero() {
			return s, nil
		}
	}
}

func (ed448Curve) DecodeScalar(b []byte) (Scalar, error) {
	if len(b) != ed448ScalarSize {
		return nil, fmt.Errorf("%w: Ed448 scalar of %d bytes", ErrInvalidLength, len(b))
	}
	if b[56] != 0 || !ed448LessThanOrder(b[:56]) {
		return nil, fmt.Errorf("%w: Ed448", ErrScalarOverflow)
	}
	s := new(ed448Scalar)
	copy(s.s[:], b[:56])
	return s, nil
}

// HashToScalar is RFC 9591 section 6.3's H1, H2 and H3: SHAKE256(dst ||
// msgs...) with 114 bytes of output, read little-endian and reduced mod q.
// H2 passes RFC 8032's dom4 prefix as dst.
func (ed448Curve) HashToScalar(dst []byte, msgs ...[]byte) Scalar {
	h := sha3.NewSHAKE256()
	h.Write(dst)
	for _, m := range msgs {
		h.Write(m)
	}
	var out [ed448WideSize]byte
	h.Read(out[:])
	s := new(ed448Scalar)
	s.s.FromBytes(out[:])
	return s
}

// ed448Scalar is a scalar mod q, always fully reduced.
type ed448Scalar struct{ s goldilocks.Scalar }

func toEd448Scalar(s Scalar) *ed448Scalar {
	v, ok := s.(*ed448Scalar)
	if !ok {
		panic(ErrWrongCurve)
	}
	return v
}

func (s *ed448Scalar) Curve() Curve { return ed448Curve{} }
func (s *ed448Scalar) Add(o Scalar) Scalar {
	r := new(ed448Scalar)
	r.s.Add(&s.s, &toEd448Scalar(o).s)
	return r
}
func (s *ed448Scalar) Sub(o Scalar) Scalar {
	r := new(ed448Scalar)
	r.s.Sub(&s.s, &toEd448Scalar(o).s)
	return r
}
func (s *ed448Scalar) Mul(o Scalar) Scalar {
	r := new(ed448Scalar)
	r.s.Mul(&s.s, &toEd448Scalar(o).s)
	return r
}
func (s *ed448Scalar) Negate() Scalar {
	r := &ed448Scalar{s: s.s}
	r.s.Neg()
	return r
}

// Invert returns s^-1 mod q with saferith's constant-time modular inverse
// (a fixed number of iterations for the modulus size, whatever s is),
// several times faster than a Fermat exponentiation with circl's Mul. Zero
// maps to zero, as the interface asks: saferith has no inverse to give,
// so the result is masked.
func (s *ed448Scalar) Invert() Scalar {
	n := s.Nat()
	inv := ed448Curve{}.ScalarFromNat(new(saferith.Nat).ModInverse(n, ed448Curve{}.Order())).(*ed448Scalar)
	var zero goldilocks.Scalar
	subtle.ConstantTimeCopy(subtle.ConstantTimeCompare(s.s[:], zero[:]), inv.s[:], zero[:])
	return inv
}

func (s *ed448Scalar) Equal(o Scalar) bool {
	v, ok := o.(*ed448Scalar)
	return ok && subtle.ConstantTimeCompare(s.s[:], v.s[:]) == 1
}

func (s *ed448Scalar) IsZero() bool {
	var zero goldilocks.Scalar
	return subtle.ConstantTimeCompare(s.s[:], zero[:]) == 1
}

func (s *ed448Scalar) Bytes() []byte {
	out := make([]byte, ed448ScalarSize)
	copy(out, s.s[:])
	return out
}

func (s *ed448Scalar) Nat() *saferith.Nat {
	var be [56]byte
	for i := range be {
		be[i] = s.s[55-i]
	}
	n := new(saferith.Nat).SetBytes(be[:])
	clear(be[:])
	return n
}

func (s *ed448Scalar) Zeroize() { clear(s.s[:]) }
