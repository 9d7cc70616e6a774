package curve

import (
	"encoding/binary"
	"math/bits"

	"github.com/decred/dcrd/dcrec/secp256k1/v4"
)

// The GLV endomorphism of secp256k1 (Gallant, Lambert and Vanstone, "Faster
// point multiplication on elliptic curves with efficient endomorphisms",
// CRYPTO 2001; Guide to Elliptic Curve Cryptography, section 3.5).
//
// β is a cube root of unity mod p and λ one mod n such that
// φ(x, y) = (β·x, y) = λ·(x, y) for every point. A scalar k splits into
// k ≡ k1 + k2·λ (mod n) with |k1|, |k2| < 2^128, so k·P = k1·P + k2·φ(P)
// needs half the doublings.
//
// The constants are the standard ones for secp256k1 (Hal Finney, bitcointalk
// topic 3238, 2011; also listed in libsecp256k1's scalar_impl.h). The tests
// re-derive every property the code relies on: β³ = 1, λ³ = 1, λ·G = φ(G),
// a + b·λ ≡ 0 for both basis vectors, a1·b2 - a2·b1 = n, and the rounding
// constants g1, g2.

// u256 is a 256-bit integer as four little-endian 64-bit limbs.
type u256 [4]uint64

// glvBeta is β as a field element.
var glvBeta = func() secp256k1.FieldVal {
	var f secp256k1.FieldVal
	f.SetByteSlice([]byte{
		0x7a, 0xe9, 0x6a, 0x2b, 0x65, 0x7c, 0x07, 0x10, 0x6e, 0x64, 0x47, 0x9e, 0xac, 0x34, 0x34, 0xe9,
		0x9c, 0xf0, 0x49, 0x75, 0x12, 0xf5, 0x89, 0x95, 0xc1, 0x39, 0x6c, 0x28, 0x71, 0x95, 0x01, 0xee,
	})
	return f
}()

// glvLambda is λ, used only by tests and the reference checks.
var glvLambda = func() secp256k1.ModNScalar {
	var s secp256k1.ModNScalar
	s.SetByteSlice([]byte{
		0x53, 0x63, 0xad, 0x4c, 0xc0, 0x5c, 0x30, 0xe0, 0xa5, 0x26, 0x1c, 0x02, 0x88, 0x12, 0x64, 0x5a,
		0x12, 0x2e, 0x22, 0xea, 0x20, 0x81, 0x66, 0x78, 0xdf, 0x02, 0x96, 0x7c, 0x1b, 0x23, 0xbd, 0x72,
	})
	return s
}()

// A reduced basis of the lattice {(a, b) : a + b·λ ≡ 0 (mod n)}:
// v1 = (a1, -b1abs), v2 = (a2, b2) with b2 = a1.
var (
	glvA1    = u256{0xe86c90e49284eb15, 0x3086d221a7d46bcd, 0, 0}
	glvB1Abs = u256{0x6f547fa90abfe4c3, 0xe4437ed6010e8828, 0, 0}
	glvA2    = u256{0x57c1108d9d44cfd8, 0x14ca50f7a8e2f3f6, 1, 0}
	glvB2    = glvA1
)

// glvG1 = round(2^384·b2/n) and glvG2 = round(2^384·b1abs/n), so that
// round(k·g/2^384) is within 1/2 + 2^-128 of the exact k·b2/n (k·b1abs/n).
var (
	glvG1 = u256{0xe893209a45dbb031, 0x3daa8a1471e8ca7f, 0xe86c90e49284eb15, 0x3086d221a7d46bcd}
	glvG2 = u256{0x1571b4ae8ac47f71, 0x221208ac9df506c6, 0x6f547fa90abfe4c4, 0xe4437ed6010e8828}
)

// u256FromBE reads 32 big-endian bytes.
func u256FromBE(b *[32]byte) u256 {
	return u256{
		binary.BigEndian.Uint64(b[24:]),
		binary.BigEndian.Uint64(b[16:]),
		binary.BigEndian.Uint64(b[8:]),
		binary.BigEndian.Uint64(b[0:]),
	}
}

// mulWide returns the 512-bit product a·b as eight little-endian limbs.
func mulWide(a, b *u256) [8]uint64 {
	var r [8]uint64
	for i := 0; i < 4; i++ {
		var carry uint64
		for j := 0; j < 4; j++ {
			hi, lo := bits.Mul64(a[i], b[j])
			var c uint64
			lo, c = bits.Add64(lo, r[i+j], 0)
			hi += c
			lo, c = bits.Add64(lo, carry, 0)
			hi += c
			r[i+j] = lo
			carry = hi
		}
		r[i+4] = carry
	}
	return r
}

// mulShift384Round returns round(a·b / 2^384), which is below 2^128 for
// a, b < 2^256.
func mulShift384Round(a, b *u256) u256 {
	w := mulWide(a, b)
	round := w[5] >> 63
	lo, c := bits.Add64(w[6], round, 0)
	hi, _ := bits.Add64(w[7], 0, c)
	return u256{lo, hi, 0, 0}
}

// mulLow returns a·b mod 2^256.
func mulLow(a, b *u256) u256 {
	w := mulWide(a, b)
	return u256{w[0], w[1], w[2], w[3]}
}

func sub256(a, b *u256) u256 {
	var r u256
	var borrow uint64
	for i := range r {
		r[i], borrow = bits.Sub64(a[i], b[i], borrow)
	}
	return r
}

// absNeg interprets a as a two's-complement integer and returns its absolute
// value and 1 if it was negative, in constant time.
func absNeg(a *u256) (u256, uint64) {
	neg := a[3] >> 63
	mask := -neg
	var r u256
	carry := neg
	for i := range r {
		r[i], carry = bits.Add64(a[i]^mask, 0, carry)
	}
	return r, neg
}

// glvSplit returns |k1|, |k2| and their signs (1 for negative) with
// k ≡ k1 + k2·λ (mod n) and |k1|, |k2| < 2^128, in constant time.
//
// With c1 = round(k·b2/n) and c2 = round(k·b1abs/n), (k1, k2) = (k, 0) -
// c1·v1 - c2·v2 is a lattice translate of (k, 0), hence k1 + k2·λ ≡ k, and
// its size is at most (1/2 + 2^-128)·(|v1| + |v2|) per coordinate:
// |k1| <= 0.64·2^128 and |k2| <= 0.55·2^128. Both are computed exactly as
// integers mod 2^256, which their bound makes unambiguous.
func glvSplit(k *secp256k1.ModNScalar) (k1, k2 u256, neg1, neg2 uint64) {
	kb := k.Bytes()
	kk := u256FromBE(&kb)
	clear(kb[:])
	c1 := mulShift384Round(&kk, &glvG1)
	c2 := mulShift384Round(&kk, &glvG2)
	// k1 = k - c1·a1 - c2·a2
	t := mulLow(&c1, &glvA1)
	r1 := sub256(&kk, &t)
	t = mulLow(&c2, &glvA2)
	r1 = sub256(&r1, &t)
	// k2 = c1·b1abs - c2·b2
	t = mulLow(&c1, &glvB1Abs)
	u := mulLow(&c2, &glvB2)
	r2 := sub256(&t, &u)
	k1, neg1 = absNeg(&r1)
	k2, neg2 = absNeg(&r2)
	clear(kk[:])
	return k1, k2, neg1, neg2
}
