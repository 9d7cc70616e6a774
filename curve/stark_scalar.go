package curve

import (
	"crypto/subtle"
	"fmt"
	"io"

	"filippo.io/bigmod"
	"github.com/cronokirby/saferith"
)

// starkCurve is the Curve for the Stark curve of Starknet and StarkEx:
// y² = x³ + α·x + β over F_p, p = 2^251 + 17·2^192 + 1, α = 1, of prime
// order n. The constants are those of StarkWare's pedersen_params.json as
// used by starkware-libs/starkex-resources,
// crypto/starkware/crypto/signature/signature.py (FIELD_PRIME, ALPHA,
// BETA, EC_ORDER, and EC_GEN, which that file asserts), and the Starknet
// documentation page "STARK curve". Points use this package's own
// constant-time field (stark_field.go) and the complete formulas of
// Renes, Costello and Batina; scalars mod n use filippo.io/bigmod, as
// P-256's do.
type starkCurve struct{}

// Stark returns the Stark curve. Scalars encode as 32 bytes big-endian
// below n; points as 33 bytes, a SEC1-style compressed form (prefix 0x02
// for even y, 0x03 for odd y, then x big-endian, x < p), the identity as 33
// zero bytes.
func Stark() Curve { return starkCurve{} }

// starkOrderBytes is n, the order of the Stark curve's group (EC_ORDER).
var (
	starkOrderBytes = []byte{
		0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x10, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
		0xb7, 0x81, 0x12, 0x6d, 0xca, 0xe7, 0xb2, 0x32, 0x1e, 0x66, 0xa2, 0x41, 0xad, 0xc6, 0x4d, 0x2f,
	}
	starkN         = mustBigmodModulus(starkOrderBytes)
	starkOrderNat  = saferith.ModulusFromBytes(starkOrderBytes)
	starkNMinusTwo = func() []byte {
		e := append([]byte(nil), starkOrderBytes...)
		e[31] -= 2 // n ends in 0x2f: no borrow
		return e
	}()
	// starkTwoTo248 is 2^248, below n, the radix of starkWide's chunks.
	starkTwoTo248 = func() *bigmod.Nat {
		b := make([]byte, 32)
		b[0] = 0x01
		n, err := bigmod.NewNat().SetBytes(b, starkN)
		if err != nil {
			panic(err) // unreachable: 2^248 < n
		}
		return n
	}()
)

func (starkCurve) Name() string             { return "stark" }
func (starkCurve) ID() ID                   { return IDStark }
func (starkCurve) ScalarSize() int          { return 32 }
func (starkCurve) PointSize() int           { return 33 }
func (starkCurve) Order() *saferith.Modulus { return saferith.ModulusFromBytes(starkOrderBytes) }
func (starkCurve) NewScalar() Scalar        { return &starkScalar{n: bigmod.NewNat().ExpandFor(starkN)} }

// starkScalarFromCanonical decodes 32 bytes already known to be below n.
func starkScalarFromCanonical(b []byte) *starkScalar {
	n, err := bigmod.NewNat().SetBytes(b, starkN)
	if err != nil {
		panic(err) // unreachable: callers pass reduced values
	}
	return &starkScalar{n: n}
}

func (starkCurve) ScalarFromUint64(v uint64) Scalar {
	var b [32]byte
	for i := 0; i < 8; i++ {
		b[31-i] = byte(v >> (8 * i))
	}
	return starkScalarFromCanonical(b[:])
}

func (starkCurve) ScalarFromNat(n *saferith.Nat) Scalar {
	r := new(saferith.Nat).Mod(n, starkOrderNat)
	var b [32]byte
	r.FillBytes(b[:])
	s := starkScalarFromCanonical(b[:])
	clear(b[:])
	return s
}

func (c starkCurve) ScalarFromInt(n *saferith.Int) Scalar {
	s := c.ScalarFromNat(n.Abs()).(*starkScalar)
	pos := s.Bytes()
	neg := s.Negate().Bytes()
	subtle.ConstantTimeCopy(int(n.IsNegative()), pos, neg)
	out := starkScalarFromCanonical(pos)
	clear(pos)
	clear(neg)
	return out
}

// starkWide returns the big-endian integer b reduced mod n, in time that
// depends only on len(b). n has 252 bits, so 31-byte (248-bit) chunks are
// below n and Horner's rule in base 2^248 reduces any length.
func starkWide(b []byte) *starkScalar {
	acc := bigmod.NewNat().ExpandFor(starkN)
	var chunk [32]byte
	first := len(b) % 31
	for off := 0; off < len(b); {
		size := 31
		if off == 0 && first != 0 {
			size = first
		}
		clear(chunk[:])
		copy(chunk[32-size:], b[off:off+size])
		c, err := bigmod.NewNat().SetBytes(chunk[:], starkN)
		if err != nil {
			panic(err) // unreachable: a chunk is below 2^248 < n
		}
		acc.Mul(starkTwoTo248, starkN).Add(c, starkN)
		c.SetUint(0)
		off += size
	}
	clear(chunk[:])
	return &starkScalar{n: acc}
}

func (starkCurve) RandomScalar(rand io.Reader) (Scalar, error) {
	for {
		buf, err := randomWide(rand)
		if err != nil {
			return nil, err
		}
		s := starkWide(buf)
		clear(buf)
		if !s.IsZero() {
			return s, nil
		}
	}
}

func (starkCurve) DecodeScalar(b []byte) (Scalar, error) {
	if len(b) != 32 {
		return nil, fmt.Errorf("%w: stark scalar of %d bytes", ErrInvalidLength, len(b))
	}
	n, err := bigmod.NewNat().SetBytes(b, starkN)
	if err != nil {
		return nil, fmt.Errorf("%w: stark", ErrScalarOverflow)
	}
	return &starkScalar{n: n}, nil
}

// HashToScalar is hash_to_field of RFC 9380 section 5.2 with count 1,
// expand_message_xmd with SHA-256 (section 5.3.1) and L = 48, reduced mod
// n, as for P-256. No RFC 9591 suite, and no other standard, defines a
// hash to the Stark curve's scalars: this is mosaic's own choice, with L =
// ceil((252 + 128)/8) = 48 bytes for a bias below 2^-128.
func (starkCurve) HashToScalar(dst []byte, msgs ...[]byte) Scalar {
	return starkWide(ExpandMessageXMDSHA256(dst, 48, msgs...))
}

// starkScalar is a Stark-curve scalar, a bigmod.Nat of n's size in [0, n).
type starkScalar struct{ n *bigmod.Nat }

func toStarkScalar(s Scalar) *starkScalar {
	v, ok := s.(*starkScalar)
	if !ok {
		panic(ErrWrongCurve)
	}
	return v
}

// clone returns a copy: 0 + s mod n, which bigmod computes in constant time.
func (s *starkScalar) clone() *starkScalar {
	return &starkScalar{n: bigmod.NewNat().ExpandFor(starkN).Add(s.n, starkN)}
}

func (s *starkScalar) Curve() Curve { return starkCurve{} }

func (s *starkScalar) Add(o Scalar) Scalar {
	r := s.clone()
	r.n.Add(toStarkScalar(o).n, starkN)
	return r
}

func (s *starkScalar) Sub(o Scalar) Scalar {
	r := s.clone()
	r.n.Sub(toStarkScalar(o).n, starkN)
	return r
}

func (s *starkScalar) Mul(o Scalar) Scalar {
	r := s.clone()
	r.n.Mul(toStarkScalar(o).n, starkN)
	return r
}

func (s *starkScalar) Negate() Scalar {
	r := &starkScalar{n: bigmod.NewNat().ExpandFor(starkN)}
	r.n.Sub(s.n, starkN)
	return r
}

// Invert computes s^(n-2) with bigmod's constant-time exponentiation (a
// fixed window schedule set by the public exponent); zero maps to zero.
func (s *starkScalar) Invert() Scalar {
	return &starkScalar{n: bigmod.NewNat().Exp(s.n, starkNMinusTwo, starkN)}
}

func (s *starkScalar) Equal(o Scalar) bool {
	v, ok := o.(*starkScalar)
	return ok && s.n.Equal(v.n) == 1
}

func (s *starkScalar) IsZero() bool { return s.n.IsZero() == 1 }

func (s *starkScalar) Bytes() []byte { return s.n.Bytes(starkN) }

func (s *starkScalar) Nat() *saferith.Nat {
	b := s.n.Bytes(starkN)
	n := new(saferith.Nat).SetBytes(b)
	clear(b)
	return n
}

// Zeroize clears the limbs in place and restores n's size, so the scalar
// stays a usable zero.
func (s *starkScalar) Zeroize() { s.n.SetUint(0).ExpandFor(starkN) }
