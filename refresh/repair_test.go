package refresh

import (
	"crypto/rand"
	"fmt"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/mosaic-mpc/mosaic/dkg"
	"github.com/mosaic-mpc/mosaic/transport"
)

// repairByFunctions runs RepairStep1/2/3 in process, as a coordinator
// would relay them, and returns the lost party's share.
func repairByFunctions(t testing.TB, set *RepairSet, keys shares) (*dkg.KeyShare, error) {
	t.Helper()
	step1 := map[transport.PartyID]*RepairDeltas{}
	cms := map[transport.PartyID]*RepairCommitment{}
	for _, h := range set.Helpers() {
		d, err := RepairStep1(set, keys[h], rand.Reader)
		require.NoError(t, err)
		step1[h] = d
		cms[h] = d.Commitment
	}
	sigmas := map[transport.PartyID]curve.Scalar{}
	for _, j := range set.Helpers() {
		deltas := map[transport.PartyID]curve.Scalar{}
		for _, i := range set.Helpers() {
			deltas[i] = step1[i].Deltas[j]
		}
		sigma, err := RepairStep2(set, j, deltas, cms)
		if err != nil {
			return nil, err
		}
		sigmas[j] = sigma
	}
	return RepairStep3(set, sigmas, cms)
}

func TestRepairFunctions(t *testing.T) {
	for _, c := range curves {
		for _, tc := range []struct {
			t, n    int
			helpers []transport.PartyID
			lost    transport.PartyID
		}{
			{3, 5, pids(1, 3, 4), 2},
			{3, 5, pids(3, 4, 5), 2},
			{3, 5, pids(1, 3, 4, 5), 2},
			{2, 3, pids(1, 3), 2},
			{1, 2, pids(2), 1},
		} {
			t.Run(fmt.Sprintf("%s/%d-of-%d/%v-repair-%d", c.Name(), tc.t, tc.n, tc.helpers, tc.lost), func(t *testing.T) {
				keys := dealtKeys(t, c, tc.t, partyIDs(tc.n))
				before := snapshot(t, keys)
				set, err := NewRepairSet(PublicOf(keys[1]), tc.helpers, tc.lost)
				require.NoError(t, err)
				got, err := repairByFunctions(t, set, keys)
				require.NoError(t, err)
				requireUnchanged(t, keys, before)
				requireRepaired(t, keys[tc.lost], got)
			})
		}
	}
}

// requireRepaired checks that the repaired share is the lost one exactly.
func requireRepaired(t testing.TB, lost, got *dkg.KeyShare) {
	t.Helper()
	require.NotNil(t, got)
	require.NoError(t, got.Validate())
	want, err := lost.MarshalBinary()
	require.NoError(t, err)
	b, err := got.MarshalBinary()
	require.NoError(t, err)
	require.Equal(t, want, b)
}

// repairMachines builds the machines of a repair; the lost party gets the
// public data of a helper's share.
func repairMachines(t testing.TB, keys shares, helpers []transport.PartyID, lost transport.PartyID) map[transport.PartyID]transport.Machine[*dkg.KeyShare] {
	t.Helper()
	ms, _ := repairMachinesState(t, keys, helpers, lost)
	return ms
}

// repairMachinesState also returns every party's state.
func repairMachinesState(t testing.TB, keys shares, helpers []transport.PartyID, lost transport.PartyID) (map[transport.PartyID]transport.Machine[*dkg.KeyShare], map[transport.PartyID]*repair) {
	t.Helper()
	pub := PublicOf(keys[helpers[0]])
	sid, err := RepairSessionID(pub, helpers, lost, newNonce(t))
	require.NoError(t, err)
	ms := map[transport.PartyID]transport.Machine[*dkg.KeyShare]{}
	states := map[transport.PartyID]*repair{}
	for _, h := range helpers {
		m, st, err := newRepair(RepairConfig{Self: h, Share: keys[h], Helpers: helpers, Lost: lost, SessionID: sid})
		require.NoError(t, err)
		ms[h], states[h] = m, st
	}
	m, st, err := newRepair(RepairConfig{Self: lost, Public: pub, Helpers: helpers, Lost: lost, SessionID: sid})
	require.NoError(t, err)
	ms[lost], states[lost] = m, st
	return ms, states
}

func TestRepairMachine(t *testing.T) {
	for _, c := range curves {
		for _, helpers := range [][]transport.PartyID{pids(1, 3, 4), pids(3, 4, 5), pids(1, 3, 4, 5)} {
			t.Run(fmt.Sprintf("%s/3-of-5/%v-repair-2", c.Name(), helpers), func(t *testing.T) {
				keys := dealtKeys(t, c, 3, partyIDs(5))
				before := snapshot(t, keys)
				res, errs := run(t, union(helpers, pids(2)), repairMachines(t, keys, helpers, 2), nil)
				require.Empty(t, errs)
				requireUnchanged(t, keys, before)
				for _, h := range helpers {
					require.Nil(t, res[h], "helper %d learns no share", h)
				}
				requireRepaired(t, keys[2], res[2])
			})
		}
	}
}

func TestRepairAfterRefresh(t *testing.T) {
	c := curve.Secp256k1()
	keys := runRefresh(t, dkgKeys(t, c, 2, partyIDs(3)))
	res, errs := run(t, partyIDs(3), repairMachines(t, keys, pids(1, 3), 2), nil)
	require.Empty(t, errs)
	requireRepaired(t, keys[2], res[2])
}

func TestRepairSetRejects(t *testing.T) {
	c := curve.Edwards25519()
	keys := dealtKeys(t, c, 3, partyIDs(5))
	pub := PublicOf(keys[1])
	bad := pub.Clone()
	bad.Threshold = 2
	cases := map[string]struct {
		pub     *Public
		helpers []transport.PartyID
		lost    transport.PartyID
	}{
		"no public":           {nil, pids(1, 3, 4), 2},
		"inconsistent public": {bad, pids(1, 3, 4), 2},
		"too few helpers":     {pub, pids(1, 3), 2},
		"helper is lost":      {pub, pids(1, 2, 3), 2},
		"stranger helper":     {pub, pids(1, 3, 9), 2},
		"stranger lost":       {pub, pids(1, 3, 4), 9},
		"duplicate helper":    {pub, pids(1, 3, 3, 4), 2},
		"helper 0":            {pub, pids(0, 1, 3, 4), 2},
	}
	for name, tc := range cases {
		_, err := NewRepairSet(tc.pub, tc.helpers, tc.lost)
		require.ErrorIs(t, err, ErrConfig, name)
	}

	set, err := NewRepairSet(pub, pids(1, 3, 4), 2)
	require.NoError(t, err)
	require.Equal(t, pids(1, 3, 4), set.Helpers())
	require.Equal(t, transport.PartyID(2), set.Lost())
	require.True(t, set.Public().Equal(pub))
	_, err = RepairStep1(set, keys[5], nil)
	require.ErrorIs(t, err, ErrConfig, "not a helper")
	_, err = RepairStep1(set, nil, nil)
	require.ErrorIs(t, err, ErrConfig)
	other := dealtKeys(t, c, 3, partyIDs(5))
	_, err = RepairStep1(set, other[1], nil)
	require.ErrorIs(t, err, ErrConfig, "share of another key")
	_, err = RepairStep2(set, 5, nil, nil)
	require.ErrorIs(t, err, ErrConfig, "not a helper")
	_, err = RepairStep2(set, 1, nil, nil)
	require.ErrorIs(t, err, ErrConfig, "missing values")
	_, err = RepairStep3(set, nil, nil)
	require.ErrorIs(t, err, ErrConfig, "missing values")

	sid := []byte("sid")
	rc := map[string]RepairConfig{
		"lost party with a share": {Self: 2, Share: keys[2], Public: pub, Helpers: pids(1, 3, 4), Lost: 2, SessionID: sid},
		"lost party without data": {Self: 2, Helpers: pids(1, 3, 4), Lost: 2, SessionID: sid},
		"helper without a share":  {Self: 1, Helpers: pids(1, 3, 4), Lost: 2, SessionID: sid},
		"helper with another key": {Self: 1, Share: keys[1], Public: PublicOf(other[1]), Helpers: pids(1, 3, 4), Lost: 2, SessionID: sid},
		"share of another party":  {Self: 1, Share: keys[3], Helpers: pids(1, 3, 4), Lost: 2, SessionID: sid},
		"bystander":               {Self: 5, Share: keys[5], Helpers: pids(1, 3, 4), Lost: 2, SessionID: sid},
		"no session":              {Self: 1, Share: keys[1], Helpers: pids(1, 3, 4), Lost: 2},
	}
	for name, cfg := range rc {
		_, err := NewRepair(cfg)
		require.ErrorIs(t, err, ErrConfig, name)
	}
}
