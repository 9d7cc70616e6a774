package main

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/mosaic-mpc/mosaic/examples/web/party"
	"github.com/mosaic-mpc/mosaic/transport"
)

// runLimit bounds a whole run of the server parties, so that a page
// closed halfway does not leave them waiting for ever.
const runLimit = 30 * time.Minute

// runServers runs the server parties of one run, in the order the page
// runs its steps, and records how they ended.
func (s *server) runServers(rn *run, id string, plan party.Plan, keys map[transport.PartyID]*party.Keys) {
	defer close(rn.done)
	ctx, cancel := context.WithTimeout(s.ctx, runLimit)
	defer cancel()
	url := "ws://" + s.addr + plan.Relay
	var wg sync.WaitGroup
	errs := make([]error, len(servers))
	for i, self := range servers {
		wg.Go(func() {
			errs[i] = s.runServer(ctx, id, self, plan, keys[self], url)
		})
	}
	wg.Wait()
	rn.err = errors.Join(errs...)
	if rn.err != nil {
		fmt.Fprintf(s.out, "• run %s failed: %v\n", id, rn.err)
		return
	}
	fmt.Fprintf(s.out, "• run %s: server parties done\n", id)
}

// runServer is one server party: the page's steps, in its order.
func (s *server) runServer(ctx context.Context, id string, self transport.PartyID, plan party.Plan, keys *party.Keys, url string) error {
	p, err := party.New(self, plan, keys)
	if err != nil {
		return err
	}
	if err := p.Connect(ctx, url); err != nil {
		return err
	}
	defer p.Close()
	p.Progress = func(e party.Event) {
		if e.Done {
			fmt.Fprintf(s.out, "  run %s party %d: %s done in %.2f s\n", id, self, e.Step, e.Seconds)
		}
	}
	if _, _, err := p.DKG(ctx); err != nil {
		return err
	}
	if p.IsSigner() {
		if _, err := p.Frost(ctx, "ed25519", party.Ed25519Message); err != nil {
			return err
		}
		if _, err := p.Frost(ctx, "taproot", party.TaprootMessage[:]); err != nil {
			return err
		}
	}
	if err := p.Aux(ctx); err != nil {
		return err
	}
	if p.IsSigner() {
		sig, err := p.ECDSA(ctx, party.ECDSADigest[:])
		if err != nil {
			return err
		}
		fmt.Fprintf(s.out, "  run %s party %d: ECDSA signature %x verified\n", id, self, sig.Signature)
	}
	return nil
}
