package memnet_test

import (
	"context"
	"runtime"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/mosaic-mpc/mosaic/transport"
	"github.com/mosaic-mpc/mosaic/transport/memnet"
)

var ids = []transport.PartyID{1, 2, 3}

func msg(from, to transport.PartyID, round int, payload string) *transport.Message {
	return &transport.Message{Protocol: "test", Round: round, SessionID: []byte("s"), From: from, To: to, Payload: []byte(payload)}
}

// recv receives one message or fails after a while.
func recv(t *testing.T, c transport.Conn) *transport.Message {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	m, err := c.Receive(ctx)
	require.NoError(t, err)
	return m
}

// requireEmpty checks that nothing arrives within a short while.
func requireEmpty(t *testing.T, c transport.Conn) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Millisecond)
	defer cancel()
	m, err := c.Receive(ctx)
	require.ErrorIs(t, err, context.DeadlineExceeded, "unexpected %v", m)
}

func payloads(t *testing.T, c transport.Conn, n int) []string {
	t.Helper()
	var out []string
	for range n {
		out = append(out, string(recv(t, c).Payload))
	}
	return out
}

func TestBroadcastAndDirect(t *testing.T) {
	net := memnet.New(ids)
	defer net.Close()
	ctx := context.Background()

	b := msg(1, 0, 1, "hello")
	require.NoError(t, net.Conn(1).Send(ctx, b))
	got2, got3 := recv(t, net.Conn(2)), recv(t, net.Conn(3))
	require.Equal(t, b, got2)
	require.Equal(t, b, got3)
	requireEmpty(t, net.Conn(1))

	// No aliasing: between sender and receivers, and between receivers.
	b.Payload[0] = 'X'
	got2.Payload[1] = 'Y'
	require.Equal(t, "hello", string(got3.Payload))

	require.NoError(t, net.Conn(2).Send(ctx, msg(2, 3, 1, "direct")))
	require.Equal(t, "direct", string(recv(t, net.Conn(3)).Payload))
	requireEmpty(t, net.Conn(1))

	st := net.Stats()
	require.Equal(t, 3, st.Sent)
	require.Equal(t, 3, st.Delivered)
}

func TestSendErrors(t *testing.T) {
	net := memnet.New(ids)
	ctx := context.Background()
	tests := []struct {
		name string
		conn transport.PartyID
		m    *transport.Message
		want error
	}{
		{"spoofed sender", 1, msg(2, 0, 1, "x"), memnet.ErrSpoofed},
		{"unknown recipient", 1, msg(1, 7, 1, "x"), memnet.ErrUnknownParty},
		{"to itself", 1, msg(1, 1, 1, "x"), memnet.ErrUnknownParty},
		{"unknown party's conn", 9, msg(9, 0, 1, "x"), memnet.ErrUnknownParty},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			require.ErrorIs(t, net.Conn(tc.conn).Send(ctx, tc.m), tc.want)
		})
	}
	require.Error(t, net.Conn(1).Send(ctx, nil))
	_, err := net.Conn(9).Receive(ctx)
	require.ErrorIs(t, err, memnet.ErrUnknownParty)
	require.ErrorIs(t, net.Inject(9, msg(1, 0, 1, "x")), memnet.ErrUnknownParty)

	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	require.ErrorIs(t, net.Conn(1).Send(cancelled, msg(1, 0, 1, "x")), context.Canceled)
	_, err = net.Conn(1).Receive(cancelled)
	require.ErrorIs(t, err, context.Canceled)

	net.Close()
	net.Close() // idempotent
	require.ErrorIs(t, net.Conn(1).Send(ctx, msg(1, 0, 1, "x")), memnet.ErrClosed)
	_, err = net.Conn(1).Receive(ctx)
	require.ErrorIs(t, err, memnet.ErrClosed)
	require.ErrorIs(t, net.Inject(1, msg(2, 0, 1, "x")), memnet.ErrClosed)
}

func TestFaults(t *testing.T) {
	tests := []struct {
		name   string
		faults memnet.Faults
		send   []string // from 1 to 2, in order
		want   []string // what 2 receives, in order
		stats  memnet.Stats
	}{
		{"drop", memnet.Faults{Drop: 1}, []string{"a", "b"}, nil, memnet.Stats{Sent: 2, Dropped: 2}},
		{"duplicate", memnet.Faults{Duplicate: 1}, []string{"a"}, []string{"a", "a"},
			memnet.Stats{Sent: 1, Delivered: 2, Duplicated: 1}},
		{"reorder swaps neighbours", memnet.Faults{Reorder: 1}, []string{"a", "b", "c", "d"}, []string{"b", "a", "d", "c"},
			memnet.Stats{Sent: 4, Delivered: 4, Reordered: 2}},
		{"reorder releases the last message", memnet.Faults{Reorder: 1}, []string{"a"}, []string{"a"},
			memnet.Stats{Sent: 1, Delivered: 1, Reordered: 1}},
		{"corrupt flips one bit", memnet.Faults{Corrupt: 1}, []string{"a"}, nil,
			memnet.Stats{Sent: 1, Delivered: 1, Corrupted: 1}},
		{"only selected rounds", memnet.Faults{Drop: 1, Rounds: []int{2}}, []string{"a"}, []string{"a"},
			memnet.Stats{Sent: 1, Delivered: 1}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			net := memnet.New(ids, memnet.WithFaults(1, 2, tc.faults), memnet.WithReorderHold(time.Second))
			defer net.Close()
			for _, p := range tc.send {
				require.NoError(t, net.Conn(1).Send(context.Background(), msg(1, 2, 1, p)))
			}
			if tc.faults.Corrupt > 0 {
				got := recv(t, net.Conn(2)).Payload
				require.Len(t, got, 1)
				require.Equal(t, 1, popcount(got[0]^'a'))
			} else {
				require.Equal(t, tc.want, payloads(t, net.Conn(2), len(tc.want)))
			}
			requireEmpty(t, net.Conn(2))
			require.Equal(t, tc.stats, net.Stats())
		})
	}
}

func popcount(b byte) int {
	n := 0
	for ; b != 0; b &= b - 1 {
		n++
	}
	return n
}

func TestFaultRulesPrecedence(t *testing.T) {
	net := memnet.New(ids,
		memnet.WithFaults(0, 0, memnet.Faults{Drop: 1}),
		memnet.WithFaults(0, 3, memnet.Faults{}), // into 3: no faults
	)
	defer net.Close()
	net.SetFaults(1, 0, memnet.Faults{Duplicate: 1}) // out of 1: duplicate, more specific than (0, 3)
	ctx := context.Background()

	require.NoError(t, net.Conn(1).Send(ctx, msg(1, 0, 1, "x")))
	require.Equal(t, []string{"x", "x"}, payloads(t, net.Conn(2), 2))
	require.Equal(t, []string{"x", "x"}, payloads(t, net.Conn(3), 2))
	require.NoError(t, net.Conn(2).Send(ctx, msg(2, 0, 1, "y")))
	require.Equal(t, []string{"y"}, payloads(t, net.Conn(3), 1))
	requireEmpty(t, net.Conn(1)) // 2 -> 1 falls back to (0, 0): dropped
}

func TestDelay(t *testing.T) {
	net := memnet.New(ids, memnet.WithFaults(1, 2, memnet.Faults{MaxDelay: 20 * time.Millisecond}))
	defer net.Close()
	for _, p := range []string{"a", "b", "c"} {
		require.NoError(t, net.Conn(1).Send(context.Background(), msg(1, 2, 1, p)))
	}
	require.ElementsMatch(t, []string{"a", "b", "c"}, payloads(t, net.Conn(2), 3))
	require.Equal(t, 3, net.Stats().Delayed)
}

// The same seed makes the same choices; another seed (very likely) others.
func TestDeterministicSeed(t *testing.T) {
	run := func(seed uint64) []string {
		net := memnet.New(ids, memnet.WithSeed(seed), memnet.WithReorderHold(time.Second),
			memnet.WithFaults(0, 0, memnet.Faults{Drop: 0.3, Duplicate: 0.3, Reorder: 0.3}))
		defer net.Close()
		for i := range 40 {
			require.NoError(t, net.Conn(1).Send(context.Background(), msg(1, 2, 1, string(rune('A'+i)))))
		}
		st := net.Stats()
		return payloads(t, net.Conn(2), st.Delivered)
	}
	require.Equal(t, run(7), run(7))
	require.NotEqual(t, run(7), run(8))
}

func TestIntercept(t *testing.T) {
	net := memnet.New(ids)
	defer net.Close()
	// Party 1 splits its broadcast: 2 gets a different value, 3 gets it twice.
	net.Intercept(1, func(to transport.PartyID, m *transport.Message) []*transport.Message {
		require.Zero(t, m.To)
		switch to {
		case 2:
			m.Payload = []byte("lie")
			return []*transport.Message{m}
		default:
			return []*transport.Message{m, m}
		}
	})
	original := msg(1, 0, 1, "truth")
	require.NoError(t, net.Conn(1).Send(context.Background(), original))
	require.Equal(t, "truth", string(original.Payload), "the sender's message is not modified")
	got := recv(t, net.Conn(2))
	require.Equal(t, "lie", string(got.Payload))
	require.True(t, got.Broadcast())
	a, b := recv(t, net.Conn(3)), recv(t, net.Conn(3))
	require.Equal(t, "truth", string(a.Payload))
	a.Payload[0] = 'X'
	require.Equal(t, "truth", string(b.Payload), "returned messages are copied")

	// Dropping everything, then removing the hook.
	net.Intercept(1, func(transport.PartyID, *transport.Message) []*transport.Message { return nil })
	require.NoError(t, net.Conn(1).Send(context.Background(), msg(1, 2, 1, "gone")))
	requireEmpty(t, net.Conn(2))
	net.Intercept(1, nil)
	require.NoError(t, net.Conn(1).Send(context.Background(), msg(1, 2, 1, "back")))
	require.Equal(t, "back", string(recv(t, net.Conn(2)).Payload))
}

func TestInject(t *testing.T) {
	net := memnet.New(ids)
	defer net.Close()
	forged := msg(99, 0, 1, "forged")
	require.NoError(t, net.Inject(0, forged))
	for _, id := range ids {
		got := recv(t, net.Conn(id))
		require.Equal(t, transport.PartyID(99), got.From)
	}
	require.Equal(t, 3, net.Stats().Injected)
}

func TestCloseUnblocksAndLeavesNoGoroutine(t *testing.T) {
	before := runtime.NumGoroutine()
	net := memnet.New(ids, memnet.WithFaults(1, 0, memnet.Faults{MaxDelay: time.Hour}))
	for range 10 {
		require.NoError(t, net.Conn(1).Send(context.Background(), msg(1, 0, 1, "slow")))
	}
	errs := make(chan error)
	go func() {
		_, err := net.Conn(2).Receive(context.Background())
		errs <- err
	}()
	time.Sleep(10 * time.Millisecond)
	net.Close()
	select {
	case err := <-errs:
		require.ErrorIs(t, err, memnet.ErrClosed)
	case <-time.After(2 * time.Second):
		t.Fatal("Receive still blocked after Close")
	}
	deadline := time.Now().Add(2 * time.Second)
	for runtime.NumGoroutine() > before {
		if time.Now().After(deadline) {
			buf := make([]byte, 1<<20)
			buf = buf[:runtime.Stack(buf, true)]
			t.Fatalf("goroutine leak: %d before, %d now\n%s", before, runtime.NumGoroutine(), buf)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func TestNewPanicsOnInvalidParties(t *testing.T) {
	require.Panics(t, func() { memnet.New([]transport.PartyID{1, 1}) })
	require.Panics(t, func() { memnet.New(nil) })
}
