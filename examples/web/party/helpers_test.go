package party_test

import (
	"context"
	"fmt"
	"net/http/httptest"
	"strings"
	"sync"

	"github.com/mosaic-mpc/mosaic/examples/web/party"
	"github.com/mosaic-mpc/mosaic/transport"
	"github.com/mosaic-mpc/mosaic/transport/wsnet"
)

// network is a 2-of-3 plan, its parties' keys and a relay.
type network struct {
	plan party.Plan
	keys map[transport.PartyID]*party.Keys
	url  string
	srv  *httptest.Server
}

func newNetwork() (*network, error) {
	ids := []transport.PartyID{1, 2, 3}
	n := &network{keys: map[transport.PartyID]*party.Keys{},
		plan: party.Plan{Parties: ids, Threshold: 2, Signers: []transport.PartyID{1, 3}, Nonce: []byte("a test nonce of 16+ bytes"), Level: 2048, Relay: "/"}}
	for _, id := range ids {
		k, err := party.NewKeys()
		if err != nil {
			return nil, err
		}
		n.keys[id] = k
		n.plan.Peers = append(n.plan.Peers, k.Peer(id))
	}
	relay, err := wsnet.NewRelay(ids, nil)
	if err != nil {
		return nil, err
	}
	n.srv = httptest.NewServer(relay)
	n.url = "ws" + strings.TrimPrefix(n.srv.URL, "http")
	return n, nil
}

// each runs f for every party, connected, at once, and joins the errors.
func (n *network) each(f func(p *party.Party) error) error {
	var wg sync.WaitGroup
	errs := make([]error, len(n.plan.Parties))
	for i, id := range n.plan.Parties {
		wg.Go(func() {
			p, err := party.New(id, n.plan, n.keys[id])
			if err == nil {
				err = p.Connect(context.Background(), n.url)
			}
			if err == nil {
				defer p.Close()
				err = f(p)
			}
			if err != nil {
				errs[i] = fmt.Errorf("party %d: %w", id, err)
			}
		})
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}
