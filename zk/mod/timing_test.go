//go:build timing

package mod

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/mosaic-mpc/mosaic/zk/internal/zktest"
)

// Security.md case 27, the Πmod prover. Run with -tags timing.
func TestTiming(t *testing.T) {
	zktest.RequireKeyIndependentTiming(t, 300, func(key int) func() {
		pub, priv := testKey(t, key)
		return func() {
			_, err := NewProof(zktest.Transcript("timing", 1, 2), pub, priv, nil)
			require.NoError(t, err)
		}
	})
}
