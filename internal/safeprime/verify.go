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
// Verify runs on every key load, always on the same secret p, so it is
// constant time in p: no trial division (a hardware division's latency
// depends on its operands on many x86 cores) and no early exit inside a
// Miller–Rabin round (see strongProbablePrime). What its running time
// depends on is the bit length of p, whether and where a value that is not
// a safe prime is rejected, and, for about one safe prime in 2^64 (those
// whose p'−1 is divisible by 2^65), that it is such a prime (mrPaddedS).
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
	// The branch depends on p's two low bits, which are 1 and 1 for every
	// value that passes.
	if pb[len(pb)-1]&3 != 3 {
		return fmt.Errorf("%w: not 3 mod 4", ErrNotSafePrime)
	}
	qb := make([]byte, len(pb))
	defer clear(qb)
	shiftRightOne(qb, pb)

	// p' ≥ 2^(MinBits−2) is odd (p ≡ 3 mod 4), as millerRabin needs. No
	// trial division first: Miller–Rabin rejects a p' with a small factor
	// just as surely, and without a division whose latency depends on p.
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
