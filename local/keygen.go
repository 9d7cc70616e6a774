package local

import (
	"context"
	"fmt"
	"maps"
	"slices"

	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/mosaic-mpc/mosaic/dkg"
	"github.com/mosaic-mpc/mosaic/transport"
)

// Keygen runs dealerless key generation (package dkg) on curve c among
// ids with threshold t: any t of them can later sign. It returns every
// party's share. The session id is dkg.SessionID of a fresh nonce.
//
// The run is signed and agrees (docs/agreement.md): it returns only once
// every party has confirmed the same public key data. With WithIdentities
// it is signed with those keys, which every share records
// (dkg.KeyShare.Identities) and every later run on the key must then be
// given. Without it the run is signed with a key per party made for it
// alone, drawn from WithRand's reader, and the shares record none.
func Keygen(ctx context.Context, c curve.Curve, t int, ids []transport.PartyID, opts ...Option) (map[transport.PartyID]*dkg.KeyShare, error) {
	cfg, err := start(ctx, opts)
	if err != nil {
		return nil, err
	}
	if c == nil {
		return nil, fmt.Errorf("%w: no curve", ErrInput)
	}
	if err := checkParties("parties", ids); err != nil {
		return nil, err
	}
	if err := checkThreshold(t, len(ids)); err != nil {
		return nil, err
	}
	signing, ephemeral, err := runIdentities(cfg, ids, nil)
	if err != nil {
		return nil, err
	}
	nonce, err := cfg.nonce()
	if err != nil {
		return nil, err
	}
	sid, err := dkg.SessionID(dkg.Protocol, c, ids, t, nonce)
	if err != nil {
		return nil, fmt.Errorf("local: keygen session id: %w", err)
	}
	ms := make(map[transport.PartyID]transport.Machine[*dkg.KeyShare], len(ids))
	for _, id := range ids {
		m, err := dkg.New(dkg.Config{Curve: c, Threshold: t, Parties: ids, Self: id, SessionID: sid, Rand: cfg.rand, Identity: signing[id]})
		if err != nil {
			return nil, partyErr(id, err)
		}
		ms[id] = m
	}
	shares, err := runAll(ctx, cfg, ids, ms, true)
	if err != nil {
		return nil, err
	}
	forget(ephemeral, slices.Collect(maps.Values(shares))...)
	return shares, nil
}
