package safeprime

import (
	"errors"
	"fmt"
	"io"

	"github.com/cronokirby/saferith"

	"github.com/mosaic-mpc/mosaic/internal/bigint"
)

// ErrNotSafePrime is returned by Verify for a value that is not a Blum safe
// prime of the requested size.
var ErrNotSafePrime = errors.New("safeprime: not a Blum safe prime")

// VerifyRounds is the number of random-base Miller–Rabin rounds Verify runs
// on p' (after a base-2 round). Values checked by Verify come from storage or
// a caller rather than from our own random search, so the margin is larger
// than for generation (4^-16 even for adversarially chosen composites, far
// smaller for anything that is not crafted).
const VerifyRounds = 16

// Verify checks that p is a Blum safe prime of exactly bits bits: p ≡ 3
// (mod 4), p' = (p−1)/2 a probable prime (strong test to base 2 plus
// VerifyRounds random bases from rand; nil means crypto/rand.Reader) and p
// prime by Pocklington's criterion given p'. It does not require the top two
// bits to be set; callers check the size of the product they need.
//
// Only the bit length of p leaks through timing (plus whether it passes).
func Verify(rand io.Reader, p *saferith.Nat, bits int) error {
	if p == nil {
		return fmt.Errorf("%w: nil", ErrNotSafePrime)
	}
	if bits < MinBits {
		return fmt.Errorf("%w: %d < %d", ErrBitLength, bits, MinBits)
	}
	if p.TrueLen() != bits {
		return fmt.Errorf("%w: bit length %d, want %d", ErrNotSafePrime, p.TrueLen(), bits)
	}
	pb := make([]byte, (bits+7)/8)
	p.FillBytes(pb)
	defer clear(pb)
	if pb[len(pb)-1]&3 != 3 {
		return fmt.Errorf("%w: not 3 mod 4", ErrNotSafePrime)
	}
	qb := make([]byte, len(pb))
	defer clear(qb)
	shiftRightOne(qb, pb)

	// Trial division first: cheap, and it rules out most non-primes.
	t := tableFor(1 << 12)
	limbs := bytesToLimbs(pb)
	defer clear(limbs)
	res := make([]uint32, len(t.entries))
	t.residues(limbs, res)
	bad := false
	for _, r := range res {
		bad = bad || r <= 1 // r | p or r | p' (table primes < 2^12 < p')
	}
	clear(res)
	if bad || mod3(limbs) != 2 {
		return fmt.Errorf("%w: small factor", ErrNotSafePrime)
	}

	ok, err := millerRabin(bigint.Reader(rand), qb, VerifyRounds, true)
	if err != nil {
		return err
	}
	if !ok {
		return fmt.Errorf("%w: (p-1)/2 is composite", ErrNotSafePrime)
	}
	ok, err = pocklington2(pb, qb)
	if err != nil {
		return err
	}
	if !ok {
		return fmt.Errorf("%w: p is composite", ErrNotSafePrime)
	}
	return nil
}

func bytesToLimbs(b []byte) []uint64 {
	out := make([]uint64, (len(b)+7)/8)
	for i := range b {
		pos := len(b) - 1 - i
		out[i/8] |= uint64(b[pos]) << (8 * uint(i%8))
	}
	return out
}

// mod3 returns x mod 3 (2^64 ≡ 1 mod 3, so the limbs just add up).
func mod3(x []uint64) uint64 {
	var s uint64
	for _, v := range x {
		s += v % 3
	}
	return s % 3
}
