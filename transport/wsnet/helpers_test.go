package wsnet_test

import (
	"context"
	"crypto/ecdh"
	"crypto/rand"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/mosaic-mpc/mosaic/transport"
	"github.com/mosaic-mpc/mosaic/transport/wsnet"
)

// net is a relay on a test server and the box keys of its parties.
type net struct {
	srv  *httptest.Server
	url  string
	keys map[transport.PartyID]*ecdh.PrivateKey
}

func newNet(t testing.TB, parties ...transport.PartyID) *net {
	t.Helper()
	relay, err := wsnet.NewRelay(parties, nil)
	require.NoError(t, err)
	srv := httptest.NewServer(relay)
	t.Cleanup(srv.Close)
	n := &net{srv: srv, url: "ws" + strings.TrimPrefix(srv.URL, "http"), keys: map[transport.PartyID]*ecdh.PrivateKey{}}
	for _, p := range parties {
		k, err := ecdh.X25519().GenerateKey(rand.Reader)
		require.NoError(t, err)
		n.keys[p] = k
	}
	return n
}

// config is party self's Config.
func (n *net) config(self transport.PartyID) wsnet.Config {
	peers := map[transport.PartyID]*ecdh.PublicKey{}
	for p, k := range n.keys {
		if p != self {
			peers[p] = k.PublicKey()
		}
	}
	return wsnet.Config{URL: n.url, Self: self, BoxKey: n.keys[self], Peers: peers}
}

// dial connects party self.
func (n *net) dial(t testing.TB, self transport.PartyID) *wsnet.Client {
	t.Helper()
	c, err := wsnet.Dial(context.Background(), n.config(self))
	require.NoError(t, err)
	t.Cleanup(func() { c.Close() })
	return c
}

func message(from, to transport.PartyID, sid, payload string) *transport.Message {
	return &transport.Message{Protocol: "test/v1", Round: 1, SessionID: []byte(sid), From: from, To: to, Payload: []byte(payload)}
}
