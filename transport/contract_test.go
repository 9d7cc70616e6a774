package transport_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/mosaic-mpc/mosaic/transport"
)

// rounds is a protocol of k broadcast rounds that records the number the
// machine gives each round: a round is only Expects and Finalize, and
// nothing in it says which round it is or how many there are.
type rounds struct {
	k    int
	seen []int
}

func (r *rounds) Expects() transport.Expect { return transport.Expect{Broadcast: true} }

func (r *rounds) Start() ([]*transport.Message, error) {
	return []*transport.Message{{Payload: []byte("go")}}, nil
}

func (r *rounds) Finalize(in *transport.Inbox) transport.Step[[]int] {
	seen := append(r.seen, in.Round())
	if len(seen) == r.k {
		return transport.Finish(seen)
	}
	return transport.Next([]*transport.Message{{Payload: []byte("go")}}, transport.Round[[]int](&rounds{k: r.k, seen: seen}))
}

func newRounds(t *testing.T, self transport.PartyID, parties []transport.PartyID, k int) transport.Machine[[]int] {
	t.Helper()
	m, err := transport.NewMachine(transport.Config{Protocol: "rounds/v1", SessionID: []byte("s"),
		Self: self, Parties: parties}, transport.FirstRound[[]int](&rounds{k: k}))
	require.NoError(t, err)
	return m
}

// TestMachineNumbersRounds: the machine numbers the rounds 1, 2, 3... and
// learns how many there are as the protocol returns them; the final
// broadcast round gets its echo-only round.
func TestMachineNumbersRounds(t *testing.T) {
	parties := partyIDs(3)
	for _, k := range []int{1, 2, 5} {
		ms := map[transport.PartyID]transport.Machine[[]int]{}
		var msgs []*transport.Message
		for _, id := range parties {
			ms[id] = newRounds(t, id, parties, k)
			out, err := ms[id].Start()
			require.NoError(t, err)
			msgs = append(msgs, out...)
		}
		require.Empty(t, routeAny(ms, msgs))
		want := make([]int, k)
		for i := range want {
			want[i] = i + 1
		}
		for id, m := range ms {
			got, err := m.Result()
			require.NoError(t, err, "party %d", id)
			require.Equal(t, want, got)
			pr := m.(transport.ProgressReporter).Progress()
			require.Equal(t, transport.Progress{Protocol: "rounds/v1", Round: k + 1, Done: true}, pr)
		}
	}
}

// TestMachineOnePartyRun: a run of one party waits for nothing, finalizes
// every round at once inside Start, sends nothing and needs no echo round,
// so protocols need no hand-written machine for one party.
func TestMachineOnePartyRun(t *testing.T) {
	for _, k := range []int{1, 4} {
		m := newRounds(t, 7, []transport.PartyID{7}, k)
		require.Empty(t, m.(transport.Waiter).Waiting())
		out, err := m.Start()
		require.NoError(t, err)
		require.Empty(t, out, "nobody to send to")
		require.True(t, m.Done())
		got, err := m.Result()
		require.NoError(t, err)
		require.Len(t, got, k)
		require.Equal(t, k, m.(transport.ProgressReporter).Progress().Round)
		_, err = m.Deliver(&transport.Message{Protocol: "rounds/v1", Round: 1, SessionID: []byte("s"), From: 8})
		require.ErrorIs(t, err, transport.ErrFinished)
	}
}

// TestMachineBuffersUpToMaxLead: a message up to MaxLead rounds ahead is
// kept for its round; one further ahead is refused, blaming nobody.
func TestMachineBuffersUpToMaxLead(t *testing.T) {
	parties := partyIDs(2)
	m := newRounds(t, 1, parties, 2*transport.MaxLead)
	_, err := m.Start()
	require.NoError(t, err)
	msg := func(round int) *transport.Message {
		return &transport.Message{Protocol: "rounds/v1", Round: round, SessionID: []byte("s"), From: 2, Payload: []byte("go")}
	}
	_, err = m.Deliver(msg(1 + transport.MaxLead))
	require.NoError(t, err, "kept for its round")
	_, err = m.Deliver(msg(2 + transport.MaxLead))
	var me *transport.MessageError
	require.ErrorAs(t, err, &me)
	require.ErrorIs(t, err, transport.ErrBadRound)
	require.Nil(t, transport.Culprits(err))
}

// TestMachineAbortKeepsEarlierMessages: when one Deliver completes a round
// and the next round, already complete from buffered messages, aborts, the
// messages of the completed round still come out beside the abort; Run
// sends them, so the other parties reach the same fault rather than time
// out waiting for this party.
func TestMachineAbortKeepsEarlierMessages(t *testing.T) {
	parties := partyIDs(3)
	ms, round1 := startAll(t, parties, false)
	// Parties 2 and 3 finish round 1 and send their sums to party 1, which
	// arrive corrupted and before any round-1 message.
	var toOne []*transport.Message
	for _, m := range round1 {
		for _, id := range []transport.PartyID{2, 3} {
			if m.From == id {
				continue
			}
			out, err := ms[id].Deliver(m.Clone())
			require.NoError(t, err)
			for _, o := range out {
				if o.To == 1 {
					o.Payload[0] ^= 1
					toOne = append(toOne, o)
				}
			}
		}
	}
	require.Len(t, toOne, 2)
	p1 := ms[1]
	for _, m := range toOne {
		out, err := p1.Deliver(m)
		require.NoError(t, err, "kept for round 2")
		require.Empty(t, out)
	}
	from := msgsFor(round1, 1)
	_, err := p1.Deliver(from[0])
	require.NoError(t, err)
	out, err := p1.Deliver(from[1]) // completes round 1, then round 2 fails
	require.Len(t, out, 2, "party 1's round-2 messages come out with the abort")
	for _, o := range out {
		require.Equal(t, 2, o.Round)
	}
	var ae *transport.AbortError
	require.ErrorAs(t, err, &ae)
	require.Equal(t, []transport.PartyID{2, 3}, ae.Culprits)
	require.Equal(t, 2, ae.Round)
}

// doubling wraps a round of rounds and repeats each payload it sends: a
// decorator built from Step's accessors.
type doubling struct{ inner transport.Round[[]int] }

func (d doubling) Expects() transport.Expect { return d.inner.Expects() }

func (d doubling) Finalize(in *transport.Inbox) transport.Step[[]int] {
	step := d.inner.Finalize(in)
	if step.Round() == nil {
		return step
	}
	out := step.Messages()
	for _, m := range out {
		m.Payload = append(m.Payload, m.Payload...)
	}
	return transport.Next(out, transport.Round[[]int](doubling{step.Round()}))
}

// TestStepAccessors: a Next step shows its messages and round, Finish and
// Abort show neither, and a wrapping round can rebuild the step.
func TestStepAccessors(t *testing.T) {
	r := &rounds{k: 2}
	next := r.Finalize(&transport.Inbox{})
	require.NotNil(t, next.Round())
	require.Equal(t, []*transport.Message{{Payload: []byte("go")}}, next.Messages())
	for _, s := range []transport.Step[int]{transport.Finish(1), transport.Abort[int](transport.ErrLocal)} {
		require.Nil(t, s.Round())
		require.Nil(t, s.Messages())
	}
	wrapped := doubling{r}.Finalize(&transport.Inbox{})
	require.Equal(t, []*transport.Message{{Payload: []byte("gogo")}}, wrapped.Messages())
	require.IsType(t, doubling{}, wrapped.Round())
	done := doubling{&rounds{k: 1}}.Finalize(&transport.Inbox{})
	require.Nil(t, done.Round(), "a finishing step passes through")
}
