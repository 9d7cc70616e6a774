package local

import (
	"context"
	"fmt"
	"maps"
	"slices"

	"github.com/mosaic-mpc/mosaic/dkg"
	"github.com/mosaic-mpc/mosaic/refresh"
	"github.com/mosaic-mpc/mosaic/transport"
)

// Refresh runs a proactive refresh (refresh.New) among every holder of the
// key and returns their new shares: the group key and chain code stay,
// every share changes, and old shares no longer combine with new ones.
// shares must hold a share for every party of the key, all with the same
// public data: shares of another key, or old shares mixed with refreshed
// ones, are an error wrapping ErrInput. The session id is
// refresh.SessionID of a fresh nonce. The old shares are left as they
// were; a deployment deletes them once the run has completed.
//
// The run is signed and agrees (docs/agreement.md): it returns only once
// every party has confirmed the new public key data, so no party moves to
// a new share while another keeps its old one. Shares that record identity
// keys (dkg.KeyShare.Identities) need theirs in WithIdentities; shares
// that record none take the keys of WithIdentities into their record, or,
// without it, are refreshed with keys made for the run alone and still
// record none.
func Refresh(ctx context.Context, shares map[transport.PartyID]*dkg.KeyShare, opts ...Option) (map[transport.PartyID]*dkg.KeyShare, error) {
	cfg, err := start(ctx, opts)
	if err != nil {
		return nil, err
	}
	ids := sortedKeys(shares)
	if len(ids) == 0 {
		return nil, fmt.Errorf("%w: no key shares", ErrInput)
	}
	for _, id := range ids {
		if _, err := shareOf(shares, id); err != nil {
			return nil, err
		}
	}
	// Every share names the key's parties; the first one's must all be
	// present (and runAll refuses a share of any other party).
	one := shares[ids[0]]
	for _, id := range one.Parties {
		if _, err := shareOf(shares, id); err != nil {
			return nil, err
		}
	}
	pub := refresh.PublicOf(one)
	nonce, err := cfg.nonce()
	if err != nil {
		return nil, err
	}
	sid, err := refresh.SessionID(pub, nonce)
	if err != nil {
		return nil, fmt.Errorf("local: refresh session id: %w", err)
	}
	signing, ephemeral, err := runIdentities(cfg, one.Parties, pub.Identities)
	if err != nil {
		return nil, err
	}
	ms := make(map[transport.PartyID]transport.Machine[*dkg.KeyShare], len(ids))
	for _, id := range ids {
		m, err := refresh.New(refresh.Config{Share: shares[id], SessionID: sid, Rand: cfg.rand, Identity: signing[id]})
		if err != nil {
			return nil, partyErr(id, err)
		}
		// refresh.New has validated the share, so its public data can be
		// compared. A share of another key, or of another refresh, would
		// make the run fail or, worse, succeed with shares that do not
		// combine.
		if !refresh.PublicOf(shares[id]).Equal(pub) {
			return nil, fmt.Errorf("%w: party %d's key share is of another key, or another refresh, than party %d's", ErrInput, id, ids[0])
		}
		ms[id] = m
	}
	out, err := runAll(ctx, cfg, one.Parties, ms, true)
	if err != nil {
		return nil, err
	}
	forget(ephemeral, slices.Collect(maps.Values(out))...)
	return out, nil
}

// Repair rebuilds the share of party lost with the help of helpers (at
// least the key's threshold of other share holders, whose shares are in
// shares) and returns it; the helpers learn nothing about it and their
// shares do not change. pub is the key's public data (refresh.PublicOf of
// any share), which the lost party must get from a record it trusts; every
// helper checks it against its own share, so public data of another key is
// an error wrapping refresh.ErrConfig, and inconsistent public data one
// wrapping ErrInput. The session id is refresh.RepairSessionID of a fresh
// nonce. The run is signed, with the keys of WithIdentities for the
// helpers and the lost party (which a key that records identity keys
// needs: those of pub) or else with keys made for it alone, and agrees
// (docs/agreement.md): it returns only once the lost party, too, has
// confirmed.
func Repair(ctx context.Context, shares map[transport.PartyID]*dkg.KeyShare, pub *refresh.Public, helpers []transport.PartyID, lost transport.PartyID, opts ...Option) (*dkg.KeyShare, error) {
	cfg, err := start(ctx, opts)
	if err != nil {
		return nil, err
	}
	if pub == nil {
		return nil, fmt.Errorf("%w: no public key data", ErrInput)
	}
	if err := pub.Validate(); err != nil {
		return nil, fmt.Errorf("%w: public key data: %w", ErrInput, err)
	}
	if err := checkParties("helpers", helpers); err != nil {
		return nil, err
	}
	if lost == 0 || transport.Contains(helpers, lost) {
		return nil, fmt.Errorf("%w: lost party %d must be a party other than the helpers %v", ErrInput, lost, helpers)
	}
	for _, id := range helpers {
		if _, err := shareOf(shares, id); err != nil {
			return nil, err
		}
	}
	nonce, err := cfg.nonce()
	if err != nil {
		return nil, err
	}
	sid, err := refresh.RepairSessionID(pub, helpers, lost, nonce)
	if err != nil {
		return nil, fmt.Errorf("local: repair session id: %w", err)
	}
	parties := append(slices.Clone(helpers), lost)
	signing, ephemeral, err := runIdentities(cfg, parties, pub.Identities)
	if err != nil {
		return nil, err
	}
	ms := make(map[transport.PartyID]transport.Machine[*dkg.KeyShare], len(helpers)+1)
	for _, id := range helpers {
		m, err := refresh.NewRepair(refresh.RepairConfig{Self: id, Share: shares[id], Public: pub, Helpers: helpers, Lost: lost, SessionID: sid, Rand: cfg.rand, Identity: signing[id]})
		if err != nil {
			return nil, partyErr(id, err)
		}
		ms[id] = m
	}
	m, err := refresh.NewRepair(refresh.RepairConfig{Self: lost, Public: pub, Helpers: helpers, Lost: lost, SessionID: sid, Rand: cfg.rand, Identity: signing[lost]})
	if err != nil {
		return nil, partyErr(lost, err)
	}
	ms[lost] = m
	out, err := runAll(ctx, cfg, parties, ms, true)
	if err != nil {
		return nil, err
	}
	forget(ephemeral, out[lost])
	return out[lost], nil
}

// Reshare hands the key from dealers (at least the old threshold of old
// share holders, whose shares are in shares) to the committee newParties
// with threshold newT, and returns the new committee's shares; the group
// key and chain code stay. A dealer may also be a member of the new
// committee. The session id is refresh.ReshareSessionID of a fresh nonce.
// The run is signed and agrees (docs/agreement.md): it returns only once
// every party has confirmed the new public key data. With WithIdentities,
// which must hold the keys of the dealers (those the old shares record,
// if they record any) and of every new party, the new shares record the
// new committee's keys; without it, which old shares that record identity
// keys do not allow, the run is signed with keys made for it alone and the
// new shares record none.
func Reshare(ctx context.Context, shares map[transport.PartyID]*dkg.KeyShare, dealers, newParties []transport.PartyID, newT int, opts ...Option) (map[transport.PartyID]*dkg.KeyShare, error) {
	cfg, err := start(ctx, opts)
	if err != nil {
		return nil, err
	}
	if err := checkParties("dealers", dealers); err != nil {
		return nil, err
	}
	if err := checkParties("new parties", newParties); err != nil {
		return nil, err
	}
	if err := checkThreshold(newT, len(newParties)); err != nil {
		return nil, err
	}
	for _, id := range dealers {
		if _, err := shareOf(shares, id); err != nil {
			return nil, err
		}
	}
	old := refresh.PublicOf(shares[dealers[0]])
	nonce, err := cfg.nonce()
	if err != nil {
		return nil, err
	}
	sid, err := refresh.ReshareSessionID(old, dealers, newParties, newT, nonce)
	if err != nil {
		return nil, fmt.Errorf("local: reshare session id: %w", err)
	}
	all := slices.Compact(transport.SortedCopy(append(slices.Clone(dealers), newParties...)))
	signing, ephemeral, err := runIdentities(cfg, all, old.Identities)
	if err != nil {
		return nil, err
	}
	ms := make(map[transport.PartyID]transport.Machine[*dkg.KeyShare], len(all))
	for _, id := range all {
		var share *dkg.KeyShare
		if transport.Contains(dealers, id) {
			share = shares[id]
		}
		m, err := refresh.NewReshare(refresh.ReshareConfig{Self: id, Share: share, Old: old, Dealers: dealers, NewParties: newParties, NewThreshold: newT, SessionID: sid, Rand: cfg.rand, Identity: signing[id]})
		if err != nil {
			return nil, partyErr(id, err)
		}
		ms[id] = m
	}
	out, err := runAll(ctx, cfg, all, ms, true)
	if err != nil {
		return nil, err
	}
	res := make(map[transport.PartyID]*dkg.KeyShare, len(newParties))
	for _, id := range newParties {
		res[id] = out[id]
	}
	forget(ephemeral, slices.Collect(maps.Values(res))...)
	return res, nil
}
