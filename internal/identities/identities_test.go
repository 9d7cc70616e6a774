package identities_test

import (
	"bytes"
	"crypto/ed25519"
	"encoding/binary"
	"maps"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/mosaic-mpc/mosaic/internal/identities"
	"github.com/mosaic-mpc/mosaic/transport"
)

type record = map[transport.PartyID]ed25519.PublicKey

func keys(parties ...transport.PartyID) (map[transport.PartyID]ed25519.PrivateKey, record) {
	priv := map[transport.PartyID]ed25519.PrivateKey{}
	pub := record{}
	for _, p := range parties {
		seed := make([]byte, ed25519.SeedSize)
		binary.BigEndian.PutUint32(seed, uint32(p))
		priv[p] = ed25519.NewKeyFromSeed(seed)
		pub[p] = priv[p].Public().(ed25519.PublicKey)
	}
	return priv, pub
}

// Bad keys, each 32 bytes: y = 0 (a point of order 4), y = p (the same
// point, non-canonical), y = 1 (the identity) and y = 2 (off the curve).
var badKeys = map[string]ed25519.PublicKey{
	"small order":   make([]byte, 32),
	"non-canonical": append(append([]byte{0xed}, bytes.Repeat([]byte{0xff}, 30)...), 0x7f),
	"identity":      append([]byte{1}, make([]byte, 31)...),
	"off the curve": append([]byte{2}, make([]byte, 31)...),
	"short":         make([]byte, 31),
	"long":          make([]byte, 33),
}

func TestCheckKey(t *testing.T) {
	_, pub := keys(1)
	require.NoError(t, identities.CheckKey(pub[1]))
	for name, k := range badKeys {
		require.ErrorIs(t, identities.CheckKey(k), identities.ErrKey, name)
	}
}

func TestValidate(t *testing.T) {
	parties := []transport.PartyID{1, 2, 3}
	_, good := keys(1, 2, 3)
	_, four := keys(1, 2, 3, 4)
	_, other := keys(1, 2, 4)
	cases := []struct {
		name string
		rec  record
		ok   bool
	}{
		{"nil", nil, true},
		{"one per party", good, true},
		{"empty", record{}, false},
		{"missing", record{1: good[1], 2: good[2]}, false},
		{"extra", four, false},
		{"other party", other, false},
		{"small order", record{1: good[1], 2: good[2], 3: badKeys["small order"]}, false},
		{"non-canonical", record{1: badKeys["non-canonical"], 2: good[2], 3: good[3]}, false},
	}
	for _, tc := range cases {
		err := identities.Validate(tc.rec, parties)
		if tc.ok {
			require.NoError(t, err, tc.name)
		} else {
			require.ErrorIs(t, err, identities.ErrKey, tc.name)
		}
	}
}

// Append writes the keys in party order and Decode reads them back,
// refusing any other length and any bad key.
func TestAppendDecode(t *testing.T) {
	parties := []transport.PartyID{2, 5, 9}
	_, rec := keys(parties...)
	b := identities.Append([]byte{0xaa}, rec, parties)
	require.Equal(t, append(append(append([]byte{0xaa}, rec[2]...), rec[5]...), rec[9]...), b)
	got, err := identities.Decode(b[1:], parties)
	require.NoError(t, err)
	require.True(t, identities.Equal(rec, got))
	b[1] ^= 1
	require.Equal(t, byte(0xaa), b[0])
	require.False(t, bytes.Equal(got[2], b[1:33]), "Decode keeps no reference to its input")

	for _, n := range []int{0, 1, 95, 97} {
		_, err := identities.Decode(make([]byte, n), parties)
		require.ErrorIs(t, err, identities.ErrKey, "%d bytes", n)
	}
	for name, k := range badKeys {
		if len(k) != identities.KeySize {
			continue
		}
		bad := identities.Append(nil, record{2: rec[2], 5: k, 9: rec[9]}, parties)
		_, err := identities.Decode(bad, parties)
		require.ErrorIs(t, err, identities.ErrKey, name)
	}
	_, err = identities.Decode(identities.Append(nil, rec, []transport.PartyID{2, 2, 9}), []transport.PartyID{2, 2, 9})
	require.ErrorIs(t, err, identities.ErrKey, "a party listed twice")
}

func FuzzDecode(f *testing.F) {
	parties := []transport.PartyID{1, 2}
	_, rec := keys(parties...)
	f.Add(identities.Append(nil, rec, parties))
	f.Fuzz(func(t *testing.T, b []byte) {
		got, err := identities.Decode(b, parties)
		if err != nil {
			require.ErrorIs(t, err, identities.ErrKey)
			return
		}
		require.NoError(t, identities.Validate(got, parties))
		require.Equal(t, b, identities.Append(nil, got, parties))
	})
}

func TestCloneEqualRestrict(t *testing.T) {
	_, rec := keys(1, 2, 3)
	require.Nil(t, identities.Clone(nil))
	c := identities.Clone(rec)
	require.True(t, identities.Equal(rec, c))
	c[1][0] ^= 1
	require.False(t, identities.Equal(rec, c), "Clone copies the keys")
	require.True(t, identities.Equal(nil, nil))
	require.False(t, identities.Equal(nil, record{}), "no record differs from an empty one")
	require.False(t, identities.Equal(rec, identities.Restrict(rec, []transport.PartyID{1, 2})))

	sub := identities.Restrict(rec, []transport.PartyID{1, 3})
	require.Equal(t, record{1: rec[1], 3: rec[3]}, sub)
	require.Nil(t, identities.Restrict(rec, []transport.PartyID{1, 4}), "a record holds every party or none")
	require.Nil(t, identities.Restrict(nil, []transport.PartyID{1}))
}

// ForRun copies the caller's identity, narrowed to the run's parties and
// with the protocol's MaxFaulty unless the caller chose one; a party
// without a valid key is refused.
func TestForRun(t *testing.T) {
	priv, pub := keys(1, 2, 3, 4)
	id := &transport.Identity{Key: priv[1], Peers: pub}
	before := identities.Clone(pub)

	run, err := identities.ForRun(id, []transport.PartyID{1, 2, 3}, 1)
	require.NoError(t, err)
	require.Equal(t, record{1: pub[1], 2: pub[2], 3: pub[3]}, run.Peers)
	require.Equal(t, 1, run.MaxFaulty)
	require.Equal(t, before, id.Peers, "the caller's Peers are untouched")
	require.Zero(t, id.MaxFaulty, "the caller's MaxFaulty is untouched")
	run.Peers[1][0] ^= 1
	require.Equal(t, before[1], pub[1], "the run's keys are copies")

	id.MaxFaulty = 2
	run, err = identities.ForRun(id, []transport.PartyID{1, 2, 3}, 1)
	require.NoError(t, err)
	require.Equal(t, 2, run.MaxFaulty, "the caller's choice stands")

	run, err = identities.ForRun(nil, []transport.PartyID{1, 2}, 1)
	require.NoError(t, err)
	require.Nil(t, run)

	_, err = identities.ForRun(id, []transport.PartyID{1, 5}, 1)
	require.ErrorIs(t, err, transport.ErrIdentity)
	bad := &transport.Identity{Key: priv[1], Peers: record{1: pub[1], 2: badKeys["small order"]}}
	_, err = identities.ForRun(bad, []transport.PartyID{1, 2}, 1)
	require.ErrorIs(t, err, transport.ErrIdentity)
	require.ErrorIs(t, err, identities.ErrKey)
}

func TestAgree(t *testing.T) {
	_, pub := keys(1, 2, 3, 4)
	_, other := keys(11, 12)
	run := []transport.PartyID{1, 2, 4}
	rec := record{1: pub[1], 2: pub[2], 3: pub[3]}
	require.NoError(t, identities.Agree(pub, rec, run), "party 4 is not in the record, party 3 not in the run")
	require.NoError(t, identities.Agree(pub, nil, run))
	require.NoError(t, identities.Agree(nil, rec, run))
	lying := maps.Clone(pub)
	lying[2] = other[12]
	require.ErrorIs(t, identities.Agree(lying, rec, run), transport.ErrIdentity)
	missing := maps.Clone(pub)
	delete(missing, 1)
	require.ErrorIs(t, identities.Agree(missing, rec, run), transport.ErrIdentity)
}

func TestForKey(t *testing.T) {
	priv, pub := keys(1, 2, 3)
	_, other := keys(12)
	parties := []transport.PartyID{1, 2, 3}
	rec := record{1: pub[1], 2: pub[2], 3: pub[3]}
	id := &transport.Identity{Key: priv[1], Peers: pub}

	run, err := identities.ForKey(id, parties, 1, rec)
	require.NoError(t, err)
	require.Equal(t, 1, run.MaxFaulty)

	run, err = identities.ForKey(nil, parties, 1, rec)
	require.NoError(t, err)
	require.Nil(t, run, "no identity, no signed run")

	lying := maps.Clone(pub)
	lying[2] = other[12]
	_, err = identities.ForKey(&transport.Identity{Key: priv[1], Peers: lying}, parties, 1, rec)
	require.ErrorIs(t, err, transport.ErrIdentity, "a run signed with other keys than the key's record")
}
