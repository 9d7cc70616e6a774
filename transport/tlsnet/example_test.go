package tlsnet_test

import (
	"context"
	"fmt"
	"net"
	"time"

	"github.com/mosaic-mpc/mosaic/transport"
	"github.com/mosaic-mpc/mosaic/transport/tlsnet"
)

// Two parties on loopback: a CA issues their certificates, each runs a
// Node, and one session carries a message from party 1 to party 2. The
// receiver sees From as the authenticated sender.
func Example() {
	ca, err := tlsnet.NewCA("example CA")
	if err != nil {
		panic(err)
	}
	// Party 2 is dialed by party 1, so it listens; port 0 picks a port.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		panic(err)
	}
	nodes := map[transport.PartyID]*tlsnet.Node{}
	for _, id := range []transport.PartyID{1, 2} {
		pc, err := ca.Issue(id)
		if err != nil {
			panic(err)
		}
		cfg := tlsnet.Config{Self: id, Certificate: pc.TLS, CA: ca.Pool()}
		if id == 1 {
			cfg.Peers = map[transport.PartyID]string{2: ln.Addr().String()}
		} else {
			cfg.Peers = map[transport.PartyID]string{1: ""}
			cfg.Listener = ln
		}
		n, err := tlsnet.New(cfg)
		if err != nil {
			panic(err)
		}
		defer n.Close()
		nodes[id] = n
	}

	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	sid := []byte("example session")
	s1, err := nodes[1].Open(sid, nil)
	if err != nil {
		panic(err)
	}
	s2, err := nodes[2].Open(sid, nil)
	if err != nil {
		panic(err)
	}
	err = s1.Send(ctx, &transport.Message{Protocol: "hello/v1", Round: 1, SessionID: sid, From: 1, Payload: []byte("hello over mutual TLS")})
	if err != nil {
		panic(err)
	}
	m, err := s2.Receive(ctx)
	if err != nil {
		panic(err)
	}
	fmt.Printf("party 2 got %q from party %d\n", m.Payload, m.From)
	fmt.Println(tlsnet.PartyURI(2))
	// Output:
	// party 2 got "hello over mutual TLS" from party 1
	// mosaic://party/2
}
