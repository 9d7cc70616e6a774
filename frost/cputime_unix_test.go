//go:build unix

package frost

import (
	"syscall"
	"time"
)

// processCPUTime returns the user plus system CPU time of the process. The
// benchmarks report it per operation next to wall time, because on a shared,
// oversubscribed machine wall time mostly measures the wait for a core.
func processCPUTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
