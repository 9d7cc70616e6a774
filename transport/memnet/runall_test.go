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

func (h hello) Number() int               { return 1 }
func (h hello) Expects() transport.Expect { return transport.Expect{Broadcast: true} }
func (h hello) Start() ([]*transport.Message, error) {
	return []*transport.Message{{Payload: []byte{byte(h.self)}}}, nil
}
func (h hello) Finalize(in *transport.Inbox) ([]*transport.Message, transport.Round[int], *int, error) {
	n := len(in.Senders())
	return nil, nil, &n, nil
}

func TestRunAll(t *testing.T) {
	net := memnet.New(ids, memnet.WithFaults(0, 0, memnet.Faults{Reorder: 0.5, Duplicate: 0.5}))
	defer net.Close()
	machines := map[transport.PartyID]transport.Machine[int]{}
	for _, id := range ids {
		m, err := transport.NewMachine(transport.Config{Protocol: "hello/v1", SessionID: []byte("s"),
			Self: id, Parties: ids, Rounds: 1}, transport.FirstRound[int](hello{id}))
		require.NoError(t, err)
		machines[id] = m
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	res, errs := memnet.RunAll(ctx, net, machines)
	require.Empty(t, errs)
	require.Equal(t, map[transport.PartyID]int{1: 2, 2: 2, 3: 2}, res)
}
