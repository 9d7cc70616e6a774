//go:build unix

package prm

import (
	"syscall"
	"time"
)

// processCPU returns the CPU time (user + system) this process has used. The
// benchmarks report it per operation: on a busy machine it is a steadier
// measure of the work than wall-clock time.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
