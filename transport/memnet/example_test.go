package memnet_test

import (
	"context"
	"fmt"

	"github.com/mosaic-mpc/mosaic/transport"
	"github.com/mosaic-mpc/mosaic/transport/memnet"
)

// Party 3 is malicious: its broadcast reaches party 2 with a different
// payload than party 1 sees.
func ExampleNetwork_Intercept() {
	net := memnet.New([]transport.PartyID{1, 2, 3})
	defer net.Close()
	net.Intercept(3, func(to transport.PartyID, m *transport.Message) []*transport.Message {
		if to == 2 {
			m.Payload = []byte("tails")
		}
		return []*transport.Message{m}
	})

	ctx := context.Background()
	m := &transport.Message{Protocol: "coin/v1", Round: 1, SessionID: []byte("s"), From: 3, Payload: []byte("heads")}
	if err := net.Conn(3).Send(ctx, m); err != nil {
		fmt.Println(err)
		return
	}
	for _, id := range []transport.PartyID{1, 2} {
		got, err := net.Conn(id).Receive(ctx)
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Printf("party %d got %q from %d\n", id, got.Payload, got.From)
	}
	// Output:
	// party 1 got "heads" from 3
	// party 2 got "tails" from 3
}
