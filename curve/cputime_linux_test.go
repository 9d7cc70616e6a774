//go:build linux

package curve

import (
	"runtime"
	"syscall"
	"testing"
	"unsafe"
)

// threadCPUNanos reads CLOCK_THREAD_CPUTIME_ID. Benchmarks report it next to
// wall time because shared CI machines are often oversubscribed, and the CPU
// time a thread actually ran is far steadier than the wall clock there.
func threadCPUNanos() int64 {
	const clockThreadCPUTimeID = 3
	var ts syscall.Timespec
	_, _, errno := syscall.Syscall(syscall.SYS_CLOCK_GETTIME, clockThreadCPUTimeID, uintptr(unsafe.Pointer(&ts)), 0)
	if errno != 0 {
		return 0
	}
	return ts.Nano()
}

// cpuLoop runs f in a b.Loop and reports the thread CPU time per iteration as
// the cpu-ns/op metric.
func cpuLoop(b *testing.B, f func()) {
	b.Helper()
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	b.ReportAllocs()
	start := threadCPUNanos()
	n := 0
	for b.Loop() {
		f()
		n++
	}
	if n > 0 {
		b.ReportMetric(float64(threadCPUNanos()-start)/float64(n), "cpu-ns/op")
	}
}
