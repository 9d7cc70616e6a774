package safeprime

import (
	"fmt"
	"io"

	"filippo.io/bigmod"

	"github.com/mosaic-mpc/mosaic/internal/bigint"
)

// All exponentiations here run on bigmod or internal/bigint: constant time in
// the candidate and the base, leaking only the candidate's bit length. The Miller–Rabin round
// around them is constant time too (mrCandidate).

// fermat2 reports whether 2^(n−1) ≡ 1 (mod n) for an odd n > 3 given as
// big-endian bytes. It is the cheap first filter on p', and most of the
// search's time: internal/bigint's PowerOfTwo (squarings and doublings,
// no table, IFMA kernels where the CPU has them) computes the power where
// it has a kernel for n's size, bigmod elsewhere; both in constant time.
func fermat2(n []byte) (bool, error) {
	e := decrementOdd(n)
	defer clear(e)
	if r, ok := bigint.PowerOfTwo(n, e); ok {
		defer clear(r)
		return isOneCT(r) == 1, nil
	}
	m, err := bigmod.NewModulus(n)
	if err != nil {
		return false, err
	}
	two := bigmod.NewNat().SetUint(2).ExpandFor(m)
	return bigmod.NewNat().Exp(two, e, m).IsOne() == 1, nil
}

// isOneCT returns 1 if the big-endian b is 1 and 0 otherwise, reading
// every byte.
func isOneCT(b []byte) uint {
	var acc byte
	for _, v := range b[:len(b)-1] {
		acc |= v
	}
	acc |= b[len(b)-1] ^ 1
	return uint(1 ^ (uint32(acc)|-uint32(acc))>>31)
}

// isMinusOneCT returns 1 if the big-endian b equals m − 1 (m odd, same
// length) and 0 otherwise, reading every byte.
func isMinusOneCT(b, m []byte) uint {
	var acc byte
	for i := range b[:len(b)-1] {
		acc |= b[i] ^ m[i]
	}
	acc |= b[len(b)-1] ^ (m[len(m)-1] ^ 1)
	return uint(1 ^ (uint32(acc)|-uint32(acc))>>31)
}

// pocklington2 reports whether 2^((p−1)/2) ≡ ±1 (mod p), i.e. 2^(p−1) ≡ 1.
// When (p−1)/2 = p' is an odd prime this proves p prime (Pocklington's
// criterion with the factor p' > √p): for a prime r | p, the order of 2
// modulo r divides 2p', so either p' | r−1, which makes r ≥ 2p'+1 = p, or
// the order divides 2 and r = 3. In the second case every other prime
// factor of p is at least p, so p = 3^k, and 2 has order 2·3^(k−1) modulo
// 3^k (it is a primitive root), which does not divide 3^k−1 for k ≥ 2. So
// p needs no trial division by 3 either.
func pocklington2(p, pPrime []byte) (bool, error) {
	if r, ok := bigint.PowerOfTwo(p, pPrime); ok {
		defer clear(r)
		return isOneCT(r)|isMinusOneCT(r, p) == 1, nil
	}
	m, err := bigmod.NewModulus(p)
	if err != nil {
		return false, err
	}
	two := bigmod.NewNat().SetUint(2).ExpandFor(m)
	r := bigmod.NewNat().Exp(two, pPrime, m)
	return r.IsOne()|r.IsMinusOne(m) == 1, nil
}

// mrPaddedS is the s (n − 1 = 2^s·d, d odd) every Miller–Rabin round is
// padded to: a round squares max(s, mrPaddedS) − 1 times after a^d, that is
// 63 times for every candidate with s ≤ 64, which is all but one odd number
// in 2^64 (s counts the trailing zero bits of n − 1). Only a larger s shows
// in the time, as s − 1 squarings. The padding (63 modular squarings next
// to each round's exponentiation) makes Verify about 10% slower at 1024
// and 1536 bits.
const mrPaddedS = 64

// mrCandidate is an odd n > 3 set up for strong probable-prime tests:
// n − 1 = 2^s·d with d odd. d and s are secret when n is; both are derived
// and used in constant time (s only through masks, and through the number of
// squarings when s > mrPaddedS).
type mrCandidate struct {
	m *bigmod.Modulus
	d []byte // as wide as n, so that Exp's time depends on n's length only
	s int
}

func newMRCandidate(n []byte) (*mrCandidate, error) {
	m, err := bigmod.NewModulus(n)
	if err != nil {
		return nil, err
	}
	nm1 := decrementOdd(n)
	defer clear(nm1)
	s := trailingZerosCT(nm1)
	return &mrCandidate{m: m, d: shiftRightCT(nm1, s), s: s}, nil
}

// strongProbablePrime reports whether n is a strong probable prime to base
// a ∈ [1, n−1]: a^d ≡ 1, or a^(d·2^j) ≡ −1 for some 0 ≤ j < s. Unlike the
// textbook loop it neither stops at the first −1 nor at the first 1: it
// runs max(s, mrPaddedS) − 1 squarings and folds each comparison into the
// verdict with a mask, so its time does not depend on where −1 appears or
// on s (up to mrPaddedS). Stopping at 1 is only a shortcut: once a value
// is 1 every later one is too, and −1 cannot follow.
func (c *mrCandidate) strongProbablePrime(a *bigmod.Nat) bool {
	y := bigmod.NewNat().Exp(a, c.d, c.m)
	pass := y.IsOne() | y.IsMinusOne(c.m)
	squarings := mrPaddedS
	if c.s > squarings {
		squarings = c.s // variable time, documented on mrPaddedS
	}
	for j := 1; j < squarings; j++ {
		y.Mul(y, c.m)
		pass |= lessCT(j, c.s) & y.IsMinusOne(c.m)
	}
	return pass == 1
}

// millerRabin runs rounds of the strong probable-prime test on an odd n > 3
// with bases uniform in [2, n−2] drawn from rand, plus the base 2 when base2
// is set. It returns false as soon as one base proves n composite: that
// early exit only ever happens for a composite, whose rejection is public.
func millerRabin(rand io.Reader, n []byte, rounds int, base2 bool) (bool, error) {
	c, err := newMRCandidate(n)
	if err != nil {
		return false, err
	}
	defer clear(c.d)
	if base2 {
		if !c.strongProbablePrime(bigmod.NewNat().SetUint(2).ExpandFor(c.m)) {
			return false, nil
		}
	}
	buf := make([]byte, len(n))
	bitLen := c.m.BitLen()
	for i := 0; i < rounds; {
		if _, err := io.ReadFull(rand, buf); err != nil {
			return false, fmt.Errorf("%w: %w", ErrRandom, err)
		}
		// Keep bitLen−1 bits: the value is then below n, so SetBytes never
		// refuses it, and its size says nothing about n beyond its length.
		clearHighBits(buf, bitLen-1)
		a, err := bigmod.NewNat().SetBytes(buf, c.m)
		if err != nil {
			continue
		}
		// Reject 0 and 1 (n−1 is impossible with bitLen−1 bits): a
		// probability of 2^(2−bitLen), a retry that depends on rand alone.
		if a.IsZero() == 1 || a.IsOne() == 1 || a.IsMinusOne(c.m) == 1 {
			continue
		}
		if !c.strongProbablePrime(a) {
			return false, nil
		}
		i++
	}
	return true, nil
}

// mrRounds is the number of random-base Miller–Rabin rounds for a random
// candidate of the given size, following FIPS 186-5 table B.1 (error ≤ 2^-100
// for the prime sizes used by RSA and Paillier) and erring upward for small
// test sizes.
func mrRounds(bits int) int {
	switch {
	case bits >= 1400:
		return 4
	case bits >= 1000:
		return 5
	case bits >= 500:
		return 8
	default:
		return 40
	}
}

func decrementOdd(n []byte) []byte {
	out := append([]byte(nil), n...)
	out[len(out)-1] &^= 1
	return out
}

// trailingZerosCT returns the number of trailing zero bits of the
// big-endian b (8·len(b) for zero), looking at every bit whatever the
// value.
func trailingZerosCT(b []byte) int {
	var count, seen uint
	for i := len(b) - 1; i >= 0; i-- {
		for k := range 8 {
			seen |= uint(b[i]>>k) & 1
			count += seen ^ 1
		}
	}
	return int(count)
}

// lessCT returns 1 if a < b and 0 otherwise, for 0 ≤ a, b < 2^62, without
// a branch.
func lessCT(a, b int) uint {
	return uint(uint64(a-b) >> 63)
}

// shiftRightCT returns b >> s for big-endian b (same length) and a secret
// 0 ≤ s ≤ 8·len(b): a barrel shifter, which shifts by every power of two
// and keeps the result by mask, so that the work and the memory accesses do
// not depend on s.
func shiftRightCT(b []byte, s int) []byte {
	out := append([]byte(nil), b...)
	for k := 0; 1<<k <= 8*len(b); k++ {
		shifted := shiftRight(out, 1<<k)
		mask := -byte((uint(s) >> k) & 1)
		for i := range out {
			out[i] = shifted[i]&mask | out[i]&^mask
		}
		clear(shifted)
	}
	return out
}

// shiftRight returns b >> s for big-endian b, same length. Its loop depends
// on s, which must be public (shiftRightCT calls it with powers of two).
func shiftRight(b []byte, s int) []byte {
	out := make([]byte, len(b))
	byteShift, bitShift := s/8, uint(s%8)
	for i := len(b) - 1; i >= 0; i-- {
		src := i - byteShift
		if src < 0 {
			break
		}
		v := b[src] >> bitShift
		if bitShift != 0 && src > 0 {
			v |= b[src-1] << (8 - bitShift)
		}
		out[i] = v
	}
	return out
}

func clearHighBits(buf []byte, keep int) {
	extra := 8*len(buf) - keep
	for i := 0; extra > 0 && i < len(buf); i++ {
		if extra >= 8 {
			buf[i] = 0
			extra -= 8
			continue
		}
		buf[i] &= 0xff >> extra
		extra = 0
	}
}
