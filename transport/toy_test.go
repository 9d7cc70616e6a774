package transport_test

import (
	"context"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/mosaic-mpc/mosaic/transport"
	"github.com/mosaic-mpc/mosaic/transport/memnet"
)

// The toy protocol used by the tests and the example: every party
// broadcasts a number (round 1), then tells every other party the sum it
// computed (round 2, direct messages; or a broadcast in the finalBroadcast
// variant). The result is the total. Each payload is the number followed by
// its CRC-32, so a corrupted payload is detected and blamed.

const toyProtocol = "toy-sum/v1"

var (
	errToyChecksum = errors.New("toy: bad checksum")
	errToySum      = errors.New("toy: sums disagree")
)

func toyEncode(v uint64) []byte {
	b := binary.BigEndian.AppendUint64(nil, v)
	return binary.BigEndian.AppendUint32(b, crc32.ChecksumIEEE(b))
}

func toyDecode(b []byte) (uint64, error) {
	if len(b) != 12 || crc32.ChecksumIEEE(b[:8]) != binary.BigEndian.Uint32(b[8:]) {
		return 0, errToyChecksum
	}
	return binary.BigEndian.Uint64(b[:8]), nil
}

type toyRound1 struct {
	value          uint64
	finalBroadcast bool
	confirm        bool
	falseBlame     transport.PartyID // a malicious party that blames this honest one
}

func (r *toyRound1) Expects() transport.Expect { return transport.Expect{Broadcast: true} }

func (r *toyRound1) Start() ([]*transport.Message, error) {
	return []*transport.Message{{Payload: toyEncode(r.value)}}, nil
}

func (r *toyRound1) Finalize(in *transport.Inbox) transport.Step[uint64] {
	sum := r.value
	var blame transport.Blame
	for _, p := range in.Senders() {
		v, err := toyDecode(in.Broadcast(p))
		if !blame.Add(p, err) { // keep going: name every culprit
			sum += v
		}
	}
	if err := blame.Err("round 1 value"); err != nil {
		return transport.Abort[uint64](err)
	}
	if r.falseBlame != 0 {
		return transport.Abort[uint64](transport.NewAbortError("", 0, "a lie", errToySum, r.falseBlame))
	}
	next := &toyRound2{sum: sum, broadcast: r.finalBroadcast, confirm: r.confirm}
	if r.finalBroadcast {
		return transport.Next([]*transport.Message{{Payload: toyEncode(sum)}}, next)
	}
	var out []*transport.Message
	for _, p := range in.Senders() {
		out = append(out, &transport.Message{To: p, Payload: toyEncode(sum)})
	}
	return transport.Next(out, next)
}

type toyRound2 struct {
	sum       uint64
	broadcast bool
	confirm   bool // finish with FinishConfirmed
}

func (r *toyRound2) Expects() transport.Expect {
	return transport.Expect{Broadcast: r.broadcast, Direct: !r.broadcast}
}

func (r *toyRound2) Finalize(in *transport.Inbox) transport.Step[uint64] {
	var bad, disagree transport.Blame
	for _, p := range in.Senders() {
		payload := in.Direct(p)
		if r.broadcast {
			payload = in.Broadcast(p)
		}
		v, err := toyDecode(payload)
		if !bad.Add(p, err) && v != r.sum {
			disagree.Add(p, errToySum)
		}
	}
	if err := bad.Err("round 2 sum"); err != nil {
		return transport.Abort[uint64](err)
	}
	if err := disagree.Err("round 2 sum"); err != nil {
		return transport.Abort[uint64](err)
	}
	if r.confirm {
		return transport.FinishConfirmed(r.sum, toyEncode(r.sum))
	}
	return transport.Finish(r.sum)
}

// toyValue is party id's input; the expected total is the sum over parties.
func toyValue(id transport.PartyID) uint64 { return uint64(id) * 10 }

func toyTotal(parties []transport.PartyID) uint64 {
	var t uint64
	for _, p := range parties {
		t += toyValue(p)
	}
	return t
}

var toySession = []byte("toy session 0001")

func newToy(t testing.TB, self transport.PartyID, parties []transport.PartyID, finalBroadcast bool) transport.Machine[uint64] {
	t.Helper()
	m, err := transport.NewMachine(transport.Config{
		Protocol:  toyProtocol,
		SessionID: toySession,
		Self:      self,
		Parties:   parties,
	}, transport.FirstRound[uint64](&toyRound1{value: toyValue(self), finalBroadcast: finalBroadcast}))
	require.NoError(t, err)
	return m
}

func partyIDs(n int) []transport.PartyID {
	ids := make([]transport.PartyID, n)
	for i := range ids {
		ids[i] = transport.PartyID(i + 1)
	}
	return ids
}

// runAll runs one machine per party over net, each with Run in its own
// goroutine, and waits for all of them.
func runAll[Out any](t testing.TB, net *memnet.Network, machines map[transport.PartyID]transport.Machine[Out], opts ...transport.Option) map[transport.PartyID]*outcomeOf[Out] {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	results := make(map[transport.PartyID]*outcomeOf[Out], len(machines))
	var mu sync.Mutex
	var wg sync.WaitGroup
	for id, m := range machines {
		o := &outcomeOf[Out]{}
		results[id] = o
		wg.Go(func() {
			onRefused := transport.WithRefused(func(me *transport.MessageError) {
				mu.Lock()
				defer mu.Unlock()
				o.refused = append(o.refused, me)
			})
			res, err := transport.Run(ctx, m, net.Conn(id), append(opts, onRefused)...)
			mu.Lock()
			defer mu.Unlock()
			o.res, o.err = res, err
		})
	}
	wg.Wait()
	return results
}

// outcomeOf is what one party's Run returned, plus the messages it refused.
type outcomeOf[Out any] struct {
	res     Out
	err     error
	refused []*transport.MessageError
}

func runToy(t testing.TB, net *memnet.Network, parties []transport.PartyID, finalBroadcast bool, opts ...transport.Option) map[transport.PartyID]*outcomeOf[uint64] {
	t.Helper()
	machines := make(map[transport.PartyID]transport.Machine[uint64])
	for _, id := range parties {
		machines[id] = newToy(t, id, parties, finalBroadcast)
	}
	return runAll(t, net, machines, opts...)
}

// requireAbort checks that err is an *AbortError wrapping want and naming
// exactly culprits.
func requireAbort(t testing.TB, err error, want error, culprits ...transport.PartyID) {
	t.Helper()
	var ae *transport.AbortError
	require.ErrorAs(t, err, &ae, "want an abort, got %v", err)
	require.ErrorIs(t, err, want)
	require.Equal(t, culprits, ae.Culprits, "culprits of %v", err)
}
