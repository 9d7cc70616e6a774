package cputime

import (
	"runtime"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// spin keeps the thread busy for at least d of wall time.
func spin(d time.Duration) {
	for start := time.Now(); time.Since(start) < d; {
	}
}

func TestClocksAdvance(t *testing.T) {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	p0, t0 := Process(), Thread()
	spin(20 * time.Millisecond)
	p1, t1 := Process(), Thread()
	if p0 != 0 {
		require.Greater(t, p1, p0, "process clock")
	}
	if t0 != 0 {
		require.Greater(t, t1, t0, "thread clock")
	}
}

func TestPerOp(t *testing.T) {
	tests := []struct {
		name   string
		used   time.Duration
		unit   time.Duration
		n      int
		metric string
		want   float64
	}{
		{"nanoseconds", 3000, time.Nanosecond, 2, "cpu-ns/op", 1500},
		{"microseconds", 3000, time.Microsecond, 2, "cpu-µs/op", 1.5},
		{"milliseconds", 9 * time.Millisecond, time.Millisecond, 3, "cpu-ms/op", 3},
		{"seconds", 2 * time.Second, time.Second, 4, "cpu-s/op", 0.5},
		{"unknown unit", 7, 3 * time.Nanosecond, 1, "cpu-ns/op", 7},
		{"no clock", 0, time.Millisecond, 5, "", 0},
		{"no iteration", time.Second, time.Millisecond, 0, "", 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			value, name, ok := perOp(tc.used, tc.unit, tc.n)
			require.Equal(t, tc.metric != "", ok)
			require.Equal(t, tc.metric, name)
			require.InDelta(t, tc.want, value, 1e-9)
		})
	}
}
