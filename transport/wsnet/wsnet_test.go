package wsnet_test

import (
	"context"
	"crypto/ecdh"
	"crypto/rand"
	"testing"
	"time"

	"github.com/coder/websocket"
	"github.com/stretchr/testify/require"

	"github.com/mosaic-mpc/mosaic/transport"
	"github.com/mosaic-mpc/mosaic/transport/wsnet"
)

func receive(t *testing.T, s *wsnet.Session) *transport.Message {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	m, err := s.Receive(ctx)
	require.NoError(t, err)
	return m
}

func TestBroadcastAndDirect(t *testing.T) {
	n := newNet(t, 1, 2, 3)
	c1, c2, c3 := n.dial(t, 1), n.dial(t, 2), n.dial(t, 3)
	ctx := context.Background()
	s1, s2, s3 := c1.Session([]byte("a")), c2.Session([]byte("a")), c3.Session([]byte("a"))
	tests := []struct {
		name string
		send *transport.Message
		to   []*wsnet.Session
	}{
		{"broadcast", message(1, 0, "a", "to all"), []*wsnet.Session{s2, s3}},
		{"direct", message(2, 3, "a", "secret for 3"), []*wsnet.Session{s3}},
		{"direct back", message(3, 1, "a", "secret for 1"), []*wsnet.Session{s1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sender := map[transport.PartyID]*wsnet.Session{1: s1, 2: s2, 3: s3}[tt.send.From]
			require.NoError(t, sender.Send(ctx, tt.send))
			for _, s := range tt.to {
				got := receive(t, s)
				require.Equal(t, tt.send.Payload, got.Payload)
				require.Equal(t, tt.send.From, got.From)
				require.Equal(t, tt.send.To, got.To)
			}
		})
	}
}

// Messages of a session that is not open yet wait for it; those of
// another session do not reach it.
func TestSessionsAreSeparate(t *testing.T) {
	n := newNet(t, 1, 2)
	c1, c2 := n.dial(t, 1), n.dial(t, 2)
	ctx := context.Background()
	s1 := c1.Session([]byte("later"))
	require.NoError(t, s1.Send(ctx, message(1, 2, "later", "first")))
	other := c1.Session([]byte("other"))
	require.NoError(t, other.Send(ctx, message(1, 2, "other", "second")))
	time.Sleep(100 * time.Millisecond) // both are queued at party 2
	require.Equal(t, []byte("second"), receive(t, c2.Session([]byte("other"))).Payload)
	require.Equal(t, []byte("first"), receive(t, c2.Session([]byte("later"))).Payload)
}

func TestReceiveHonoursContext(t *testing.T) {
	n := newNet(t, 1, 2)
	c1 := n.dial(t, 1)
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	_, err := c1.Session([]byte("s")).Receive(ctx)
	require.ErrorIs(t, err, context.DeadlineExceeded)
}

func TestClosedSession(t *testing.T) {
	n := newNet(t, 1, 2)
	s := n.dial(t, 1).Session([]byte("s"))
	require.NoError(t, s.Close())
	_, err := s.Receive(context.Background())
	require.ErrorIs(t, err, wsnet.ErrClosed)
}

func TestSendRefusesAnotherFrom(t *testing.T) {
	n := newNet(t, 1, 2)
	s := n.dial(t, 1).Session([]byte("s"))
	require.ErrorIs(t, s.Send(context.Background(), message(2, 1, "s", "x")), wsnet.ErrConfig)
	require.ErrorIs(t, s.Send(context.Background(), nil), wsnet.ErrConfig)
}

func TestDialRefusesBadConfigs(t *testing.T) {
	n := newNet(t, 1, 2)
	p256, err := ecdh.P256().GenerateKey(rand.Reader)
	require.NoError(t, err)
	tests := []struct {
		name string
		edit func(*wsnet.Config)
	}{
		{"no self", func(c *wsnet.Config) { c.Self = 0 }},
		{"no key", func(c *wsnet.Config) { c.BoxKey = nil }},
		{"no peers", func(c *wsnet.Config) { c.Peers = nil }},
		{"not X25519", func(c *wsnet.Config) { c.BoxKey = p256 }},
		{"self among peers", func(c *wsnet.Config) { c.Peers[1] = n.keys[2].PublicKey() }},
		{"nil peer key", func(c *wsnet.Config) { c.Peers[2] = nil }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := n.config(1)
			tt.edit(&cfg)
			_, err := wsnet.Dial(context.Background(), cfg)
			require.ErrorIs(t, err, wsnet.ErrConfig)
		})
	}
}

func TestNewRelayRefusesBadParties(t *testing.T) {
	_, err := wsnet.NewRelay([]transport.PartyID{1, 1}, nil)
	require.ErrorIs(t, err, wsnet.ErrConfig)
}

// A second connection for a party already connected is refused, and so is
// a party outside the relay's set.
func TestRelayRefusesSecondAndUnknownParty(t *testing.T) {
	n := newNet(t, 1, 2)
	n.dial(t, 1)
	for _, self := range []transport.PartyID{1, 7} {
		cfg := n.config(2)
		cfg.Self = self
		delete(cfg.Peers, self)
		cfg.Peers[2] = n.keys[2].PublicKey()
		c, err := wsnet.Dial(context.Background(), cfg)
		require.NoError(t, err) // the relay answers the hello by closing
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		_, err = c.Session([]byte("s")).Receive(ctx)
		cancel()
		require.ErrorIs(t, err, wsnet.ErrClosed)
		require.Equal(t, websocket.StatusPolicyViolation, websocket.CloseStatus(c.Err()))
		c.Close()
	}
}
