//go:build !linux

package curve

import "testing"

// cpuLoop runs f in a b.Loop; off Linux there is no per-thread CPU clock to
// report, so only the standard metrics appear.
func cpuLoop(b *testing.B, f func()) {
	b.Helper()
	b.ReportAllocs()
	for b.Loop() {
		f()
	}
}
