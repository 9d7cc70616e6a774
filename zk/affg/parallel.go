package affg

import "sync"

// parallel runs the independent exponentiations of one proof on all cores
// and returns when every one has finished (no goroutine outlives the call).
func parallel(fns ...func()) {
	var wg sync.WaitGroup
	wg.Add(len(fns))
	for _, fn := range fns {
		go func() {
			defer wg.Done()
			fn()
		}()
	}
	wg.Wait()
}
