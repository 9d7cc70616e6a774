package zktest

import (
	"testing"

	"github.com/cronokirby/saferith"
	"github.com/stretchr/testify/require"

	"github.com/mosaic-mpc/mosaic/internal/testfixtures"
	"github.com/mosaic-mpc/mosaic/paillier"
)

// FuzzModulus returns the i-th 2048-bit fixture modulus p·q without
// validating the primes again: every fuzz worker builds its statement, and
// that must be cheap under coverage instrumentation.
func FuzzModulus(tb testing.TB, i int) *saferith.Nat {
	tb.Helper()
	var pairs []testfixtures.PrimePair
	for _, pr := range testfixtures.PrimePairs(tb) {
		if pr.Bits == paillier.ModulusBits2048 {
			pairs = append(pairs, pr)
		}
	}
	require.Greater(tb, len(pairs), i)
	return new(saferith.Nat).Mul(pairs[i].P, pairs[i].Q, paillier.ModulusBits2048)
}
