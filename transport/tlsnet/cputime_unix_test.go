//go:build unix

package tlsnet

import (
	"syscall"
	"time"
)

// processCPUTime returns the process's user plus system CPU time. The
// benchmarks report it per operation beside wall time: on a shared,
// oversubscribed machine wall time mostly measures the wait for a core.
func processCPUTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
