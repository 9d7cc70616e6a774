//go:build !amd64 || purego

package bigint

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// assemblyBuild: montRows is portable Go on this platform.
const assemblyBuild = false

// kernelsRunnable: there are no kernels to run here.
func kernelsRunnable() bool { return false }

// TestKernelSupport states what this machine runs (bash .ci/run prints it).
func TestKernelSupport(t *testing.T) {
	t.Log("no assembly kernels in this build (they need amd64 without the purego tag): portable Go and bigmod")
	for _, n := range []int{16, 24, 32, 48, 64, 96} {
		require.False(t, fastKernel(n), "n=%d", n)
	}
}
