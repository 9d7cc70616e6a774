package tlsnet

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/mosaic-mpc/mosaic/transport"
	"github.com/stretchr/testify/require"
)

// boundedMessage is a message from party from for session sid with a
// payload of size bytes.
func boundedMessage(from transport.PartyID, sid string, size int) *transport.Message {
	return &transport.Message{Protocol: "test/v1", Round: 1, SessionID: []byte(sid), From: from, Payload: bytes.Repeat([]byte{7}, size)}
}

// requireInboxInvariants checks every peer's counts against what the
// node holds, and against the bounds.
func requireInboxInvariants(t *testing.T, n *Node) {
	t.Helper()
	n.mu.Lock()
	defer n.mu.Unlock()
	queued := map[transport.PartyID]int{}
	for _, s := range n.sessions {
		count := map[transport.PartyID]int{}
		for _, m := range s.queue {
			queued[m.From] += messageSize(m)
			count[m.From]++
		}
		for p, k := range count {
			require.Equal(t, k, s.count[p], "session count of party %d", p)
			require.LessOrEqual(t, k, n.cfg.MaxSessionQueue)
		}
	}
	for p, in := range n.inbox {
		pending := 0
		for key, part := range in.pending {
			b := len(key) + pendingOverhead
			for _, a := range part.msgs {
				b += messageSize(a.m)
			}
			require.Equal(t, b, part.bytes, "pending part of party %d", p)
			require.LessOrEqual(t, len(part.msgs), n.cfg.MaxSessionQueue)
			pending += b
		}
		require.Equal(t, pending, in.pendingBytes, "pending bytes of party %d", p)
		require.Equal(t, pending+queued[p], in.held, "held bytes of party %d", p)
		require.LessOrEqual(t, in.held, n.cfg.MaxPeerBytes)
		require.LessOrEqual(t, in.pendingBytes, n.cfg.MaxPendingBytes)
		require.LessOrEqual(t, len(in.pending), n.cfg.MaxPendingSessions)
	}
}

// Every bound on received messages is per peer: party 2 floods party 3
// in every way the bounds stop, and party 1's messages, early or late,
// all get through. Messages are handed to the node as its connection
// reader does (route), so the counts are exact.
func TestPerPeerBoundsKeepOtherPeersMessages(t *testing.T) {
	const kib = 1 << 10
	type send struct {
		from  transport.PartyID
		sid   string // "%d" is replaced by 0..count-1
		size  int
		count int
	}
	tests := []struct {
		name      string
		tweak     func(*Config)
		openFirst bool // open session "s" before the sends
		sends     []send
		want      map[transport.PartyID]int // messages of each party in "s"
		pending   map[transport.PartyID]int // pending sessions of each party left
		dropped   int64
	}{
		{
			name:  "pending sessions: a flood evicts only the flooder's",
			tweak: func(c *Config) { c.MaxPendingSessions = 4 },
			sends: []send{{1, "s", 10, 1}, {2, "p%d", 10, 100}},
			want:  map[transport.PartyID]int{1: 1}, pending: map[transport.PartyID]int{2: 4}, dropped: 96,
		},
		{
			name:  "pending bytes: a flood evicts only the flooder's",
			tweak: func(c *Config) { c.MaxPendingBytes = 64 * kib },
			sends: []send{{1, "s", kib, 1}, {2, "p%d", 16 * kib, 100}},
			want:  map[transport.PartyID]int{1: 1}, pending: map[transport.PartyID]int{2: 3}, dropped: 97,
		},
		{
			name:  "pending bytes of one session: the flooder's excess only",
			tweak: func(c *Config) { c.MaxPendingBytes = 64 * kib },
			sends: []send{{2, "s", 16 * kib, 100}, {1, "s", kib, 2}},
			want:  map[transport.PartyID]int{1: 2, 2: 3}, dropped: 97,
		},
		{
			name:  "pending count of one session: the flooder's excess only",
			tweak: func(c *Config) { c.MaxSessionQueue = 3 },
			sends: []send{{2, "s", 1, 10}, {1, "s", 1, 3}},
			want:  map[transport.PartyID]int{1: 3, 2: 3}, dropped: 7,
		},
		{
			name:      "open session bytes: the flooder's excess only",
			tweak:     func(c *Config) { c.MaxPeerBytes = 256 * kib },
			openFirst: true,
			sends:     []send{{2, "s", 16 * kib, 100}, {1, "s", 16 * kib, 2}},
			want:      map[transport.PartyID]int{1: 2, 2: 15}, dropped: 85,
		},
		{
			name:      "open session count: the flooder's excess only",
			tweak:     func(c *Config) { c.MaxSessionQueue = 3 },
			openFirst: true,
			sends:     []send{{2, "s", 1, 10}, {1, "s", 1, 3}},
			want:      map[transport.PartyID]int{1: 3, 2: 3}, dropped: 7,
		},
		{
			name:      "an open session's message evicts its sender's own pending sessions",
			tweak:     func(c *Config) { c.MaxPeerBytes = 256 * kib },
			openFirst: true,
			sends:     []send{{1, "q", kib, 1}, {2, "p%d", 20 * kib, 10}, {2, "s", 100 * kib, 1}},
			want:      map[transport.PartyID]int{2: 1}, pending: map[transport.PartyID]int{1: 1, 2: 7}, dropped: 3,
		},
		{
			name:      "a message that cannot fit evicts nothing",
			tweak:     func(c *Config) { c.MaxPeerBytes = 256 * kib },
			openFirst: true,
			sends:     []send{{2, "s", 200 * kib, 1}, {2, "p%d", kib, 10}, {2, "s", 100 * kib, 1}},
			want:      map[transport.PartyID]int{2: 1}, pending: map[transport.PartyID]int{2: 10}, dropped: 1,
		},
		{
			name:  "a message over the pending bound is dropped alone",
			tweak: func(c *Config) { c.MaxPendingBytes = 64 * kib },
			sends: []send{{2, "p%d", kib, 5}, {2, "s", 64 * kib, 1}, {1, "s", kib, 1}},
			want:  map[transport.PartyID]int{1: 1}, pending: map[transport.PartyID]int{2: 5}, dropped: 1,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			noLeak(t)
			c := newCluster(t, 3, tc.tweak)
			n := c.nodes[3]
			var s *Session
			open := func() {
				var err error
				s, err = n.Open([]byte("s"), nil)
				require.NoError(t, err)
			}
			if tc.openFirst {
				open()
			}
			for _, snd := range tc.sends {
				for i := range snd.count {
					sid := snd.sid
					if strings.Contains(sid, "%d") {
						sid = fmt.Sprintf(sid, i)
					}
					n.route(snd.from, boundedMessage(snd.from, sid, snd.size))
					requireInboxInvariants(t, n)
				}
			}
			if !tc.openFirst {
				open()
			}
			requireInboxInvariants(t, n)
			require.Equal(t, tc.dropped, n.Stats().Dropped)

			n.mu.Lock()
			got := map[transport.PartyID]int{}
			for _, m := range s.queue {
				got[m.From]++
			}
			pending := map[transport.PartyID]int{}
			for p, in := range n.inbox {
				if len(in.pending) > 0 {
					pending[p] = len(in.pending)
				}
			}
			n.mu.Unlock()
			require.Equal(t, tc.want, got, "messages in the session")
			if tc.pending == nil {
				tc.pending = map[transport.PartyID]int{}
			}
			require.Equal(t, tc.pending, pending, "pending sessions")

			// Receive and Close uncount what leaves: only the pending
			// sessions stay counted.
			ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			defer cancel()
			for range len(s.queue) / 2 {
				_, err := s.Receive(ctx)
				require.NoError(t, err)
				requireInboxInvariants(t, n)
			}
			require.NoError(t, s.Close())
			requireInboxInvariants(t, n)
			n.mu.Lock()
			for _, in := range n.inbox {
				require.Equal(t, in.pendingBytes, in.held)
			}
			n.mu.Unlock()
		})
	}
}

// Pending messages of several peers reach their session in the order they
// arrived in.
func TestPendingKeepsArrivalOrder(t *testing.T) {
	noLeak(t)
	c := newCluster(t, 3, nil)
	n := c.nodes[3]
	var want []*transport.Message
	for i := range 10 {
		m := boundedMessage(transport.PartyID(1+i%2), "s", i)
		want = append(want, m)
		n.route(m.From, m)
	}
	s, err := n.Open([]byte("s"), nil)
	require.NoError(t, err)
	defer s.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	for _, w := range want {
		got, err := s.Receive(ctx)
		require.NoError(t, err)
		require.Same(t, w, got)
	}
	require.Zero(t, n.Stats().Held)
}

// The count of a held message is its encoded size and a fixed overhead.
func TestMessageSizeCountsTheEncoding(t *testing.T) {
	for _, m := range []*transport.Message{
		boundedMessage(1, "s", 0),
		boundedMessage(1, "a session id", 1000),
		{Protocol: "p", Round: 3, SessionID: []byte("s"), From: 2, To: 1, Kind: transport.KindRelay,
			Context: make([]byte, transport.MaxContext), Echo: make([]byte, 4*transport.SignedEchoSize),
			Payload: []byte("x"), Signature: make([]byte, transport.SignatureSize)},
	} {
		enc, err := m.MarshalBinary()
		require.NoError(t, err)
		require.Equal(t, heldSize(len(enc)), messageSize(m))
	}
}
