package transport_test

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/mosaic-mpc/mosaic/transport"
	"github.com/mosaic-mpc/mosaic/transport/memnet"
)

// Three parties run the toy sum protocol (toy_test.go: a broadcast round,
// then a direct round) over an in-memory network that delays and reorders
// messages.
func Example() {
	parties := []transport.PartyID{1, 2, 3}
	net := memnet.New(parties, memnet.WithFaults(0, 0, memnet.Faults{Reorder: 0.5, MaxDelay: time.Millisecond}))
	defer net.Close()

	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()

	totals := make([]uint64, len(parties))
	var wg sync.WaitGroup
	for i, id := range parties {
		m, err := transport.NewMachine(transport.Config{
			Protocol:  "toy-sum/v1",
			SessionID: []byte("example session"),
			Self:      id,
			Parties:   parties,
		}, transport.FirstRound[uint64](&toyRound1{value: uint64(id) * 10}))
		if err != nil {
			fmt.Println(err)
			return
		}
		wg.Go(func() {
			total, err := transport.Run(ctx, m, net.Conn(id), transport.WithRoundTimeout(time.Second))
			if err != nil {
				fmt.Println(id, err)
				return
			}
			totals[i] = total
		})
	}
	wg.Wait()
	for i, id := range parties {
		fmt.Printf("party %d: total %d\n", id, totals[i])
	}
	// Output:
	// party 1: total 60
	// party 2: total 60
	// party 3: total 60
}

// A protocol reports a failed check as an *AbortError; callers find the
// culprits with Culprits (or errors.As).
func ExampleCulprits() {
	err := fmt.Errorf("signing: %w",
		transport.NewAbortError("frost-sign/v1", 2, "invalid signature share", nil, 3, 1, 3))
	fmt.Println(transport.Culprits(err))
	fmt.Println(err)
	// Output:
	// [1 3]
	// signing: transport: abort in frost-sign/v1 round 2, culprits 1, 3: invalid signature share
}
