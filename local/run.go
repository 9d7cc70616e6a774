package local

import (
	"context"
	"fmt"
	"maps"
	"slices"

	"github.com/mosaic-mpc/mosaic/dkg"
	"github.com/mosaic-mpc/mosaic/transport"
	"github.com/mosaic-mpc/mosaic/transport/memnet"
)

// Parties returns the party ids 1..n, or nil when n < 1.
func Parties(n int) []transport.PartyID {
	if n < 1 {
		return nil
	}
	ids := make([]transport.PartyID, n)
	for i := range ids {
		ids[i] = transport.PartyID(i + 1)
	}
	return ids
}

// RunAll runs machines[id] for every id in ids, each in its own goroutine,
// over a fresh in-memory network, and returns every party's result. It
// returns an error wrapping ErrInput if ids is not a valid party list or
// machines does not have exactly one non-nil Machine per id, and otherwise
// the first failure in the order of ids, as a *PartyError. The functions
// of this package are RunAll with the Machines of one protocol; call it
// directly for any other Machine. Whether a run is signed is up to the
// Machines' configurations (their Identity); WithIdentities plays no part
// here, and WithCertificates gets the certificate of every Machine that
// holds one (transport.Certified).
func RunAll[Out any](ctx context.Context, ids []transport.PartyID, machines map[transport.PartyID]transport.Machine[Out], opts ...Option) (map[transport.PartyID]Out, error) {
	cfg, err := start(ctx, opts)
	if err != nil {
		return nil, err
	}
	return runAll(ctx, cfg, ids, machines, false)
}

// start checks what every run needs: a context and valid options.
func start(ctx context.Context, opts []Option) (*config, error) {
	if ctx == nil {
		return nil, fmt.Errorf("%w: nil context", ErrInput)
	}
	return newConfig(opts)
}

// runAll runs the machines of ids. signed says that every machine was made
// with an Identity: each must then end holding a certificate of every
// party's confirmation (transport.Certified), which a machine that returns
// its result always does; one without is a *PartyError wrapping
// transport.ErrUnconfirmed, so no run of this package succeeds unconfirmed.
func runAll[Out any](ctx context.Context, cfg *config, ids []transport.PartyID, machines map[transport.PartyID]transport.Machine[Out], signed bool) (map[transport.PartyID]Out, error) {
	if err := checkParties("parties", ids); err != nil {
		return nil, err
	}
	for _, id := range ids {
		if machines[id] == nil {
			return nil, fmt.Errorf("%w: no machine for party %d", ErrInput, id)
		}
	}
	for id := range machines {
		if !transport.Contains(ids, id) {
			return nil, fmt.Errorf("%w: machine for party %d, which is not in %v", ErrInput, id, ids)
		}
	}
	net := memnet.New(ids)
	defer net.Close()
	if cfg.timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, cfg.timeout)
		defer cancel()
	}
	out, errs := memnet.RunAll(ctx, net, machines, transport.WithRoundTimeout(cfg.roundTimeout))
	for _, id := range ids {
		if err := errs[id]; err != nil {
			return nil, partyErr(id, err)
		}
	}
	certs := make(map[transport.PartyID][]byte, len(ids))
	for _, id := range ids {
		if c, ok := machines[id].(transport.Certified); ok {
			certs[id] = c.Certificate()
		}
		if signed && len(certs[id]) == 0 {
			return nil, partyErr(id, fmt.Errorf("finished without a certificate: %w", transport.ErrUnconfirmed))
		}
	}
	if cfg.certificates != nil {
		for _, id := range ids {
			if len(certs[id]) > 0 {
				cfg.certificates(id, certs[id])
			}
		}
	}
	return out, nil
}

// checkParties checks a party list, naming it in the error.
func checkParties(what string, ids []transport.PartyID) error {
	if err := transport.ValidateParties(ids); err != nil {
		return fmt.Errorf("%w: %s: %w", ErrInput, what, err)
	}
	return nil
}

// shareOf returns party id's share, or an error if it has none. A share
// without a curve is refused here: some of the protocol packages' checks
// ask the curve first.
func shareOf(shares map[transport.PartyID]*dkg.KeyShare, id transport.PartyID) (*dkg.KeyShare, error) {
	s := shares[id]
	if s == nil {
		return nil, fmt.Errorf("%w: party %d has no key share", ErrInput, id)
	}
	if s.Curve == nil {
		return nil, fmt.Errorf("%w: party %d's key share has no curve", ErrInput, id)
	}
	return s, nil
}

// sortedKeys returns the parties of a map, in order.
func sortedKeys[V any](m map[transport.PartyID]V) []transport.PartyID {
	return slices.Sorted(maps.Keys(m))
}

// checkThreshold checks 1 <= t <= n.
func checkThreshold(t, n int) error {
	if t < 1 || t > n {
		return fmt.Errorf("%w: threshold %d for %d parties, want 1 <= t <= %d", ErrInput, t, n, n)
	}
	return nil
}
