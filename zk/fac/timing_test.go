//go:build timing

package fac

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/mosaic-mpc/mosaic/internal/testfixtures"
	"github.com/mosaic-mpc/mosaic/zk/internal/zktest"
)

// Security.md case 27, the Πfac prover, proving to one verifier's
// ring-Pedersen parameters (those of a key that is not a class). Run with
// -tags timing.
func TestTiming(t *testing.T) {
	low, high := testfixtures.WeightExtremes(t)
	verifier := 0
	for verifier == low || verifier == high {
		verifier++
	}
	aux, _, err := testfixtures.PaillierKey(t, verifier).GeneratePedersen(zktest.Seeded("7"))
	require.NoError(t, err)
	zktest.RequireKeyIndependentTiming(t, 1000, func(key int) func() {
		sk := testfixtures.PaillierKey(t, key)
		pub := Public{N0: sk.PublicKey(), Aux: aux}
		priv := Private{P: sk.P(), Q: sk.Q()}
		return func() {
			_, err := NewProof(zktest.Transcript("timing", 1, 2), pub, priv, nil)
			require.NoError(t, err)
		}
	})
}
