//go:build timing

package prm

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/mosaic-mpc/mosaic/zk/internal/zktest"
)

// Security.md case 27, the Πprm prover. Run with -tags timing.
func TestTiming(t *testing.T) {
	zktest.RequireKeyIndependentTiming(t, 300, func(key int) func() {
		pub, priv := testKey(t, key)
		return func() {
			_, err := NewProof(zktest.Transcript("timing", 1, 0), pub, priv, nil)
			require.NoError(t, err)
		}
	})
}
