package transport_test

import (
	"bytes"
	"context"
	"log/slog"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/mosaic-mpc/mosaic/transport"
	"github.com/mosaic-mpc/mosaic/transport/memnet"
)

func TestRunToyHonest(t *testing.T) {
	tests := []struct {
		name           string
		n              int
		finalBroadcast bool
		faults         memnet.Faults
		wantRefused    error // every refusal wraps this (or ErrFinished)
	}{
		{name: "two parties", n: 2},
		{name: "three parties", n: 3},
		{name: "five parties final broadcast", n: 5, finalBroadcast: true},
		{name: "reorder buffers early messages", n: 4, faults: memnet.Faults{Reorder: 1}},
		{name: "reorder final broadcast", n: 4, finalBroadcast: true, faults: memnet.Faults{Reorder: 0.5}},
		{name: "random delays", n: 4, faults: memnet.Faults{MaxDelay: 5 * time.Millisecond}},
		{name: "exact duplicates refused", n: 3, faults: memnet.Faults{Duplicate: 1}, wantRefused: transport.ErrDuplicate},
		{name: "everything but loss", n: 5, finalBroadcast: true,
			faults:      memnet.Faults{Duplicate: 0.3, Reorder: 0.3, MaxDelay: 3 * time.Millisecond},
			wantRefused: transport.ErrDuplicate},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			parties := partyIDs(tc.n)
			net := memnet.New(parties, memnet.WithFaults(0, 0, tc.faults))
			defer net.Close()
			res := runToy(t, net, parties, tc.finalBroadcast)
			sawWanted := false
			for id, o := range res {
				require.NoError(t, o.err, "party %d", id)
				require.Equal(t, toyTotal(parties), o.res, "party %d", id)
				for _, me := range o.refused {
					// A refusal names a real peer, never the receiver.
					require.NotEqual(t, id, me.From)
					require.True(t, transport.Contains(parties, me.From))
					if tc.wantRefused == nil {
						require.Failf(t, "unexpected refusal", "party %d: %v", id, me)
					}
					require.Condition(t, func() bool {
						return isAny(me, tc.wantRefused, transport.ErrFinished)
					}, "party %d: %v", id, me)
					sawWanted = sawWanted || isAny(me, tc.wantRefused)
				}
			}
			if tc.wantRefused != nil {
				require.True(t, sawWanted, "no refusal wrapping %v", tc.wantRefused)
			}
		})
	}
}

func isAny(err error, targets ...error) bool {
	for _, t := range targets {
		if t != nil && errorsIs(err, t) {
			return true
		}
	}
	return false
}

// TestRunRefusesForgedMessages injects messages that must be refused, naming
// their claimed sender, while the run still completes.
func TestRunRefusesForgedMessages(t *testing.T) {
	good := func(mod func(m *transport.Message)) *transport.Message {
		m := &transport.Message{Protocol: toyProtocol, Round: 1, SessionID: toySession,
			From: 2, Payload: toyEncode(7)}
		mod(m)
		return m
	}
	tests := []struct {
		name     string
		msg      *transport.Message
		wantFrom transport.PartyID
		want     error
	}{
		{"unknown sender", good(func(m *transport.Message) { m.From = 99 }), 99, transport.ErrUnknownSender},
		{"sender is the receiver", good(func(m *transport.Message) { m.From = 1 }), 1, transport.ErrUnknownSender},
		{"wrong session", good(func(m *transport.Message) { m.SessionID = []byte("other session") }), 2, transport.ErrWrongSession},
		{"wrong protocol", good(func(m *transport.Message) { m.Protocol = "other-sum/v1" }), 2, transport.ErrWrongProtocol}, // another version of toy-sum ends the run (version_test.go)
		{"wrong recipient", good(func(m *transport.Message) { m.To = 3 }), 2, transport.ErrWrongRecipient},
		{"round too far ahead", good(func(m *transport.Message) { m.Round = 2 + transport.MaxLead }), 2, transport.ErrBadRound},
		{"malformed", good(func(m *transport.Message) { m.Echo = []byte{1} }), 2, transport.ErrMalformed},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			parties := partyIDs(3)
			net := memnet.New(parties)
			defer net.Close()
			// Before any run starts, so the forged message arrives first.
			require.NoError(t, net.Inject(1, tc.msg))
			res := runToy(t, net, parties, false)
			for id, o := range res {
				require.NoError(t, o.err, "party %d", id)
				require.Equal(t, toyTotal(parties), o.res)
			}
			require.Len(t, res[1].refused, 1)
			me := res[1].refused[0]
			require.Equal(t, tc.wantFrom, me.From)
			require.ErrorIs(t, me, tc.want)
		})
	}
}

func TestRunAborts(t *testing.T) {
	// Party 3 is faulty in every case.
	replaceValue := func(v uint64) func(*transport.Message) {
		return func(m *transport.Message) { m.Payload = toyEncode(v) }
	}
	tests := []struct {
		name           string
		finalBroadcast bool
		faults         memnet.Faults // on the link 3 -> 1
		intercept      memnet.InterceptFunc
		timeout        time.Duration
		// want[id] is what honest party id must report.
		want     map[transport.PartyID]error
		culprits []transport.PartyID
	}{
		{
			name:     "dropped message times out naming the silent party",
			faults:   memnet.Faults{Drop: 1},
			timeout:  2 * time.Second, // long enough for honest party 2 on a loaded machine
			want:     map[transport.PartyID]error{1: transport.ErrTimeout},
			culprits: []transport.PartyID{3},
		},
		{
			name:     "corrupted broadcast fails the checksum",
			faults:   memnet.Faults{Corrupt: 1, Rounds: []int{1}},
			want:     map[transport.PartyID]error{1: errToyChecksum},
			culprits: []transport.PartyID{3},
		},
		{
			name:     "corrupted direct message fails the checksum",
			faults:   memnet.Faults{Corrupt: 1, Rounds: []int{2}},
			want:     map[transport.PartyID]error{1: errToyChecksum},
			culprits: []transport.PartyID{3},
		},
		{
			name: "conflicting duplicate is equivocation",
			intercept: func(to transport.PartyID, m *transport.Message) []*transport.Message {
				if to != 1 || m.Round != 1 {
					return []*transport.Message{m}
				}
				other := m.Clone()
				replaceValue(1234)(other)
				return []*transport.Message{m, other}
			},
			want:     map[transport.PartyID]error{1: transport.ErrEquivocation},
			culprits: []transport.PartyID{3},
		},
		{
			name: "equivocated broadcast is caught by the echo",
			intercept: func(to transport.PartyID, m *transport.Message) []*transport.Message {
				if to == 2 && m.Round == 1 {
					replaceValue(999)(m)
				}
				return []*transport.Message{m}
			},
			want:     map[transport.PartyID]error{1: transport.ErrEchoMismatch, 2: transport.ErrEchoMismatch},
			culprits: []transport.PartyID{3},
		},
		{
			name:           "equivocated broadcast, broadcast final round",
			finalBroadcast: true,
			intercept: func(to transport.PartyID, m *transport.Message) []*transport.Message {
				if to == 1 && m.Round == 1 {
					replaceValue(5)(m)
				}
				return []*transport.Message{m}
			},
			want:     map[transport.PartyID]error{1: transport.ErrEchoMismatch, 2: transport.ErrEchoMismatch},
			culprits: []transport.PartyID{3},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			parties := partyIDs(3)
			net := memnet.New(parties, memnet.WithFaults(3, 1, tc.faults))
			defer net.Close()
			if tc.intercept != nil {
				net.Intercept(3, tc.intercept)
			}
			timeout := tc.timeout
			if timeout == 0 {
				timeout = time.Second // only parties that are not checked wait this long
			}
			res := runToy(t, net, parties, tc.finalBroadcast, transport.WithRoundTimeout(timeout))
			for id, want := range tc.want {
				requireAbort(t, res[id].err, want, tc.culprits...)
				require.Equal(t, tc.culprits, transport.Culprits(res[id].err))
			}
		})
	}
}

func TestRunTimeoutBlamesEveryoneSilent(t *testing.T) {
	parties := partyIDs(4)
	net := memnet.New(parties)
	defer net.Close()
	// Only party 1 runs: it must blame all three silent peers.
	m := newToy(t, 1, parties, false)
	start := time.Now()
	_, err := transport.Run(context.Background(), m, net.Conn(1), transport.WithRoundTimeout(50*time.Millisecond))
	requireAbort(t, err, transport.ErrTimeout, 2, 3, 4)
	require.Less(t, time.Since(start), 2*time.Second)
}

func TestRunContextCancel(t *testing.T) {
	parties := partyIDs(3)
	net := memnet.New(parties)
	defer net.Close()

	ctx, cancel := context.WithCancel(context.Background())
	// Long enough that Run has surely started and sent before the cancel.
	time.AfterFunc(200*time.Millisecond, cancel)
	start := time.Now()
	_, err := transport.Run(ctx, newToy(t, 1, parties, false), net.Conn(1))
	require.ErrorIs(t, err, context.Canceled)
	require.Less(t, time.Since(start), time.Second)

	// Already cancelled: nothing is sent.
	_, err = transport.Run(ctx, newToy(t, 2, parties, false), net.Conn(2))
	require.ErrorIs(t, err, context.Canceled)
	require.Zero(t, net.Stats().Sent-2) // only party 1's broadcast to 2 and 3
}

func TestRunNoGoroutineLeak(t *testing.T) {
	before := runtime.NumGoroutine()
	for range 5 {
		parties := partyIDs(4)
		net := memnet.New(parties, memnet.WithFaults(0, 0, memnet.Faults{MaxDelay: 2 * time.Millisecond, Reorder: 0.5, Duplicate: 0.2}))
		res := runToy(t, net, parties, true)
		for _, o := range res {
			require.NoError(t, o.err)
		}
		net.Close()
	}
	// A failed run with pending delayed messages, closed mid-way.
	parties := partyIDs(3)
	net := memnet.New(parties, memnet.WithFaults(3, 0, memnet.Faults{MaxDelay: time.Hour}))
	_ = runToy(t, net, parties, false, transport.WithRoundTimeout(20*time.Millisecond))
	net.Close()

	requireNoLeak(t, before)
}

func TestRunProgressAndLogging(t *testing.T) {
	parties := partyIDs(3)
	net := memnet.New(parties)
	defer net.Close()
	var logs bytes.Buffer
	logger := slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))

	machines := map[transport.PartyID]transport.Machine[uint64]{}
	for _, id := range parties {
		machines[id] = newToy(t, id, parties, true)
	}
	var seen []transport.Progress
	// Progress and logs of party 1 only: the others run without options.
	others := make(chan error, 2)
	for _, id := range parties[1:] {
		go func() {
			_, err := transport.Run(context.Background(), machines[id], net.Conn(id))
			others <- err
		}()
	}
	total, err := transport.Run(context.Background(), machines[1], net.Conn(1),
		transport.WithLogger(logger),
		transport.WithProgress(func(p transport.Progress) { seen = append(seen, p) }))
	require.NoError(t, err)
	require.Equal(t, toyTotal(parties), total)
	require.Equal(t, []transport.Progress{
		{Protocol: toyProtocol, Round: 1},
		{Protocol: toyProtocol, Round: 2},
		{Protocol: toyProtocol, Round: 3}, // the final broadcast round's echo round
		{Protocol: toyProtocol, Round: 3, Done: true},
	}, seen)

	require.NoError(t, <-others)
	require.NoError(t, <-others)

	out := logs.String()
	require.Contains(t, out, "payload_bytes=12")
	require.NotContains(t, strings.ToLower(out), "payload=")
}
