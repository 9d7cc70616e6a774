//go:build !amd64 || purego

package bigint

// fastKernel: no assembly kernels on this platform; bigmod is used.
func fastKernel(int) bool { return false }

func montRows(t, a, b, m []uint64, m0inv uint64) uint64 {
	return montRowsGeneric(t, a, b, m, m0inv)
}
