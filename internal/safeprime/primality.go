package safeprime

import (
	"fmt"
	"io"

	"filippo.io/bigmod"
)

// All exponentiations here run on bigmod: constant time in the candidate and
// the base, leaking only the candidate's bit length.

// fermat2 reports whether 2^(n−1) ≡ 1 (mod n) for an odd n > 3 given as
// big-endian bytes. It is the cheap first filter on p'.
func fermat2(n []byte) (bool, error) {
	m, err := bigmod.NewModulus(n)
	if err != nil {
		return false, err
	}
	e := decrementOdd(n)
	two := bigmod.NewNat().SetUint(2).ExpandFor(m)
	return bigmod.NewNat().Exp(two, e, m).IsOne() == 1, nil
}

// pocklington2 reports whether 2^((p−1)/2) ≡ ±1 (mod p), i.e. 2^(p−1) ≡ 1.
// When (p−1)/2 = p' is prime this proves p prime (Pocklington's criterion with
// the factor p' > √p and gcd(2²−1, p) = 1 for p > 3).
func pocklington2(p, pPrime []byte) (bool, error) {
	m, err := bigmod.NewModulus(p)
	if err != nil {
		return false, err
	}
	two := bigmod.NewNat().SetUint(2).ExpandFor(m)
	r := bigmod.NewNat().Exp(two, pPrime, m)
	return r.IsOne()|r.IsMinusOne(m) == 1, nil
}

// millerRabin runs rounds of the strong probable-prime test on an odd n > 3
// with bases uniform in [2, n−2] drawn from rand, plus the base 2 when base2
// is set. It returns false as soon as one base proves n composite.
func millerRabin(rand io.Reader, n []byte, rounds int, base2 bool) (bool, error) {
	m, err := bigmod.NewModulus(n)
	if err != nil {
		return false, err
	}
	nm1 := decrementOdd(n)
	// n−1 = 2^s · d with d odd. s and d depend on the candidate's low bits; the
	// number of squarings leaks s, as in every Miller–Rabin implementation.
	s := trailingZeros(nm1)
	d := shiftRight(nm1, s)

	check := func(a *bigmod.Nat) bool {
		y := bigmod.NewNat().Exp(a, d, m)
		if y.IsOne() == 1 || y.IsMinusOne(m) == 1 {
			return true
		}
		for range s - 1 {
			y.Mul(y, m)
			if y.IsMinusOne(m) == 1 {
				return true
			}
			if y.IsOne() == 1 {
				return false
			}
		}
		return false
	}

	if base2 {
		if !check(bigmod.NewNat().SetUint(2).ExpandFor(m)) {
			return false, nil
		}
	}
	buf := make([]byte, len(n))
	bitLen := m.BitLen()
	for i := 0; i < rounds; {
		if _, err := io.ReadFull(rand, buf); err != nil {
			return false, fmt.Errorf("%w: %w", ErrRandom, err)
		}
		// Keep bitLen−1 bits so the rejection below accepts with probability
		// about 1/2 or better.
		clearHighBits(buf, bitLen-1)
		a, err := bigmod.NewNat().SetBytes(buf, m)
		if err != nil {
			continue
		}
		// Reject 0, 1 (and n−1, impossible with bitLen−1 bits).
		if a.IsZero() == 1 || a.IsOne() == 1 || a.IsMinusOne(m) == 1 {
			continue
		}
		if !check(a) {
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

func trailingZeros(b []byte) int {
	z := 0
	for i := len(b) - 1; i >= 0; i-- {
		if b[i] == 0 {
			z += 8
			continue
		}
		for v := b[i]; v&1 == 0; v >>= 1 {
			z++
		}
		return z
	}
	return z
}

// shiftRight returns b >> s for big-endian b, same length.
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
