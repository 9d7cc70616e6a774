package refresh

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/mosaic-mpc/mosaic/dkg"
	"github.com/mosaic-mpc/mosaic/transport"
)

type reshareCase struct {
	name            string
	oldT, oldN      int
	dealers, newSet []transport.PartyID
	newT            int
}

var reshareCases = []reshareCase{
	{name: "2-of-3 to 3-of-5 overlapping", oldT: 2, oldN: 3, dealers: pids(2, 3), newSet: pids(2, 3, 4, 5, 6), newT: 3},
	{name: "2-of-3 to 3-of-5 disjoint", oldT: 2, oldN: 3, dealers: pids(1, 3), newSet: pids(11, 12, 13, 14, 15), newT: 3},
	{name: "3-of-5 to 2-of-3 overlapping", oldT: 3, oldN: 5, dealers: pids(1, 2, 4), newSet: pids(1, 4, 7), newT: 2},
	{name: "3-of-5 to 2-of-3 disjoint", oldT: 3, oldN: 5, dealers: pids(2, 3, 5), newSet: pids(21, 22, 23), newT: 2},
	{name: "all of 2-of-3 deal to the same parties", oldT: 2, oldN: 3, dealers: pids(1, 2, 3), newSet: pids(1, 2, 3), newT: 2},
	{name: "3-of-5 to 2-of-3, old holders join without dealing", oldT: 3, oldN: 5, dealers: pids(1, 2, 3), newSet: pids(3, 4, 5), newT: 2},
	{name: "2-of-3 to 1-of-1", oldT: 2, oldN: 3, dealers: pids(1, 2), newSet: pids(9), newT: 1},
}

// reshareMachines builds the machines of every party of a resharing.
func reshareMachines(t testing.TB, old shares, dealers, newSet []transport.PartyID, newT int) map[transport.PartyID]transport.Machine[*dkg.KeyShare] {
	t.Helper()
	ms, _ := reshareMachinesState(t, old, dealers, newSet, newT)
	return ms
}

// reshareMachinesState also returns every party's state.
func reshareMachinesState(t testing.TB, old shares, dealers, newSet []transport.PartyID, newT int) (map[transport.PartyID]transport.Machine[*dkg.KeyShare], map[transport.PartyID]*dealing) {
	t.Helper()
	pub := PublicOf(old[dealers[0]])
	sid, err := ReshareSessionID(pub, dealers, newSet, newT, newNonce(t))
	require.NoError(t, err)
	ms := map[transport.PartyID]transport.Machine[*dkg.KeyShare]{}
	states := map[transport.PartyID]*dealing{}
	for _, id := range union(dealers, newSet) {
		cfg := ReshareConfig{Self: id, Dealers: dealers, NewParties: newSet, NewThreshold: newT, SessionID: sid}
		if ks, ok := old[id]; ok {
			cfg.Share = ks // old holders give their share (dealers must)
		} else {
			cfg.Old = pub
		}
		m, st, err := newReshare(cfg)
		require.NoError(t, err, "party %d", id)
		ms[id], states[id] = m, st
	}
	return ms, states
}

func TestReshare(t *testing.T) {
	for _, c := range curves {
		for _, tc := range reshareCases {
			t.Run(fmt.Sprintf("%s/%s", c.Name(), tc.name), func(t *testing.T) {
				old := dealtKeys(t, c, tc.oldT, partyIDs(tc.oldN))
				before := snapshot(t, old)
				gk := old[1].GroupKey
				secret := reconstruct(t, pick(old, old[1].Parties[:tc.oldT])...)
				parties := union(tc.dealers, tc.newSet)
				res, errs := run(t, parties, reshareMachines(t, old, tc.dealers, tc.newSet, tc.newT), nil)
				require.Empty(t, errs)
				requireUnchanged(t, old, before)
				out := shares{}
				for id, ks := range res {
					if !transport.Contains(tc.newSet, id) {
						require.Nil(t, ks, "dealer %d leaves the committee", id)
						continue
					}
					require.NotNil(t, ks, "party %d", id)
					require.Equal(t, transport.SortedCopy(tc.newSet), ks.Parties)
					out[id] = ks
				}
				require.Len(t, out, len(tc.newSet))
				requireSameKey(t, out, gk, tc.newT)
				got := reconstruct(t, pick(out, out[tc.newSet[0]].Parties[:tc.newT])...)
				require.True(t, got.Equal(secret), "the new committee shares the old secret")
				if tc.newT > 1 {
					// fewer than t' new shares do not give the secret
					fewer := reconstruct(t, pick(out, out[tc.newSet[0]].Parties[:tc.newT-1])...)
					require.False(t, fewer.Equal(secret))
				}
			})
		}
	}
}

// A reshared key can be reshared again, and refreshed.
func TestReshareThenRefresh(t *testing.T) {
	c := curve.Edwards25519()
	old := dealtKeys(t, c, 2, partyIDs(3))
	gk := old[1].GroupKey
	newSet := pids(4, 5, 6, 7)
	res, errs := run(t, union(pids(1, 2), newSet), reshareMachines(t, old, pids(1, 2), newSet, 3), nil)
	require.Empty(t, errs)
	second := shares{}
	for _, id := range newSet {
		second[id] = res[id]
	}
	refreshed, errs := run(t, newSet, refreshMachines(t, second), nil)
	require.Empty(t, errs)
	requireSameKey(t, refreshed, gk, 3)
	back, errs := run(t, union(pids(4, 6, 7), pids(1, 2, 3)), reshareMachines(t, refreshed, pids(4, 6, 7), pids(1, 2, 3), 2), nil)
	require.Empty(t, errs)
	final := shares{}
	for _, id := range pids(1, 2, 3) {
		final[id] = back[id]
	}
	requireSameKey(t, final, gk, 2)
}

func TestReshareConfigRejects(t *testing.T) {
	c := curve.Secp256k1()
	old := dealtKeys(t, c, 2, partyIDs(3))
	other := dealtKeys(t, c, 2, partyIDs(3))
	pub := PublicOf(old[1])
	sid := []byte("sid")
	ok := ReshareConfig{Self: 1, Share: old[1], Dealers: pids(1, 2), NewParties: pids(4, 5), NewThreshold: 2, SessionID: sid}
	_, err := NewReshare(ok)
	require.NoError(t, err)
	cases := map[string]func(c *ReshareConfig){
		"no share, no public":        func(c *ReshareConfig) { c.Share = nil },
		"share of another party":     func(c *ReshareConfig) { c.Self = 2 },
		"public of another key":      func(c *ReshareConfig) { c.Old = PublicOf(other[1]) },
		"too few dealers":            func(c *ReshareConfig) { c.Dealers = pids(1) },
		"dealer without a share":     func(c *ReshareConfig) { c.Dealers = pids(1, 7) },
		"duplicate dealer":           func(c *ReshareConfig) { c.Dealers = pids(1, 1, 2) },
		"dealer 0":                   func(c *ReshareConfig) { c.Dealers = pids(0, 1, 2) },
		"no new parties":             func(c *ReshareConfig) { c.NewParties = nil },
		"new threshold 0":            func(c *ReshareConfig) { c.NewThreshold = 0 },
		"new threshold above n'":     func(c *ReshareConfig) { c.NewThreshold = 3 },
		"self in neither committee":  func(c *ReshareConfig) { c.Self, c.Share, c.Old = 3, old[3], nil },
		"no session":                 func(c *ReshareConfig) { c.SessionID = nil },
		"dealer given only public":   func(c *ReshareConfig) { c.Share, c.Old = nil, pub },
		"invalid public (threshold)": func(c *ReshareConfig) { p := pub.Clone(); p.Threshold = 4; c.Self, c.Share, c.Old = 4, nil, p },
	}
	for name, mod := range cases {
		cfg := ok
		mod(&cfg)
		_, err := NewReshare(cfg)
		require.ErrorIs(t, err, ErrConfig, name)
	}
	one := dealtKeys(t, c, 1, partyIDs(2))
	_, err = NewReshare(ReshareConfig{Self: 1, Share: one[1], Dealers: pids(1), NewParties: pids(1), NewThreshold: 1, SessionID: sid})
	require.ErrorIs(t, err, ErrConfig, "a run of one party")
	// a new party needs only the public data
	_, err = NewReshare(ReshareConfig{Self: 4, Old: pub, Dealers: pids(1, 2), NewParties: pids(4, 5), NewThreshold: 2, SessionID: sid})
	require.NoError(t, err)
}
