package memnet

import (
	"context"
	"slices"
	"sync"

	"github.com/mosaic-mpc/mosaic/transport"
)

// RunAll drives one Machine per party over the network, each with
// transport.Run in its own goroutine, and waits for all of them. It returns
// every party's result and error. It is how tests and the in-process
// examples run a protocol; every goroutine has finished when it returns.
func RunAll[Out any](ctx context.Context, n *Network, machines map[transport.PartyID]transport.Machine[Out], opts ...transport.Option) (map[transport.PartyID]Out, map[transport.PartyID]error) {
	return RunAgainst(ctx, n, machines, nil, opts...)
}

// RunAgainst is RunAll for a run with malicious parties, whose outcome an
// adversarial test does not judge: once every other party has returned, it
// closes the network, so that a malicious party left waiting for messages
// that will never come returns at once instead of after its round timeout.
// The honest parties' results and errors are exactly RunAll's; a malicious
// party's error may then say that the network was closed. With no
// malicious parties it is RunAll.
func RunAgainst[Out any](ctx context.Context, n *Network, machines map[transport.PartyID]transport.Machine[Out], malicious []transport.PartyID, opts ...transport.Option) (map[transport.PartyID]Out, map[transport.PartyID]error) {
	var (
		mu          sync.Mutex
		honest, all sync.WaitGroup
		results     = make(map[transport.PartyID]Out, len(machines))
		errs        = make(map[transport.PartyID]error)
	)
	for id, m := range machines {
		evil := slices.Contains(malicious, id)
		all.Add(1)
		if !evil {
			honest.Add(1)
		}
		go func() {
			defer all.Done()
			if !evil {
				defer honest.Done()
			}
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
	if len(malicious) > 0 {
		honest.Wait()
		n.Close()
	}
	all.Wait()
	return results, errs
}
