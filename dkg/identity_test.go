package dkg

import (
	"bytes"
	"crypto/ed25519"
	"maps"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/mosaic-mpc/mosaic/internal/agreementtest"
	"github.com/mosaic-mpc/mosaic/transport"
	"github.com/mosaic-mpc/mosaic/transport/memnet"
)

// smallOrderKey is an Ed25519 point of order 4 (y = 0, x = sqrt(-1)): a
// well-formed 32-byte key under which signatures prove nothing.
var smallOrderKey = ed25519.PublicKey(append(make([]byte, 31), 0x80)[:32])

// nonCanonicalKey encodes y = p = 2^255-19, which reads as y = 0: the
// point of smallOrderKey written another way.
var nonCanonicalKey = ed25519.PublicKey{0xed, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
	0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f}

// signedShares runs a 2-of-3 key generation with identities on c.
func signedShares(t testing.TB, c curve.Curve) map[transport.PartyID]*KeyShare {
	t.Helper()
	ms, keys := signedDKG{c: c, t: 2, parties: partyIDs(3)}.machines(t)
	o, err := agreementtest.Run(&agreementtest.Net[*KeyShare]{Machines: ms, Keys: keys})
	require.NoError(t, err)
	require.Empty(t, o.Errs)
	return o.Results
}

// A share with identities encodes in format version 2, version 1's layout
// followed by the keys in party order, and decodes to the same share; the
// same share without identities keeps its version-1 bytes.
func TestKeyShareIdentitiesEncoding(t *testing.T) {
	for _, c := range []curve.Curve{curve.Secp256k1(), curve.Edwards25519()} {
		t.Run(c.Name(), func(t *testing.T) {
			ks := signedShares(t, c)[2]
			_, pubs := agreementtest.IdentityKeys(ks.Parties)
			require.Equal(t, pubs, ks.Identities)
			b, err := ks.MarshalBinary()
			require.NoError(t, err)
			require.Equal(t, byte(2), b[0])

			plain := ks.Clone()
			plain.Identities = nil
			v1, err := plain.MarshalBinary()
			require.NoError(t, err)
			require.Equal(t, byte(1), v1[0])
			var keys []byte
			for _, p := range ks.Parties {
				keys = append(keys, pubs[p]...)
			}
			require.Equal(t, append(v1[1:], keys...), b[1:], "version 2 is version 1's layout and the keys")

			var back KeyShare
			require.NoError(t, back.UnmarshalBinary(b))
			require.Equal(t, ks.Identities, back.Identities)
			again, err := back.MarshalBinary()
			require.NoError(t, err)
			require.Equal(t, b, again)
			require.Equal(t, ks.publicRecord(), back.publicRecord())

			for i := range len(b) {
				require.Error(t, new(KeyShare).UnmarshalBinary(b[:i]), "truncated at %d", i)
			}
			// The version byte decides the layout: either version with the
			// other's body is refused.
			require.ErrorIs(t, new(KeyShare).UnmarshalBinary(append([]byte{2}, v1[1:]...)), ErrKeyShareFormat)
			require.ErrorIs(t, new(KeyShare).UnmarshalBinary(append([]byte{1}, b[1:]...)), ErrKeyShareFormat)
		})
	}
}

// Every identity key is validated on decode: a key that is not the
// canonical encoding of a point of prime order is refused, wherever it
// stands.
func TestKeyShareIdentitiesRefusedOnDecode(t *testing.T) {
	ks := signedShares(t, curve.Secp256k1())[1]
	b, err := ks.MarshalBinary()
	require.NoError(t, err)
	n := len(ks.Parties)
	bad := map[string]ed25519.PublicKey{
		"small order":   smallOrderKey,
		"non-canonical": nonCanonicalKey,
		"identity":      append(ed25519.PublicKey{1}, make([]byte, 31)...),
		"off the curve": {2}, // y = 2: no x fits
	}
	for name, key := range bad {
		for slot := range n {
			mod := bytes.Clone(b)
			at := len(b) - ed25519.PublicKeySize*(n-slot)
			copy(mod[at:at+ed25519.PublicKeySize], append(key, make([]byte, ed25519.PublicKeySize-len(key))...))
			if bytes.Equal(mod, b) {
				continue
			}
			require.ErrorIs(t, new(KeyShare).UnmarshalBinary(mod), ErrKeyShareFormat, "%s key of party %d", name, ks.Parties[slot])
		}
	}
}

// Validate refuses a record that is not one valid key per party, and
// Clone copies the record deeply.
func TestKeyShareIdentitiesValidate(t *testing.T) {
	ks := signedShares(t, curve.Edwards25519())[3]
	_, stranger := agreementtest.IdentityKeys([]transport.PartyID{9})
	type record = map[transport.PartyID]ed25519.PublicKey
	cases := map[string]func(record) record{
		"empty":         func(record) record { return record{} },
		"missing party": func(m record) record { delete(m, 2); return m },
		"extra party":   func(m record) record { m[9] = stranger[9]; return m },
		"other party":   func(m record) record { delete(m, 2); m[9] = stranger[9]; return m },
		"short key":     func(m record) record { m[1] = m[1][:31]; return m },
		"small order":   func(m record) record { m[1] = smallOrderKey; return m },
		"non-canonical": func(m record) record { m[3] = nonCanonicalKey; return m },
	}
	for name, edit := range cases {
		t.Run(name, func(t *testing.T) {
			bad := ks.Clone()
			bad.Identities = edit(bad.Identities)
			require.ErrorIs(t, bad.Validate(), ErrKeyShareInconsistent)
			_, err := bad.MarshalBinary()
			require.ErrorIs(t, err, ErrKeyShareInconsistent)
			require.NoError(t, ks.Validate(), "the original is untouched")
		})
	}
	c := ks.Clone()
	c.Identities[1][0] ^= 1
	require.NotEqual(t, c.Identities[1], ks.Identities[1], "Clone shares a key with the original")
}

// New checks the Identity: every party must have a valid key, and the
// private key must be Self's; Peers may hold keys of others, which are
// left out. The caller's Identity is never changed.
func TestConfigIdentity(t *testing.T) {
	c := curve.Secp256k1()
	ids := partyIDs(3)
	keys, pubs := agreementtest.IdentityKeys(append(partyIDs(3), 7))
	cfg := func(edit func(*transport.Identity)) Config {
		id := &transport.Identity{Key: keys[1], Peers: maps.Clone(pubs)}
		delete(id.Peers, 7)
		edit(id)
		return Config{Curve: c, Threshold: 2, Parties: ids, Self: 1, SessionID: []byte("sid"), Identity: id}
	}
	refused := map[string]func(*transport.Identity){
		"missing key":   func(id *transport.Identity) { delete(id.Peers, 3) },
		"small order":   func(id *transport.Identity) { id.Peers[2] = smallOrderKey },
		"non-canonical": func(id *transport.Identity) { id.Peers[2] = nonCanonicalKey },
		"other key":     func(id *transport.Identity) { id.Key = keys[2] },
		"no key":        func(id *transport.Identity) { id.Key = nil },
		"max faulty":    func(id *transport.Identity) { id.MaxFaulty = 3 },
	}
	for name, edit := range refused {
		t.Run(name, func(t *testing.T) {
			_, err := New(cfg(edit))
			require.ErrorIs(t, err, ErrConfig)
			require.ErrorIs(t, err, transport.ErrIdentity)
		})
	}
	good := cfg(func(id *transport.Identity) { id.Peers[7] = pubs[7] })
	_, err := New(good)
	require.NoError(t, err, "keys of other parties are left out")
	require.Len(t, good.Identity.Peers, 4, "the caller's Peers are untouched")
	require.Zero(t, good.Identity.MaxFaulty, "the caller's MaxFaulty is untouched")
}

// A 1-of-1 key with an identity finishes in Start, with its record; a key
// made without identities has none.
func TestIdentitiesRecorded(t *testing.T) {
	keys, pubs := agreementtest.IdentityKeys(partyIDs(1))
	m, err := New(Config{Curve: curve.Edwards25519(), Threshold: 1, Parties: partyIDs(1), Self: 1, SessionID: []byte("sid"),
		Identity: &transport.Identity{Key: keys[1], Peers: pubs}})
	require.NoError(t, err)
	out, err := m.Start()
	require.NoError(t, err)
	require.Empty(t, out)
	ks, err := m.Result()
	require.NoError(t, err)
	require.Equal(t, pubs, ks.Identities)

	ids := partyIDs(2)
	net := memnet.New(ids)
	defer net.Close()
	plain, errs := run(t, net, machines(t, curve.Secp256k1(), 2, ids))
	require.Empty(t, errs)
	for _, ks := range plain {
		require.Nil(t, ks.Identities)
		b, err := ks.MarshalBinary()
		require.NoError(t, err)
		require.Equal(t, byte(1), b[0], "a share without identities keeps format version 1")
	}
}
