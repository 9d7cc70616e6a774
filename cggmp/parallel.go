package cggmp

import (
	"runtime"
	"sync"

	"github.com/mosaic-mpc/mosaic/transport"
)

// parallelDo runs f(0), …, f(n−1) on up to GOMAXPROCS goroutines, all
// finished before it returns, and returns the errors in order. Verifying
// the n−1 peers' proofs in parallel is the main speed-up of a round
// (architecture.md, "Performance design").
func parallelDo(n int, f func(int) error) []error {
	errs := make([]error, n)
	workers := min(runtime.GOMAXPROCS(0), n)
	next := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				errs[i] = f(i)
			}
		}()
	}
	for i := 0; i < n; i++ {
		next <- i
	}
	close(next)
	wg.Wait()
	return errs
}

// parallelMap is parallelDo over party ids.
func parallelMap(ids []transport.PartyID, f func(transport.PartyID) error) []error {
	return parallelDo(len(ids), func(i int) error { return f(ids[i]) })
}
