package zktest

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/mosaic-mpc/mosaic/internal/dudect"
	"github.com/mosaic-mpc/mosaic/internal/testfixtures"
)

// RequireKeyIndependentTiming is the provers' timing test (SECURITY.md case
// 27): prover(i) builds the statement and witness of fixture key i once and
// returns one proof's work; the two classes are the keys with the lightest
// and the heaviest primes, and the test fails if dudect tells them apart.
func RequireKeyIndependentTiming(t *testing.T, samples int, prover func(key int) func()) {
	t.Helper()
	low, high := testfixtures.WeightExtremes(t)
	ops := [2]func(){prover(low), prover(high)}
	r, err := dudect.Measure(samples, nil, func(class int) func() { return ops[class] })
	require.NoError(t, err)
	t.Log(r)
	require.False(t, r.Leaks(), r.String())
}
