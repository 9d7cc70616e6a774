package refresh

import (
	"crypto/ed25519"
	"maps"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/mosaic-mpc/mosaic/dkg"
	"github.com/mosaic-mpc/mosaic/internal/agreementtest"
	"github.com/mosaic-mpc/mosaic/transport"
)

// Public data with identities encodes in format version 2, version 1's
// layout followed by the keys in party order; without them it keeps its
// version-1 bytes. Equal and Clone cover the record.
func TestPublicIdentities(t *testing.T) {
	for _, c := range curves {
		t.Run(c.Name(), func(t *testing.T) {
			plain := PublicOf(dealtKeys(t, c, 2, partyIDs(3))[1])
			v1, err := plain.MarshalBinary()
			require.NoError(t, err)
			require.Equal(t, byte(1), v1[0])

			pub := plain.Clone()
			_, pub.Identities = agreementtest.IdentityKeys(pub.Parties)
			b, err := pub.MarshalBinary()
			require.NoError(t, err)
			require.Equal(t, byte(2), b[0])
			var keys []byte
			for _, p := range pub.Parties {
				keys = append(keys, pub.Identities[p]...)
			}
			require.Equal(t, append(v1[1:], keys...), b[1:], "version 2 is version 1's layout and the keys")

			var back Public
			require.NoError(t, back.UnmarshalBinary(b))
			require.True(t, back.Equal(pub))
			require.Equal(t, pub.Identities, back.Identities)
			for i := range len(b) {
				require.Error(t, new(Public).UnmarshalBinary(b[:i]), "truncated at %d", i)
			}
			require.ErrorIs(t, new(Public).UnmarshalBinary(append([]byte{2}, v1[1:]...)), ErrPublicFormat)
			require.ErrorIs(t, new(Public).UnmarshalBinary(append([]byte{1}, b[1:]...)), ErrPublicFormat)
			small := append([]byte(nil), b...)
			clear(small[len(small)-ed25519.PublicKeySize:]) // y = 0: a point of order 4
			require.ErrorIs(t, new(Public).UnmarshalBinary(small), ErrPublicFormat)

			require.False(t, pub.Equal(plain), "a record differs from none")
			require.False(t, plain.Equal(pub))
			other := pub.Clone()
			_, stranger := agreementtest.IdentityKeys(pids(9))
			other.Identities[2] = stranger[9]
			require.False(t, pub.Equal(other), "another key")
			require.True(t, pub.Clone().Equal(pub))
			cl := pub.Clone()
			cl.Identities[1][0] ^= 1
			require.NotEqual(t, cl.Identities[1], pub.Identities[1], "Clone shares a key with the original")

			bad := pub.Clone()
			delete(bad.Identities, 3)
			require.ErrorIs(t, bad.Validate(), ErrPublicInconsistent)
			_, err = bad.MarshalBinary()
			require.ErrorIs(t, err, ErrPublicInconsistent)

			ks := dealtKeys(t, c, 2, partyIDs(3))[2]
			ks.Identities = pub.Identities
			require.Equal(t, pub.Identities, PublicOf(ks).Identities)
			require.Equal(t, pub.Identities, pub.keyShare(2, ks.Secret).Identities)
		})
	}
}

// A run given an Identity on a key with a record must be signed with the
// record's keys; any other key of a party of the run is ErrConfig. Keys of
// parties outside the run are left out, and a party the record does not
// know (one joining a resharing) brings its own.
func TestIdentityMustMatchRecord(t *testing.T) {
	old := withRecord(dealtKeys(t, curve.Secp256k1(), 2, partyIDs(3)))
	pub := PublicOf(old[1])
	keys, pubs := agreementtest.IdentityKeys(pids(1, 2, 3, 4, 99))
	_, stranger := agreementtest.IdentityKeys(pids(50))
	lying := maps.Clone(pubs)
	lying[2] = stranger[50] // party 2's key, not the record's
	id := func(self transport.PartyID, peers map[transport.PartyID]ed25519.PublicKey) *transport.Identity {
		return &transport.Identity{Key: keys[self], Peers: peers}
	}
	sid := agreementSID
	for name, peers := range map[string]map[transport.PartyID]ed25519.PublicKey{"record": pubs, "other key": lying} {
		t.Run(name, func(t *testing.T) {
			check := func(err error) {
				t.Helper()
				if name == "record" {
					require.NoError(t, err)
					return
				}
				require.ErrorIs(t, err, ErrConfig)
				require.ErrorIs(t, err, transport.ErrIdentity)
			}
			_, err := New(Config{Share: old[1], SessionID: sid, Identity: id(1, peers)})
			check(err)
			// Party 4 joins: the record does not know it, its own key is
			// taken from Peers; party 2's must be the record's.
			_, err = NewReshare(ReshareConfig{Self: 4, Old: pub, Dealers: pids(1, 2), NewParties: pids(2, 4), NewThreshold: 2, SessionID: sid, Identity: id(4, peers)})
			check(err)
			_, err = NewRepair(RepairConfig{Self: 3, Public: pub, Helpers: pids(1, 2), Lost: 3, SessionID: sid, Identity: id(3, peers)})
			check(err)
		})
	}
	// A key without a record takes any keys.
	plain := dealtKeys(t, curve.Secp256k1(), 2, partyIDs(3))
	_, err := New(Config{Share: plain[1], SessionID: sid, Identity: id(1, lying)})
	require.NoError(t, err)
	// A party of the run without a key, or with a bad one, is ErrConfig.
	missing := maps.Clone(pubs)
	delete(missing, 3)
	_, err = New(Config{Share: old[1], SessionID: sid, Identity: id(1, missing)})
	require.ErrorIs(t, err, ErrConfig)
	require.ErrorIs(t, err, transport.ErrIdentity)
	weak := maps.Clone(pubs)
	weak[3] = make(ed25519.PublicKey, ed25519.PublicKeySize) // a point of order 4
	_, err = NewRepair(RepairConfig{Self: 1, Share: old[1], Helpers: pids(1, 2), Lost: 3, SessionID: sid, Identity: id(1, weak)})
	require.ErrorIs(t, err, ErrConfig)
	require.ErrorIs(t, err, transport.ErrIdentity)
}

// runSigned runs sc with every party signing, nobody malicious, and
// returns the results.
func runSigned(t *testing.T, sc scenario) shares {
	t.Helper()
	o := sc.simulate(t, nil)
	require.Empty(t, o.Errs)
	return o.Results
}

// runUnsigned runs sc without identities.
func runUnsigned(t *testing.T, sc scenario) shares {
	t.Helper()
	ms := sc.build(t, func(transport.PartyID) *transport.Identity { return nil })
	o, err := agreementtest.Run(&agreementtest.Net[*dkg.KeyShare]{Machines: ms})
	require.NoError(t, err)
	require.Empty(t, o.Errs)
	return o.Results
}

// The record of identity keys follows the key: a refresh keeps it (and a
// signed refresh gives a key without one the run's keys), a resharing
// records the new committee's keys from its Identity (or keeps the old
// record's when it knows every new party), and a repaired share has the
// key's record.
func TestIdentitiesFollowTheKey(t *testing.T) {
	c := curve.Edwards25519()
	plain := dealtKeys(t, c, 2, partyIDs(3))
	old := withRecord(plain)
	_, pubs := agreementtest.IdentityKeys(pids(1, 2, 3, 4))
	record := func(ids ...uint32) map[transport.PartyID]ed25519.PublicKey {
		out := map[transport.PartyID]ed25519.PublicKey{}
		for _, p := range pids(ids...) {
			out[p] = pubs[p]
		}
		return out
	}
	requireRecord := func(t *testing.T, out shares, want map[transport.PartyID]ed25519.PublicKey) {
		t.Helper()
		require.NotEmpty(t, out)
		for p, ks := range out {
			if ks == nil {
				continue
			}
			require.NoError(t, ks.Validate(), "party %d", p)
			require.Equal(t, want, ks.Identities, "party %d", p)
		}
	}
	cases := []struct {
		name   string
		sc     scenario
		signed bool
		want   map[transport.PartyID]ed25519.PublicKey
	}{
		{"signed refresh keeps the record", refreshScenario(old), true, record(1, 2, 3)},
		{"unsigned refresh keeps the record", refreshScenario(old), false, record(1, 2, 3)},
		{"signed refresh records the run's keys", refreshScenario(plain), true, record(1, 2, 3)},
		{"unsigned refresh of a key without a record", refreshScenario(plain), false, nil},
		{"signed resharing records the new committee", reshareScenario(old, nil, pids(1, 2), pids(2, 3, 4), 2), true, record(2, 3, 4)},
		{"unsigned resharing to known parties keeps their keys", reshareScenario(old, nil, pids(1, 2), pids(2, 3), 2), false, record(2, 3)},
		{"unsigned resharing to a new party records none", reshareScenario(old, nil, pids(1, 2), pids(2, 3, 4), 2), false, nil},
		{"signed repair keeps the record", repairScenario(old, nil, pids(1, 3), 2), true, record(1, 2, 3)},
		{"unsigned repair keeps the record", repairScenario(old, nil, pids(1, 3), 2), false, record(1, 2, 3)},
		{"signed repair of a key without a record", repairScenario(plain, nil, pids(1, 3), 2), true, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if tc.signed {
				requireRecord(t, runSigned(t, tc.sc), tc.want)
			} else {
				requireRecord(t, runUnsigned(t, tc.sc), tc.want)
			}
		})
	}
}
