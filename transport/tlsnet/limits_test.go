package tlsnet

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"testing"
	"time"

	"github.com/mosaic-mpc/mosaic/transport"
	"github.com/stretchr/testify/require"
)

// Well-formed frames that the node will not hold are skipped or dropped,
// and the connection goes on: the frame after them is delivered.
func TestFramesOverTheBoundsAreDropped(t *testing.T) {
	const kib = 1 << 10
	msg := func(round, size int) *transport.Message {
		m := boundedMessage(1, "s", size)
		m.Round = round
		return m
	}
	tests := []struct {
		name     string
		tweak    func(*Config)
		frames   []*transport.Message
		received int64 // frames read and decoded
		kept     int   // messages in the session
	}{
		{
			name:     "over MaxMessageBytes: skipped unread",
			tweak:    func(c *Config) { c.MaxMessageBytes = 4 * kib },
			frames:   []*transport.Message{msg(1, 8*kib), msg(1, 3*kib), msg(2, 16*kib), msg(2, 10)},
			received: 2, kept: 2,
		},
		{
			name:     "over the peer's byte bound: skipped unread",
			tweak:    func(c *Config) { c.MaxPeerBytes = 64 * kib },
			frames:   []*transport.Message{msg(1, 16*kib), msg(1, 16*kib), msg(1, 16*kib), msg(1, 16*kib), msg(1, 16*kib), msg(2, 10)},
			received: 4, kept: 4,
		},
		{
			name: "over PayloadLimit: dropped once read",
			tweak: func(c *Config) {
				c.PayloadLimit = func(protocol string, round int, kind transport.Kind) int {
					if protocol == "test/v1" && round == 1 && kind == transport.KindRound {
						return kib
					}
					return 0
				}
			},
			frames:   []*transport.Message{msg(1, 2*kib), msg(1, kib), msg(2, 2*kib), msg(1, 0)},
			received: 4, kept: 3,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			noLeak(t)
			c := newCluster(t, 2, tc.tweak)
			c.nodes[1].Close()
			n := c.nodes[2]
			s, err := n.Open([]byte("s"), nil)
			require.NoError(t, err)
			defer s.Close()
			conn := rawClient(t, c.addrs[2], c.certs[1].TLS)
			for _, m := range tc.frames {
				f, err := encodeFrame(m)
				require.NoError(t, err)
				_, err = conn.Write(f)
				require.NoError(t, err)
			}
			dropped := int64(len(tc.frames) - tc.kept)
			require.Eventually(t, func() bool {
				st := n.Stats()
				return st.Received == tc.received && st.Dropped == dropped
			}, 5*time.Second, 5*time.Millisecond, "%+v", n.Stats())

			ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			defer cancel()
			for range tc.kept {
				_, err := s.Receive(ctx)
				require.NoError(t, err)
			}
			require.Zero(t, n.Stats().Held)
			c.mu.Lock()
			for _, e := range c.connErrs[2] {
				require.NotEqual(t, conn.LocalAddr().String(), e.Remote, "the connection went on: %v", e)
			}
			c.mu.Unlock()
		})
	}
}

// Clients that connect and never complete a handshake hold at most
// MaxHandshakes of them; the next connection is closed at once, and the
// node goes on serving its peers.
func TestHandshakeLimit(t *testing.T) {
	for _, limit := range []int{1, 4} {
		t.Run(fmt.Sprintf("MaxHandshakes %d", limit), func(t *testing.T) {
			noLeak(t)
			c := newCluster(t, 2, func(cfg *Config) { cfg.MaxHandshakes = limit })
			n := c.nodes[2]
			handshakes := func() int {
				n.mu.Lock()
				defer n.mu.Unlock()
				return len(n.handshakes)
			}
			// The cluster's own handshake is over.
			require.Eventually(t, func() bool { return handshakes() == 0 }, 5*time.Second, 5*time.Millisecond)
			var stalled []net.Conn
			for range limit {
				conn, err := net.Dial("tcp", c.addrs[2])
				require.NoError(t, err)
				stalled = append(stalled, conn)
			}
			require.Eventually(t, func() bool { return handshakes() == limit }, 5*time.Second, 5*time.Millisecond)

			// One more is closed unauthenticated, long before the
			// handshake timeout.
			extra, err := net.Dial("tcp", c.addrs[2])
			require.NoError(t, err)
			defer extra.Close()
			require.NoError(t, extra.SetReadDeadline(time.Now().Add(DefaultHandshakeTimeout/2)))
			_, err = extra.Read(make([]byte, 1))
			var ne net.Error
			require.False(t, errors.As(err, &ne) && ne.Timeout(), "the extra connection was kept: %v", err)
			require.ErrorIs(t, err, io.EOF)
			require.Equal(t, int64(1), n.Stats().RefusedHandshakes)
			require.Equal(t, limit, handshakes())

			// The authenticated peer is served meanwhile.
			ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			defer cancel()
			s1, err := c.nodes[1].Open([]byte("h"), nil)
			require.NoError(t, err)
			defer s1.Close()
			s2, err := n.Open([]byte("h"), nil)
			require.NoError(t, err)
			defer s2.Close()
			require.NoError(t, s1.Send(ctx, &transport.Message{Protocol: "test/v1", Round: 1, SessionID: []byte("h"), From: 1}))
			m, err := s2.Receive(ctx)
			require.NoError(t, err)
			require.Equal(t, transport.PartyID(1), m.From)

			// Once the stalled clients leave, handshakes are accepted
			// again.
			for _, conn := range stalled {
				conn.Close()
			}
			require.Eventually(t, func() bool { return handshakes() == 0 }, 5*time.Second, 5*time.Millisecond)
			c.nodes[1].Close()
			rawClient(t, c.addrs[2], c.certs[1].TLS)
		})
	}
}
