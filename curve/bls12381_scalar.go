package curve

import (
	"crypto/subtle"
	"fmt"
	"io"

	"filippo.io/bigmod"
	"github.com/cronokirby/saferith"
)

// bls12381G1Curve is the Curve for G1 of BLS12-381, the order-r subgroup
// of y² = x³ + 4 over F_p. Points are cloudflare/circl's ecc/bls12381 G1
// (constant-time fiat-crypto field, complete addition formulas, a fixed
// 4-bit window with constant-time table lookups for scalar
// multiplication); scalars mod r use filippo.io/bigmod, as P-256's and the
// Stark curve's do. The group order r is that of
// draft-irtf-cfrg-pairing-friendly-curves-11, section 4.2.1.
type bls12381G1Curve struct{}

// BLS12381G1 returns G1 of BLS12-381, the group of the public keys of
// minimal-pubkey-size BLS signatures (package bls). Scalars encode as 32
// bytes big-endian below r; points as the 48-byte compressed form of the
// ZCash serialization (draft-irtf-cfrg-pairing-friendly-curves-11,
// appendix C): the top bit set, the second bit for the identity, the third
// for the larger y, then x big-endian. The identity encodes as 0xc0
// followed by 47 zero bytes.
func BLS12381G1() Curve { return bls12381G1Curve{} }

// bls12381OrderBytes is r, the prime order of G1 and G2.
var (
	bls12381OrderBytes = []byte{
		0x73, 0xed, 0xa7, 0x53, 0x29, 0x9d, 0x7d, 0x48, 0x33, 0x39, 0xd8, 0x08, 0x09, 0xa1, 0xd8, 0x05,
		0x53, 0xbd, 0xa4, 0x02, 0xff, 0xfe, 0x5b, 0xfe, 0xff, 0xff, 0xff, 0xff, 0x00, 0x00, 0x00, 0x01,
	}
	bls12381R         = mustBigmodModulus(bls12381OrderBytes)
	bls12381OrderNat  = saferith.ModulusFromBytes(bls12381OrderBytes)
	bls12381RMinusTwo = func() []byte {
		e := append([]byte(nil), bls12381OrderBytes...)
		// r ends in 0x00000001: r-2 ends in 0xfffffffeffffffff.
		e[31], e[30], e[29], e[28], e[27] = 0xff, 0xff, 0xff, 0xff, 0xfe
		return e
	}()
	// bls12381TwoTo248 is 2^248, below r, the radix of bls12381Wide's chunks.
	bls12381TwoTo248 = func() *bigmod.Nat {
		b := make([]byte, 32)
		b[0] = 0x01
		n, err := bigmod.NewNat().SetBytes(b, bls12381R)
		if err != nil {
			panic(err) // unreachable: 2^248 < r
		}
		return n
	}()
)

func (bls12381G1Curve) Name() string    { return "bls12-381-g1" }
func (bls12381G1Curve) ID() ID          { return IDBLS12381G1 }
func (bls12381G1Curve) ScalarSize() int { return 32 }
func (bls12381G1Curve) PointSize() int  { return 48 }
func (bls12381G1Curve) Order() *saferith.Modulus {
	return saferith.ModulusFromBytes(bls12381OrderBytes)
}
func (bls12381G1Curve) NewScalar() Scalar {
	return &bls12381Scalar{n: bigmod.NewNat().ExpandFor(bls12381R)}
}

// bls12381ScalarFromCanonical decodes 32 bytes already known to be below r.
func bls12381ScalarFromCanonical(b []byte) *bls12381Scalar {
	n, err := bigmod.NewNat().SetBytes(b, bls12381R)
	if err != nil {
		panic(err) // unreachable: callers pass reduced values
	}
	return &bls12381Scalar{n: n}
}

func (bls12381G1Curve) ScalarFromUint64(v uint64) Scalar {
	var b [32]byte
	for i := 0; i < 8; i++ {
		b[31-i] = byte(v >> (8 * i))
	}
	return bls12381ScalarFromCanonical(b[:])
}

func (bls12381G1Curve) ScalarFromNat(n *saferith.Nat) Scalar {
	r := new(saferith.Nat).Mod(n, bls12381OrderNat)
	var b [32]byte
	r.FillBytes(b[:])
	s := bls12381ScalarFromCanonical(b[:])
	clear(b[:])
	return s
}

func (c bls12381G1Curve) ScalarFromInt(n *saferith.Int) Scalar {
	s := c.ScalarFromNat(n.Abs()).(*bls12381Scalar)
	pos := s.Bytes()
	neg := s.Negate().Bytes()
	subtle.ConstantTimeCopy(int(n.IsNegative()), pos, neg)
	out := bls12381ScalarFromCanonical(pos)
	clear(pos)
	clear(neg)
	return out
}

// bls12381Wide returns the big-endian integer b reduced mod r, in time
// that depends only on len(b). r has 255 bits, so 31-byte (248-bit) chunks
// are below r and Horner's rule in base 2^248 reduces any length.
func bls12381Wide(b []byte) *bls12381Scalar {
	acc := bigmod.NewNat().ExpandFor(bls12381R)
	var chunk [32]byte
	first := len(b) % 31
	for off := 0; off < len(b); {
		size := 31
		if off == 0 && first != 0 {
			size = first
		}
		clear(chunk[:])
		copy(chunk[32-size:], b[off:off+size])
		c, err := bigmod.NewNat().SetBytes(chunk[:], bls12381R)
		if err != nil {
			panic(err) // unreachable: a chunk is below 2^248 < r
		}
		acc.Mul(bls12381TwoTo248, bls12381R).Add(c, bls12381R)
		c.SetUint(0)
		off += size
	}
	clear(chunk[:])
	return &bls12381Scalar{n: acc}
}

func (bls12381G1Curve) RandomScalar(rand io.Reader) (Scalar, error) {
	for {
		buf, err := randomWide(rand)
		if err != nil {
			return nil, err
		}
		s := bls12381Wide(buf)
		clear(buf)
		if !s.IsZero() {
			return s, nil
		}
	}
}

func (bls12381G1Curve) DecodeScalar(b []byte) (Scalar, error) {
	if len(b) != 32 {
		return nil, fmt.Errorf("%w: bls12-381 scalar of %d bytes", ErrInvalidLength, len(b))
	}
	n, err := bigmod.NewNat().SetBytes(b, bls12381R)
	if err != nil {
		return nil, fmt.Errorf("%w: bls12-381", ErrScalarOverflow)
	}
	return &bls12381Scalar{n: n}, nil
}

// HashToScalar is hash_to_field of RFC 9380 section 5.2 with count 1,
// expand_message_xmd with SHA-256 (section 5.3.1) and L = 48, reduced mod
// r: the scalar hash of the FROST suites over prime-order Weierstrass
// groups, with L = ceil((255 + 128)/8) = 48 bytes for a bias below 2^-128.
// The dkg and refresh packages use it for their Schnorr proofs' challenges;
// the BLS signature scheme itself hashes to G2, not to scalars.
func (bls12381G1Curve) HashToScalar(dst []byte, msgs ...[]byte) Scalar {
	return bls12381Wide(ExpandMessageXMDSHA256(dst, 48, msgs...))
}

// bls12381Scalar is a BLS12-381 scalar, a bigmod.Nat of r's size in [0, r).
type bls12381Scalar struct{ n *bigmod.Nat }

func toBLS12381Scalar(s Scalar) *bls12381Scalar {
	v, ok := s.(*bls12381Scalar)
	if !ok {
		panic(ErrWrongCurve)
	}
	return v
}

// clone returns a copy: 0 + s mod r, which bigmod computes in constant time.
func (s *bls12381Scalar) clone() *bls12381Scalar {
	return &bls12381Scalar{n: bigmod.NewNat().ExpandFor(bls12381R).Add(s.n, bls12381R)}
}

func (s *bls12381Scalar) Curve() Curve { return bls12381G1Curve{} }

func (s *bls12381Scalar) Add(o Scalar) Scalar {
	r := s.clone()
	r.n.Add(toBLS12381Scalar(o).n, bls12381R)
	return r
}

func (s *bls12381Scalar) Sub(o Scalar) Scalar {
	r := s.clone()
	r.n.Sub(toBLS12381Scalar(o).n, bls12381R)
	return r
}

func (s *bls12381Scalar) Mul(o Scalar) Scalar {
	r := s.clone()
	r.n.Mul(toBLS12381Scalar(o).n, bls12381R)
	return r
}

func (s *bls12381Scalar) Negate() Scalar {
	r := &bls12381Scalar{n: bigmod.NewNat().ExpandFor(bls12381R)}
	r.n.Sub(s.n, bls12381R)
	return r
}

// Invert computes s^(r-2) with bigmod's constant-time exponentiation (a
// fixed window schedule set by the public exponent); zero maps to zero.
func (s *bls12381Scalar) Invert() Scalar {
	return &bls12381Scalar{n: bigmod.NewNat().Exp(s.n, bls12381RMinusTwo, bls12381R)}
}

func (s *bls12381Scalar) Equal(o Scalar) bool {
	v, ok := o.(*bls12381Scalar)
	return ok && s.n.Equal(v.n) == 1
}

func (s *bls12381Scalar) IsZero() bool { return s.n.IsZero() == 1 }

func (s *bls12381Scalar) Bytes() []byte { return s.n.Bytes(bls12381R) }

func (s *bls12381Scalar) Nat() *saferith.Nat {
	b := s.n.Bytes(bls12381R)
	n := new(saferith.Nat).SetBytes(b)
	clear(b)
	return n
}

// Zeroize clears the limbs in place and restores r's size, so the scalar
// stays a usable zero.
func (s *bls12381Scalar) Zeroize() { s.n.SetUint(0).ExpandFor(bls12381R) }
