package cputime

import (
	"testing"
	"time"
)

// unitName names the units Report accepts, as they appear in the metric.
func unitName(unit time.Duration) (string, bool) {
	switch unit {
	case time.Nanosecond:
		return "ns", true
	case time.Microsecond:
		return "µs", true
	case time.Millisecond:
		return "ms", true
	case time.Second:
		return "s", true
	}
	return "", false
}

// Report adds used, the CPU time b spent in its measured work, to b's
// results per iteration (b.N) in unit, as the metric "cpu-ns/op",
// "cpu-µs/op", "cpu-ms/op" or "cpu-s/op"; any other unit counts as
// nanoseconds. It adds nothing when used is not positive (the platform has
// no CPU clock) or b ran no iteration.
func Report(b *testing.B, used, unit time.Duration) {
	b.Helper()
	if value, name, ok := perOp(used, unit, b.N); ok {
		b.ReportMetric(value, name)
	}
}

// perOp is Report's metric: used per each of n operations, in unit, and
// the metric's name; ok is false when there is nothing to report.
func perOp(used, unit time.Duration, n int) (value float64, name string, ok bool) {
	name, known := unitName(unit)
	if !known {
		unit, name = time.Nanosecond, "ns"
	}
	if used <= 0 || n <= 0 {
		return 0, "", false
	}
	return float64(used) / float64(unit) / float64(n), "cpu-" + name + "/op", true
}
