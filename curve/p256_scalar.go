package curve

import (
	"crypto/subtle"
	"fmt"
	"io"

	"filippo.io/bigmod"
	"github.com/cronokirby/saferith"
)

// p256Curve is the Curve for NIST P-256 (SEC 2 section 2.4.2, where it is
// called secp256r1; FIPS 186-5). Points use filippo.io/nistec, the
// constant-time code behind Go's crypto/ecdh and crypto/ecdsa. nistec keeps
// its scalar field private, so scalars mod n use filippo.io/bigmod, the
// constant-time modular arithmetic Go's crypto/ecdsa itself uses for the
// same scalars, rather than saferith: bigmod's operands have a fixed size
// announced by the modulus, so no operation's timing depends on a value.
type p256Curve struct{}

// P256 returns NIST P-256. Scalars encode as 32 bytes big-endian; points as
// 33-byte SEC1 compressed encodings (SEC 1 v2 section 2.3.3), the identity,
// which that form cannot express, as 33 zero bytes.
func P256() Curve { return p256Curve{} }

// p256OrderBytes is n, the order of P-256's base point (SEC 2 section
// 2.4.2). The bigmod modulus is only ever read, which bigmod allows
// concurrently; Order hands out fresh saferith copies.
var (
	p256OrderBytes = []byte{
		0xff, 0xff, 0xff, 0xff, 0x00, 0x00, 0x00, 0x00, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
		0xbc, 0xe6, 0xfa, 0xad, 0xa7, 0x17, 0x9e, 0x84, 0xf3, 0xb9, 0xca, 0xc2, 0xfc, 0x63, 0x25, 0x51,
	}
	p256N         = mustBigmodModulus(p256OrderBytes)
	p256OrderNat  = saferith.ModulusFromBytes(p256OrderBytes)
	p256NMinusTwo = func() []byte {
		e := append([]byte(nil), p256OrderBytes...)
		e[31] -= 2 // n ends in 0x51: no borrow
		return e
	}()
	// p256TwoTo256 is 2^256 mod n = 2^256 - n, for wide reductions.
	p256TwoTo256 = func() *bigmod.Nat {
		var b [32]byte
		borrow := 0
		for i := 31; i >= 0; i-- {
			v := -int(p256OrderBytes[i]) - borrow
			borrow = 0
			if v < 0 {
				v += 256
				borrow = 1
			}
			b[i] = byte(v)
		}
		n, err := bigmod.NewNat().SetBytes(b[:], p256N)
		if err != nil {
			panic(err) // unreachable: 2^256 - n < n
		}
		return n
	}()
)

func mustBigmodModulus(b []byte) *bigmod.Modulus {
	m, err := bigmod.NewModulus(b)
	if err != nil {
		panic(err) // unreachable: a constant odd modulus
	}
	return m
}

func (p256Curve) Name() string             { return "P-256" }
func (p256Curve) ID() ID                   { return IDP256 }
func (p256Curve) ScalarSize() int          { return 32 }
func (p256Curve) PointSize() int           { return 33 }
func (p256Curve) Order() *saferith.Modulus { return saferith.ModulusFromBytes(p256OrderBytes) }
func (p256Curve) NewScalar() Scalar        { return &p256Scalar{n: bigmod.NewNat().ExpandFor(p256N)} }

// p256ScalarFromCanonical decodes 32 bytes already known to be below n.
func p256ScalarFromCanonical(b []byte) *p256Scalar {
	n, err := bigmod.NewNat().SetBytes(b, p256N)
	if err != nil {
		panic(err) // unreachable: callers pass reduced values
	}
	return &p256Scalar{n: n}
}

func (p256Curve) ScalarFromUint64(v uint64) Scalar {
	var b [32]byte
	for i := 0; i < 8; i++ {
		b[31-i] = byte(v >> (8 * i))
	}
	return p256ScalarFromCanonical(b[:])
}

func (p256Curve) ScalarFromNat(n *saferith.Nat) Scalar {
	r := new(saferith.Nat).Mod(n, p256OrderNat)
	var b [32]byte
	r.FillBytes(b[:])
	s := p256ScalarFromCanonical(b[:])
	clear(b[:])
	return s
}

func (c p256Curve) ScalarFromInt(n *saferith.Int) Scalar {
	s := c.ScalarFromNat(n.Abs()).(*p256Scalar)
	pos := s.Bytes()
	neg := s.Negate().Bytes()
	subtle.ConstantTimeCopy(int(n.IsNegative()), pos, neg)
	out := p256ScalarFromCanonical(pos)
	clear(pos)
	clear(neg)
	return out
}

// p256Wide returns (hi·2^256 + lo) mod n for big-endian hi and lo of at most
// 32 bytes each, in constant time. Any 32-byte value is below 2n (n > 2^255),
// so SetOverflowingBytes reduces each half completely.
func p256Wide(hi, lo []byte) *p256Scalar {
	var hb, lb [32]byte
	copy(hb[32-len(hi):], hi)
	copy(lb[32-len(lo):], lo)
	h, err := bigmod.NewNat().SetOverflowingBytes(hb[:], p256N)
	if err != nil {
		panic(err) // unreachable: 32 bytes never exceed n's bit length
	}
	l, err := bigmod.NewNat().SetOverflowingBytes(lb[:], p256N)
	if err != nil {
		panic(err) // unreachable, as above
	}
	clear(hb[:])
	clear(lb[:])
	h.Mul(p256TwoTo256, p256N).Add(l, p256N)
	l.SetUint(0)
	return &p256Scalar{n: h}
}

func (p256Curve) RandomScalar(rand io.Reader) (Scalar, error) {
	for {
		buf, err := randomWide(rand)
		if err != nil {
			return nil, err
		}
		s := p256Wide(buf[:32], buf[32:])
		clear(buf)
		if !s.IsZero() {
			return s, nil
		}
	}
}

func (p256Curve) DecodeScalar(b []byte) (Scalar, error) {
	if len(b) != 32 {
		return nil, fmt.Errorf("%w: P-256 scalar of %d bytes", ErrInvalidLength, len(b))
	}
	n, err := bigmod.NewNat().SetBytes(b, p256N)
	if err != nil {
		return nil, fmt.Errorf("%w: P-256", ErrScalarOverflow)
	}
	return &p256Scalar{n: n}, nil
}

// HashToScalar is hash_to_field of RFC 9380 section 5.2 with count 1,
// expand_message_xmd with SHA-256 (section 5.3.1) and L = 48, reduced mod n:
// the H1, H3, H4 and H5 of RFC 9591's FROST(P-256, SHA-256) (section 6.4),
// with dst the suite's context string and tag.
func (p256Curve) HashToScalar(dst []byte, msgs ...[]byte) Scalar {
	u := ExpandMessageXMDSHA256(dst, 48, msgs...)
	return p256Wide(u[:16], u[16:])
}

// p256Scalar is a P-256 scalar, a bigmod.Nat of n's size in [0, n).
type p256Scalar struct{ n *bigmod.Nat }

func toP256Scalar(s Scalar) *p256Scalar {
	v, ok := s.(*p256Scalar)
	if !ok {
		panic(ErrWrongCurve)
	}
	return v
}

// clone returns a copy: 0 + s mod n, which bigmod computes in constant time.
func (s *p256Scalar) clone() *p256Scalar {
	return &p256Scalar{n: bigmod.NewNat().ExpandFor(p256N).Add(s.n, p256N)}
}

func (s *p256Scalar) Curve() Curve { return p256Curve{} }

func (s *p256Scalar) Add(o Scalar) Scalar {
	r := s.clone()
	r.n.Add(toP256Scalar(o).n, p256N)
	return r
}

func (s *p256Scalar) Sub(o Scalar) Scalar {
	r := s.clone()
	r.n.Sub(toP256Scalar(o).n, p256N)
	return r
}

func (s *p256Scalar) Mul(o Scalar) Scalar {
	r := s.clone()
	r.n.Mul(toP256Scalar(o).n, p256N)
	return r
}

func (s *p256Scalar) Negate() Scalar {
	r := &p256Scalar{n: bigmod.NewNat().ExpandFor(p256N)}
	r.n.Sub(s.n, p256N)
	return r
}

// Invert computes s^(n-2) with bigmod's constant-time exponentiation (a
// fixed window schedule set by the public exponent); zero maps to zero.
func (s *p256Scalar) Invert() Scalar {
	return &p256Scalar{n: bigmod.NewNat().Exp(s.n, p256NMinusTwo, p256N)}
}

func (s *p256Scalar) Equal(o Scalar) bool {
	v, ok := o.(*p256Scalar)
	return ok && s.n.Equal(v.n) == 1
}

func (s *p256Scalar) IsZero() bool { return s.n.IsZero() == 1 }

func (s *p256Scalar) Bytes() []byte { return s.n.Bytes(p256N) }

func (s *p256Scalar) Nat() *saferith.Nat {
	b := s.n.Bytes(p256N)
	n := new(saferith.Nat).SetBytes(b)
	clear(b)
	return n
}

// Zeroize clears the limbs in place (bigmod's SetUint clears every limb in
// use) and restores n's size, so the scalar stays a usable zero.
func (s *p256Scalar) Zeroize() { s.n.SetUint(0).ExpandFor(p256N) }
