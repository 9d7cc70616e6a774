package memnet_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/mosaic-mpc/mosaic/transport"
	"github.com/mosaic-mpc/mosaic/transport/memnet"
)

// hello is a one-round protocol: every party broadcasts its id; the result
// is the number of peers heard from.
type hello struct{ self transport.PartyID }

func (h hello) Expects() transport.Expect { return transport.Expect{Broadcast: true} }
func (h hello) Start() ([]*transport.Message, error) {
	return []*transport.Message{{Payload: []byte{byte(h.self)}}}, nil
}
func (h hello) Finalize(in *transport.Inbox) transport.Step[int] {
	return transport.Finish(len(in.Senders()))
}

// helloForever is hello followed by a second round that nobody else runs.
type helloForever struct{ hello }

func (h helloForever) Finalize(in *transport.Inbox) transport.Step[int] {
	return transport.Next([]*transport.Message{{}}, transport.Round[int](h))
}

func TestRunAll(t *testing.T) {
	net := memnet.New(ids, memnet.WithFaults(0, 0, memnet.Faults{Reorder: 0.5, Duplicate: 0.5}))
	defer net.Close()
	machines := map[transport.PartyID]transport.Machine[int]{}
	for _, id := range ids {
		m, err := transport.NewMachine(transport.Config{Protocol: "hello/v1", SessionID: []byte("s"),
			Self: id, Parties: ids}, transport.FirstRound[int](hello{id}))
		require.NoError(t, err)
		machines[id] = m
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	res, errs := memnet.RunAll(ctx, net, machines)
	require.Empty(t, errs)
	require.Equal(t, map[transport.PartyID]int{1: 2, 2: 2, 3: 2}, res)
}

// TestRunAgainst: party 3 equivocates, so both honest parties abort naming
// it, and then waits for a second round that never comes. RunAgainst
// returns as soon as the honest parties are done, not after party 3's round
// timeout; RunAll, given no malicious party, would wait for it.
func TestRunAgainst(t *testing.T) {
	net := memnet.New(ids)
	defer net.Close()
	net.Intercept(3, func(to transport.PartyID, m *transport.Message) []*transport.Message {
		other := m.Clone()
		other.Payload = []byte{0xff}
		return []*transport.Message{m, other}
	})
	machines := map[transport.PartyID]transport.Machine[int]{}
	for _, id := range ids {
		var first transport.FirstRound[int] = hello{id}
		if id == 3 {
			first = helloForever{hello{id}} // its run never completes
		}
		m, err := transport.NewMachine(transport.Config{Protocol: "hello/v1", SessionID: []byte("s"),
			Self: id, Parties: ids}, first)
		require.NoError(t, err)
		machines[id] = m
	}
	const roundTimeout = time.Minute
	ctx, cancel := context.WithTimeout(context.Background(), 2*roundTimeout)
	defer cancel()
	start := time.Now()
	res, errs := memnet.RunAgainst(ctx, net, machines, []transport.PartyID{3}, transport.WithRoundTimeout(roundTimeout))
	require.Less(t, time.Since(start), roundTimeout/2, "RunAgainst waited for the malicious party's timeout")
	require.Empty(t, res)
	for _, id := range []transport.PartyID{1, 2} {
		var abort *transport.AbortError
		require.ErrorAs(t, errs[id], &abort, "party %d", id)
		require.Equal(t, []transport.PartyID{3}, abort.Culprits)
		require.ErrorIs(t, errs[id], transport.ErrEquivocation)
	}
	require.Error(t, errs[3], "the closed network ends party 3's run")
}
