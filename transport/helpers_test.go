package transport_test

import (
	"errors"
	"runtime"
	"testing"
	"time"
)

func errorsIs(err, target error) bool { return errors.Is(err, target) }

// requireNoLeak waits up to two seconds for the goroutine count to fall back
// to before, and prints every stack if it does not.
func requireNoLeak(t testing.TB, before int) {
	t.Helper()
	deadline := time.Now().Add(2 * time.Second)
	for runtime.NumGoroutine() > before {
		if time.Now().After(deadline) {
			buf := make([]byte, 1<<20)
			buf = buf[:runtime.Stack(buf, true)]
			t.Fatalf("goroutine leak: %d before, %d now\n%s", before, runtime.NumGoroutine(), buf)
		}
		time.Sleep(10 * time.Millisecond)
	}
}
