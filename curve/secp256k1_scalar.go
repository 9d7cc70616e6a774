package curve

import (
	"crypto/subtle"
	"fmt"
	"io"

	"github.com/cronokirby/saferith"
	"github.com/decred/dcrd/dcrec/secp256k1/v4"
)

// secp256k1Curve is the Curve for secp256k1 (SEC 2, section 2.4.1), backed by
// decred's constant-time field and scalar arithmetic.
type secp256k1Curve struct{}

// Secp256k1 returns the secp256k1 curve. Scalars encode as 32 bytes
// big-endian; points as 33-byte SEC1 compressed encodings.
func Secp256k1() Curve { return secp256k1Curve{} }

// secp256k1Order is only ever read (as the modulus of Nat.Mod); Order hands
// out copies built from secp256k1OrderBytes.
var (
	secp256k1OrderBytes = secp256k1.Params().N.Bytes()
	secp256k1Order      = saferith.ModulusFromBytes(secp256k1OrderBytes)
)

// twoTo256ModN is 2^256 mod n, used for wide reductions.
var twoTo256ModN = func() secp256k1.ModNScalar {
	var ff [32]byte
	for i := range ff {
		ff[i] = 0xff
	}
	var r, one secp256k1.ModNScalar
	r.SetBytes(&ff) // 2^256 - 1 reduced once, as 2^256 - 1 < 2n
	one.SetInt(1)
	r.Add(&one)
	return r
}()

func (secp256k1Curve) Name() string    { return "secp256k1" }
func (secp256k1Curve) ID() ID          { return IDSecp256k1 }
func (secp256k1Curve) ScalarSize() int { return 32 }
func (secp256k1Curve) PointSize() int  { return 33 }
func (secp256k1Curve) Order() *saferith.Modulus {
	return saferith.ModulusFromBytes(secp256k1OrderBytes)
}
func (secp256k1Curve) NewScalar() Scalar { return new(secpScalar) }

func (secp256k1Curve) ScalarFromUint64(v uint64) Scalar {
	var b [32]byte
	for i := 0; i < 8; i++ {
		b[31-i] = byte(v >> (8 * i))
	}
	s := new(secpScalar)
	s.s.SetBytes(&b)
	return s
}

func (c secp256k1Curve) ScalarFromNat(n *saferith.Nat) Scalar {
	r := new(saferith.Nat).Mod(n, secp256k1Order)
	var b [32]byte
	r.FillBytes(b[:])
	s := new(secpScalar)
	s.s.SetBytes(&b)
	return s
}

func (c secp256k1Curve) ScalarFromInt(n *saferith.Int) Scalar {
	s := c.ScalarFromNat(n.Abs()).(*secpScalar)
	var neg secp256k1.ModNScalar
	neg.NegateVal(&s.s)
	secpScalarSelect(&s.s, &neg, &s.s, n.IsNegative())
	return s
}

// secpScalarSelect sets out = a if choice == 1, else b, in constant time.
func secpScalarSelect(out, a, b *secp256k1.ModNScalar, choice saferith.Choice) {
	ab, bb := a.Bytes(), b.Bytes()
	subtle.ConstantTimeCopy(int(choice), bb[:], ab[:])
	out.SetBytes(&bb)
}

// secpWide returns (hi·2^256 + lo) mod n for 32-byte big-endian halves, in
// constant time.
func secpWide(hi, lo []byte) secp256k1.ModNScalar {
	var h, l secp256k1.ModNScalar
	h.SetByteSlice(hi)
	l.SetByteSlice(lo)
	h.Mul(&twoTo256ModN).Add(&l)
	return h
}

func (secp256k1Curve) RandomScalar(rand io.Reader) (Scalar, error) {
	for {
		buf, err := randomWide(rand)
		if err != nil {
			return nil, err
		}
		s := &secpScalar{s: secpWide(buf[:32], buf[32:])}
		clear(buf)
		if !s.s.IsZero() {
			return s, nil
		}
	}
}

func (secp256k1Curve) DecodeScalar(b []byte) (Scalar, error) {
	if len(b) != 32 {
		return nil, fmt.Errorf("%w: secp256k1 scalar of %d bytes", ErrInvalidLength, len(b))
	}
	var a [32]byte
	copy(a[:], b)
	s := new(secpScalar)
	if s.s.SetBytes(&a) != 0 {
		return nil, fmt.Errorf("%w: secp256k1", ErrScalarOverflow)
	}
	return s, nil
}

func (secp256k1Curve) HashToScalar(dst []byte, msgs ...[]byte) Scalar {
	u := ExpandMessageXMDSHA256(dst, 48, msgs...)
	return &secpScalar{s: secpWide(u[:16], u[16:])}
}

// secpScalar is a secp256k1 scalar.
type secpScalar struct{ s secp256k1.ModNScalar }

func toSecpScalar(s Scalar) *secpScalar {
	v, ok := s.(*secpScalar)
	if !ok {
		panic(ErrWrongCurve)
	}
	return v
}

func (s *secpScalar) Curve() Curve { return secp256k1Curve{} }

func (s *secpScalar) Add(o Scalar) Scalar {
	r := &secpScalar{s: s.s}
	r.s.Add(&toSecpScalar(o).s)
	return r
}

func (s *secpScalar) Sub(o Scalar) Scalar {
	r := new(secpScalar)
	r.s.NegateVal(&toSecpScalar(o).s).Add(&s.s)
	return r
}

func (s *secpScalar) Mul(o Scalar) Scalar {
	r := &secpScalar{s: s.s}
	r.s.Mul(&toSecpScalar(o).s)
	return r
}

func (s *secpScalar) Negate() Scalar {
	r := new(secpScalar)
	r.s.NegateVal(&s.s)
	return r
}

// Invert computes s^(n-2) in constant time (decred's inverse is variable
// time): secpScalarInvert follows one sliding-window chain fixed by the
// public exponent, whatever s is.
func (s *secpScalar) Invert() Scalar {
	return &secpScalar{s: secpScalarInvert(&s.s)}
}

func (s *secpScalar) Equal(o Scalar) bool {
	v, ok := o.(*secpScalar)
	return ok && s.s.Equals(&v.s)
}

func (s *secpScalar) IsZero() bool { return s.s.IsZeroBit() == 1 }

func (s *secpScalar) Bytes() []byte {
	b := s.s.Bytes()
	return b[:]
}

func (s *secpScalar) Nat() *saferith.Nat {
	b := s.s.Bytes()
	return new(saferith.Nat).SetBytes(b[:])
}

func (s *secpScalar) Zeroize() { s.s.Zero() }
