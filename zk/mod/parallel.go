package mod

import (
	"runtime"
	"sync"
	"sync/atomic"
)

// parallelFor runs fn(0), …, fn(n−1) on up to GOMAXPROCS goroutines and
// returns when all calls have returned (no goroutine outlives the call).
// fn must be safe to call concurrently for different indices.
func parallelFor(n int, fn func(i int)) {
	firstFailure(n, func(i int) bool { fn(i); return true })
}

// firstFailure runs ok(0), …, ok(n−1) on up to GOMAXPROCS goroutines and
// returns the smallest i with ok(i) = false, or −1. Indices are handed out in
// increasing order and work stops past the first failure found, so a bad
// proof costs little; every index below the reported one has been checked,
// so the result does not depend on scheduling. All goroutines have returned
// when it returns.
func firstFailure(n int, ok func(i int) bool) int {
	var next, first atomic.Int64
	first.Store(int64(n))
	work := func() {
		for {
			i := next.Add(1) - 1
			if i >= first.Load() {
				return
			}
			if ok(int(i)) {
				continue
			}
			for {
				cur := first.Load()
				if i >= cur || first.CompareAndSwap(cur, i) {
					break
				}
			}
		}
	}
	workers := min(runtime.GOMAXPROCS(0), n)
	if workers <= 1 {
		work()
	} else {
		var wg sync.WaitGroup
		for range workers {
			wg.Go(work)
		}
		wg.Wait()
	}
	if f := int(first.Load()); f < n {
		return f
	}
	return -1
}
