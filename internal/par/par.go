package par

import (
	"runtime"
	"sync"
	"sync/atomic"
)

// Do runs every fn concurrently, one goroutine each, and returns when all
// have returned. It is meant for a handful of unequal tasks, such as the
// exponentiations of one proof.
func Do(fns ...func()) {
	var wg sync.WaitGroup
	for _, fn := range fns {
		wg.Go(fn)
	}
	wg.Wait()
}

// For runs fn(0), …, fn(n−1) on up to GOMAXPROCS goroutines and returns when
// all calls have returned. fn must be safe to call concurrently for
// different indices.
func For(n int, fn func(i int)) {
	FirstFailure(n, func(i int) bool { fn(i); return true })
}

// Errors runs f(0), …, f(n−1) on up to GOMAXPROCS goroutines and returns
// their errors in index order once all have returned.
func Errors(n int, f func(i int) error) []error {
	errs := make([]error, n)
	For(n, func(i int) { errs[i] = f(i) })
	return errs
}

// FirstFailure runs ok(0), …, ok(n−1) on up to GOMAXPROCS goroutines and
// returns the smallest i with ok(i) = false, or −1. Indices are handed out
// in increasing order and work stops past the first failure found, so a bad
// proof costs little; every index below the reported one has been checked,
// so the result does not depend on scheduling. All goroutines have returned
// when it returns.
func FirstFailure(n int, ok func(i int) bool) int {
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
