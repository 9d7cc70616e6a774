package transport_test

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/mosaic-mpc/mosaic/transport"
)

// FuzzMachineDeliver feeds arbitrary decoded messages to a machine waiting
// in round 1 (SECURITY.md rule 9: every Deliver is fuzzed). Deliver must
// never panic, must return only the two documented error types, and a
// refusal must leave the state unchanged.
func FuzzMachineDeliver(f *testing.F) {
	parties := partyIDs(3)
	_, msgs := startAllTB(f, parties)
	for _, m := range msgsFor(msgs, 1) {
		enc, err := m.MarshalBinary()
		require.NoError(f, err)
		f.Add(enc)
		bad := m.Clone()
		bad.Round = 2
		bad.To = 1
		bad.Echo = make([]byte, 3*transport.EchoSize)
		enc, err = bad.MarshalBinary()
		require.NoError(f, err)
		f.Add(enc)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var m transport.Message
		if m.UnmarshalBinary(data) != nil {
			return
		}
		p1 := newToy(t, 1, parties, false)
		_, err := p1.Start()
		require.NoError(t, err)
		waiting := p1.(transport.Waiter).Waiting()
		_, err = p1.Deliver(&m)
		var me *transport.MessageError
		var ae *transport.AbortError
		switch {
		case err == nil:
		case errors.As(err, &me):
			require.Equal(t, waiting, p1.(transport.Waiter).Waiting())
			require.False(t, p1.Done())
		case errors.As(err, &ae):
			require.True(t, p1.Done())
		default:
			t.Fatalf("unexpected error type %T: %v", err, err)
		}
		// The genuine messages never panic either.
		for _, g := range msgsFor(msgs, 1) {
			_, _ = p1.Deliver(g)
		}
	})
}

func startAllTB(tb testing.TB, parties []transport.PartyID) (map[transport.PartyID]transport.Machine[uint64], []*transport.Message) {
	tb.Helper()
	ms := map[transport.PartyID]transport.Machine[uint64]{}
	var msgs []*transport.Message
	for _, id := range parties {
		ms[id] = newToy(tb, id, parties, false)
		out, err := ms[id].Start()
		require.NoError(tb, err)
		msgs = append(msgs, out...)
	}
	return ms, msgs
}

// BenchmarkToyLockstep measures the framework's overhead: a five-party run
// of the toy protocol with all machines in one goroutine, no network.
func BenchmarkToyLockstep(b *testing.B) {
	parties := partyIDs(5)
	b.ReportAllocs()
	for b.Loop() {
		ms, msgs := startAllTB(b, parties)
		for len(msgs) > 0 {
			m := msgs[0]
			msgs = msgs[1:]
			for id, mach := range ms {
				if id == m.From || (m.To != 0 && m.To != id) {
					continue
				}
				out, err := mach.Deliver(m)
				if err != nil {
					b.Fatal(err)
				}
				msgs = append(msgs, out...)
			}
		}
	}
}
