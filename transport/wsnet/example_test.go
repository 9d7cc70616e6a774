package wsnet_test

import (
	"context"
	"crypto/ecdh"
	"crypto/rand"
	"fmt"
	"net/http/httptest"
	"strings"

	"github.com/mosaic-mpc/mosaic/transport"
	"github.com/mosaic-mpc/mosaic/transport/wsnet"
)

// Two parties meet at a relay; party 1's direct message to party 2 is
// sealed end to end, so the relay forwards bytes it cannot read.
func Example() {
	relay, err := wsnet.NewRelay([]transport.PartyID{1, 2}, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	srv := httptest.NewServer(relay)
	defer srv.Close()
	url := "ws" + strings.TrimPrefix(srv.URL, "http")

	k1, _ := ecdh.X25519().GenerateKey(rand.Reader)
	k2, _ := ecdh.X25519().GenerateKey(rand.Reader)
	ctx := context.Background()
	c1, err := wsnet.Dial(ctx, wsnet.Config{URL: url, Self: 1, BoxKey: k1, Peers: map[transport.PartyID]*ecdh.PublicKey{2: k2.PublicKey()}})
	if err != nil {
		fmt.Println(err)
		return
	}
	defer c1.Close()
	c2, err := wsnet.Dial(ctx, wsnet.Config{URL: url, Self: 2, BoxKey: k2, Peers: map[transport.PartyID]*ecdh.PublicKey{1: k1.PublicKey()}})
	if err != nil {
		fmt.Println(err)
		return
	}
	defer c2.Close()

	// Each run is a session of the client; transport.Run takes it as its Conn.
	sid := []byte("session of one run")
	m := &transport.Message{Protocol: "demo/v1", Round: 1, SessionID: sid, From: 1, To: 2, Payload: []byte("a share for party 2")}
	if err := c1.Session(sid).Send(ctx, m); err != nil {
		fmt.Println(err)
		return
	}
	got, err := c2.Session(sid).Receive(ctx)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("party %d got %q from party %d\n", got.To, got.Payload, got.From)
	// Output:
	// party 2 got "a share for party 2" from party 1
}
