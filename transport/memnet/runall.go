package memnet

import (
	"context"
	"sync"

	"github.com/mosaic-mpc/mosaic/transport"
)

// RunAll drives one Machine per party over the network, each with
// transport.Run in its own goroutine, and waits for all of them. It returns
// every party's result and error. It is how tests and the in-process
// examples run a protocol; every goroutine has finished when it returns.
func RunAll[Out any](ctx context.Context, n *Network, machines map[transport.PartyID]transport.Machine[Out], opts ...transport.Option) (map[transport.PartyID]Out, map[transport.PartyID]error) {
	var (
		mu      sync.Mutex
		wg      sync.WaitGroup
		results = make(map[transport.PartyID]Out, len(machines))
		errs    = make(map[transport.PartyID]error)
	)
	for id, m := range machines {
		wg.Add(1)
		go func() {
			defer wg.Done()
			out, err := transport.Run(ctx, m, n.Conn(id), opts...)
			mu.Lock()
			defer mu.Unlock()
			if err != nil {
				errs[id] = err
				return
			}
			results[id] = out
		}()
	}
	wg.Wait()
	return results, errs
}
