//go:build amd64 && !purego

package bigint

import (
	"testing"

	"github.com/stretchr/testify/require"
	"golang.org/x/sys/cpu"
)

// assemblyBuild: montRows calls an assembly kernel at every kernel size on
// amd64, whatever the CPU (only fastKernel looks at ADX and BMI2).
const assemblyBuild = true

// kernelsRunnable reports whether this CPU can run the assembly kernels.
func kernelsRunnable() bool { return hasADX }

// kernels are the assembly kernels by limb count.
var kernels = map[int]func(z, x *uint64, y uint64) uint64{
	16: addMulVVW16x, 24: addMulVVW24x, 32: addMulVVW32x,
	48: addMulVVW48x, 64: addMulVVW64x, 96: addMulVVW96x,
}

// TestKernelSupport states what this machine runs (bash .ci/run prints it)
// and checks that fastKernel follows the CPU's features.
func TestKernelSupport(t *testing.T) {
	t.Logf("amd64 assembly kernels (MULX/ADCX/ADOX): CPU has ADX=%v BMI2=%v, kernels used: %v",
		cpu.X86.HasADX, cpu.X86.HasBMI2, fastKernel(16))
	t.Logf("AVX-512 IFMA kernels (radix 2^52, moduli of 1536 bits and more): used: %v", hasIFMA)
	for n := range kernels {
		require.Equal(t, cpu.X86.HasADX && cpu.X86.HasBMI2, fastKernel(n), "n=%d", n)
	}
	require.False(t, fastKernel(17))
}

// The kernels themselves (not montRows, not the portable reference) against
// addMulVVW, on the limb patterns that make every carry chain run: zero,
// all ones, alternating bits, top bit only, one, and a mix.
func TestKernelsEdgeCarries(t *testing.T) {
	skipWithoutKernels(t)
	for n, kernel := range kernels {
		for zi, zp := range edgeLimbs(n) {
			for xi, xp := range edgeLimbs(n) {
				for _, y := range edgeWords {
					z1 := append([]uint64(nil), zp...)
					z2 := append([]uint64(nil), zp...)
					c1 := kernel(&z1[0], &xp[0], y)
					c2 := addMulVVW(z2, xp, y)
					require.Equal(t, c2, c1, "n=%d z=%d x=%d y=%#x: carry", n, zi, xi, y)
					require.Equal(t, z2, z1, "n=%d z=%d x=%d y=%#x: limbs", n, zi, xi, y)
				}
			}
		}
	}
}
