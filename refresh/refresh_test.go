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

// refreshMachines builds one refresh machine per share, all on one session.
func refreshMachines(t testing.TB, old shares) map[transport.PartyID]transport.Machine[*dkg.KeyShare] {
	t.Helper()
	ms, _ := refreshMachinesState(t, old)
	return ms
}

// refreshMachinesState also returns every party's state, for tests that
// make a party lie consistently.
func refreshMachinesState(t testing.TB, old shares) (map[transport.PartyID]transport.Machine[*dkg.KeyShare], map[transport.PartyID]*dealing) {
	t.Helper()
	var any *dkg.KeyShare
	for _, ks := range old {
		any = ks
		break
	}
	sid, err := SessionID(PublicOf(any), newNonce(t))
	require.NoError(t, err)
	ms := map[transport.PartyID]transport.Machine[*dkg.KeyShare]{}
	states := map[transport.PartyID]*dealing{}
	for id, ks := range old {
		m, st, err := newRefresh(Config{Share: ks, SessionID: sid})
		require.NoError(t, err)
		ms[id], states[id] = m, st
	}
	return ms, states
}

func runRefresh(t *testing.T, old shares) shares {
	t.Helper()
	out, errs := run(t, old[1].Parties, refreshMachines(t, old), nil)
	require.Empty(t, errs)
	require.Len(t, out, len(old))
	return out
}

func TestRefresh(t *testing.T) {
	cases := []struct{ t, n int }{{2, 3}, {3, 5}, {1, 2}, {2, 2}}
	if !testing.Short() {
		cases = append(cases, struct{ t, n int }{5, 9})
	}
	for _, c := range curves {
		for _, tc := range cases {
			t.Run(fmt.Sprintf("%s/%d-of-%d", c.Name(), tc.t, tc.n), func(t *testing.T) {
				old := dealtKeys(t, c, tc.t, partyIDs(tc.n))
				before := snapshot(t, old)
				gk := old[1].GroupKey
				out := runRefresh(t, old)
				requireUnchanged(t, old, before)
				requireSameKey(t, out, gk, tc.t)
				for id, ks := range out {
					require.Equal(t, old[id].Parties, ks.Parties)
					require.Equal(t, id, ks.Self)
					if tc.t > 1 {
						require.False(t, ks.Secret.Equal(old[id].Secret), "party %d: share unchanged", id)
						require.False(t, ks.PublicShares[id].Equal(old[id].PublicShares[id]))
					}
				}
				if tc.t > 1 {
					requireMixesFail(t, old, out)
				}
			})
		}
	}
}

// requireMixesFail checks that t-1 new shares with one old share (every
// choice of the old one) do not reconstruct the key, while the t new
// shares of the same parties do.
func requireMixesFail(t *testing.T, old, out shares) {
	t.Helper()
	th := out[1].Threshold
	ids := out[1].Parties[:th]
	c := out[1].Curve
	gk := out[1].GroupKey
	require.True(t, c.ScalarBaseMult(reconstruct(t, pick(out, ids)...)).Equal(gk))
	for k := range ids {
		mix := pick(out, ids)
		mix[k] = old[ids[k]]
		got := reconstruct(t, mix...)
		require.False(t, c.ScalarBaseMult(got).Equal(gk), "old share of %d mixed with new ones", ids[k])
	}
}

func TestRefreshRepeatedOnDKGKey(t *testing.T) {
	for _, c := range curves {
		t.Run(c.Name(), func(t *testing.T) {
			old := dkgKeys(t, c, 2, partyIDs(3))
			gk := old[1].GroupKey
			cur := old
			for range 3 {
				cur = runRefresh(t, cur)
				requireSameKey(t, cur, gk, 2)
			}
			requireMixesFail(t, old, cur)
			// the refreshed share keeps its binary format
			b, err := cur[2].MarshalBinary()
			require.NoError(t, err)
			var back dkg.KeyShare
			require.NoError(t, back.UnmarshalBinary(b))
			require.True(t, back.Secret.Equal(cur[2].Secret))
		})
	}
}

func TestRefreshKeepsChainCode(t *testing.T) {
	c := curve.Secp256k1()
	old := dealtKeys(t, c, 2, partyIDs(3))
	cc := make([]byte, dkg.ChainCodeSize)
	_, err := rand.Read(cc)
	require.NoError(t, err)
	for _, ks := range old {
		ks.ChainCode = append([]byte(nil), cc...)
	}
	for _, ks := range runRefresh(t, old) {
		require.Equal(t, cc, ks.ChainCode)
	}
}

func TestRefreshRefusesStrangers(t *testing.T) {
	c := curve.Edwards25519()
	old := dealtKeys(t, c, 2, partyIDs(3))
	ms := refreshMachines(t, old)
	msgs, err := startAll(ms)
	require.NoError(t, err)
	// A party outside the key's party list (9) sends party 1 a copy of
	// party 2's broadcast as its own: refused, and the run goes on.
	var forged *transport.Message
	for _, m := range msgs {
		if m.From == 2 && m.Broadcast() {
			forged = m.Clone()
		}
	}
	forged.From = 9
	_, err = ms[1].Deliver(forged)
	var me *transport.MessageError
	require.ErrorAs(t, err, &me)
	require.ErrorIs(t, err, transport.ErrUnknownSender)
	require.NoError(t, lockstep(ms, msgs))
	out := shares{}
	for id, m := range ms {
		ks, err := m.Result()
		require.NoError(t, err)
		out[id] = ks
	}
	requireSameKey(t, out, old[1].GroupKey, 2)
}

func TestRefreshConfigRejects(t *testing.T) {
	c := curve.Secp256k1()
	old := dealtKeys(t, c, 2, partyIDs(3))
	broken := old[1].Clone()
	broken.Secret = c.ScalarFromUint64(5)
	solo := dealtKeys(t, c, 1, partyIDs(1))
	sid := []byte("sid")
	cases := map[string]Config{
		"no share":     {SessionID: sid},
		"invalid":      {Share: broken, SessionID: sid},
		"single party": {Share: solo[1], SessionID: sid},
		"no session":   {Share: old[1]},
	}
	for name, cfg := range cases {
		_, err := New(cfg)
		require.ErrorIs(t, err, ErrConfig, name)
	}
}

func TestSessionIDs(t *testing.T) {
	c := curve.Secp256k1()
	a := PublicOf(dealtKeys(t, c, 2, partyIDs(3))[1])
	b := PublicOf(dealtKeys(t, c, 2, partyIDs(3))[1])
	nonce := newNonce(t)
	ids := map[string][]byte{}
	add := func(name string, sid []byte, err error) {
		t.Helper()
		require.NoError(t, err, name)
		for other, s := range ids {
			require.NotEqual(t, s, sid, "%s and %s", name, other)
		}
		ids[name] = sid
	}
	sid, err := SessionID(a, nonce)
	add("refresh", sid, err)
	again, err := SessionID(a, nonce)
	require.NoError(t, err)
	require.Equal(t, sid, again, "deterministic")
	sid, err = SessionID(b, nonce)
	add("refresh of another key", sid, err)
	sid, err = SessionID(a, newNonce(t))
	add("refresh with another nonce", sid, err)
	sid, err = RepairSessionID(a, pids(1, 3), 2, nonce)
	add("repair", sid, err)
	sid, err = RepairSessionID(a, pids(1, 2), 3, nonce)
	add("repair of 3", sid, err)
	sid, err = ReshareSessionID(a, pids(1, 2), partyIDs(5), 3, nonce)
	add("reshare", sid, err)
	sid, err = ReshareSessionID(a, pids(1, 2), partyIDs(5), 2, nonce)
	add("reshare to t=2", sid, err)
	dk, err := dkg.SessionID(dkg.Protocol, c, a.Parties, 2, nonce)
	add("dkg", dk, err)

	_, err = SessionID(a, make([]byte, NonceSize-1))
	require.ErrorIs(t, err, ErrConfig)
	_, err = SessionID(nil, nonce)
	require.ErrorIs(t, err, ErrConfig)
	_, err = RepairSessionID(a, pids(1, 1), 2, nonce)
	require.ErrorIs(t, err, ErrConfig)
	_, err = ReshareSessionID(a, pids(1, 2), partyIDs(3), 0, nonce)
	require.ErrorIs(t, err, ErrConfig)
}
