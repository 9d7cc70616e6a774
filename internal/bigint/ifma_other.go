//go:build !amd64 || purego

package bigint

// ifmaKernel: no IFMA kernels on this platform.
func ifmaKernel(int) bool { return false }

func ifmaAMM(acc, a, b, m []uint64, m0inv uint64, limbs int) {
	panic("bigint: no IFMA kernels on this platform") // unreachable: ifmaKernel gates it
}

func ifmaPreferred(int) bool { return false }
