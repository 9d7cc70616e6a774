package demo

import (
	"context"
	"fmt"

	"github.com/mosaic-mpc/mosaic/dkg"
	"github.com/mosaic-mpc/mosaic/refresh"
	"github.com/mosaic-mpc/mosaic/transport"
)

func anyShare(shares map[transport.PartyID]*dkg.KeyShare) *dkg.KeyShare {
	for _, s := range shares {
		return s
	}
	return nil
}

// Refresh runs a proactive refresh among every share holder.
func Refresh(ctx context.Context, shares map[transport.PartyID]*dkg.KeyShare) (map[transport.PartyID]*dkg.KeyShare, error) {
	one := anyShare(shares)
	nonce, err := Nonce()
	if err != nil {
		return nil, err
	}
	sid, err := refresh.SessionID(refresh.PublicOf(one), nonce)
	if err != nil {
		return nil, err
	}
	ms := map[transport.PartyID]transport.Machine[*dkg.KeyShare]{}
	for id, s := range shares {
		m, err := refresh.New(refresh.Config{Share: s, SessionID: sid})
		if err != nil {
			return nil, err
		}
		ms[id] = m
	}
	return RunAll(ctx, one.Parties, ms)
}

// Repair rebuilds lost's share with the help of helpers (at least t share
// holders); pub is the key's public data, which the lost party must get
// from a trusted record.
func Repair(ctx context.Context, shares map[transport.PartyID]*dkg.KeyShare, pub *refresh.Public, helpers []transport.PartyID, lost transport.PartyID) (*dkg.KeyShare, error) {
	nonce, err := Nonce()
	if err != nil {
		return nil, err
	}
	sid, err := refresh.RepairSessionID(pub, helpers, lost, nonce)
	if err != nil {
		return nil, err
	}
	ms := map[transport.PartyID]transport.Machine[*dkg.KeyShare]{}
	for _, id := range helpers {
		m, err := refresh.NewRepair(refresh.RepairConfig{Self: id, Share: shares[id], Helpers: helpers, Lost: lost, SessionID: sid})
		if err != nil {
			return nil, err
		}
		ms[id] = m
	}
	m, err := refresh.NewRepair(refresh.RepairConfig{Self: lost, Public: pub, Helpers: helpers, Lost: lost, SessionID: sid})
	if err != nil {
		return nil, err
	}
	ms[lost] = m
	out, err := RunAll(ctx, append(append([]transport.PartyID{}, helpers...), lost), ms)
	if err != nil {
		return nil, err
	}
	return out[lost], nil
}

// Reshare hands the key from dealers (at least t old share holders) to a
// new committee with threshold newT. It returns the new committee's shares.
func Reshare(ctx context.Context, shares map[transport.PartyID]*dkg.KeyShare, dealers, newParties []transport.PartyID, newT int) (map[transport.PartyID]*dkg.KeyShare, error) {
	old := refresh.PublicOf(anyShare(shares))
	nonce, err := Nonce()
	if err != nil {
		return nil, err
	}
	sid, err := refresh.ReshareSessionID(old, dealers, newParties, newT, nonce)
	if err != nil {
		return nil, err
	}
	all := transport.SortedCopy(append(append([]transport.PartyID{}, dealers...), newParties...))
	all = compact(all)
	ms := map[transport.PartyID]transport.Machine[*dkg.KeyShare]{}
	for _, id := range all {
		m, err := refresh.NewReshare(refresh.ReshareConfig{Self: id, Share: shares[id], Old: old, Dealers: dealers, NewParties: newParties, NewThreshold: newT, SessionID: sid})
		if err != nil {
			return nil, fmt.Errorf("party %d: %w", id, err)
		}
		ms[id] = m
	}
	out, err := RunAll(ctx, all, ms)
	if err != nil {
		return nil, err
	}
	res := map[transport.PartyID]*dkg.KeyShare{}
	for _, id := range newParties {
		res[id] = out[id]
	}
	return res, nil
}

// compact removes adjacent duplicates from a sorted list.
func compact(ids []transport.PartyID) []transport.PartyID {
	out := ids[:0]
	for i, id := range ids {
		if i == 0 || id != ids[i-1] {
			out = append(out, id)
		}
	}
	return out
}
