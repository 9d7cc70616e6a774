package cggmp

import (
	"context"
	"crypto/rand"
	"sync"
	"testing"
	"time"

	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/mosaic-mpc/mosaic/dkg"
	"github.com/mosaic-mpc/mosaic/internal/testfixtures"
	"github.com/mosaic-mpc/mosaic/paillier"
	"github.com/mosaic-mpc/mosaic/transport"
	"github.com/mosaic-mpc/mosaic/transport/memnet"
	"github.com/stretchr/testify/require"
)

// testKeys makes t-of-n CGGMP keys: a real DKG, and aux info assembled
// directly from the test-only Paillier fixtures (the aux-info protocol has
// its own tests), so presigning tests stay fast.
func testKeys(t testing.TB, th, n int) map[transport.PartyID]*Key {
	return testKeysBits(t, th, n, paillier.ModulusBits2048)
}

// fixtureAuxSecretBits is fixtureAuxSecret for the fixture keys with a
// modulus of bits bits (2048 or 3072).
func fixtureAuxSecretBits(t testing.TB, i, bits int) *AuxSecret {
	ks := testfixtures.PaillierKeys(t, bits)
	sec, err := NewAuxSecret(ks[i%len(ks)], rand.Reader)
	require.NoError(t, err)
	return sec
}

// testKeysBits is testKeys with Paillier and ring-Pedersen moduli of bits
// bits.
func testKeysBits(t testing.TB, th, n, bits int) map[transport.PartyID]*Key {
	return testKeysOn(t, curve.Secp256k1(), th, n, bits)
}

// testKeysOn is testKeysBits on curve c (secp256k1, P-256).
func testKeysOn(t testing.TB, c curve.Curve, th, n, bits int) map[transport.PartyID]*Key {
	ids := partyIDs(n)
	nonce := make([]byte, dkg.NonceSize)
	_, err := rand.Read(nonce)
	require.NoError(t, err)
	sid, err := dkg.SessionID(dkg.Protocol, c, ids, th, nonce)
	require.NoError(t, err)
	ms := map[transport.PartyID]transport.Machine[*dkg.KeyShare]{}
	for _, id := range ids {
		m, err := dkg.New(dkg.Config{Curve: c, Threshold: th, Parties: ids, Self: id, SessionID: sid})
		require.NoError(t, err)
		ms[id] = m
	}
	net := memnet.New(ids)
	defer net.Close()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	shares, errs := memnet.RunAll(ctx, net, ms)
	require.Empty(t, errs)

	pks := map[transport.PartyID]*paillier.PublicKey{}
	peds := map[transport.PartyID]*paillier.PedersenParams{}
	secrets := map[transport.PartyID]*AuxSecret{}
	for i, id := range ids {
		sec := fixtureAuxSecretBits(t, i, bits)
		secrets[id] = sec
		pks[id] = sec.Paillier.PublicKey()
		peds[id] = sec.Pedersen
	}
	keys := map[transport.PartyID]*Key{}
	for _, id := range ids {
		aux := &AuxInfo{Parties: ids, Self: id, Secret: secrets[id].Paillier, Paillier: pks, Pedersen: peds}
		k, err := NewKey(shares[id], aux)
		require.NoError(t, err)
		keys[id] = k
	}
	return keys
}

// shared23 holds the 2-of-3 keys that most tests share (sharedKeys).
var shared23 struct {
	once sync.Once
	keys map[transport.PartyID]*Key
}

// sharedKeys returns one set of 2-of-3 keys (parties 1, 2, 3) made once per
// test binary, for the tests that only read their keys: a Key is immutable
// and safe for concurrent use (presigning copies what it derives, and the
// ring-Pedersen tables are built once behind a sync.Once), so sharing it
// saves every test its DKG, its ring-Pedersen parameters and its tables.
func sharedKeys(t testing.TB) map[transport.PartyID]*Key {
	t.Helper()
	shared23.once.Do(func() { shared23.keys = testKeys(t, 2, 3) })
	require.NotNil(t, shared23.keys, "the shared 2-of-3 keys failed in the first test that asked for them")
	return shared23.keys
}

func presignAll(t testing.TB, keys map[transport.PartyID]*Key, signers []transport.PartyID, tweak curve.Scalar, path ...uint32) map[transport.PartyID]*Presignature {
	sid := make([]byte, 32)
	_, err := rand.Read(sid)
	require.NoError(t, err)
	ms := map[transport.PartyID]transport.Machine[*Presignature]{}
	for _, id := range signers {
		m, err := NewPresign(PresignConfig{Key: keys[id], Signers: signers, SessionID: sid, Tweak: tweak, Path: path})
		require.NoError(t, err)
		ms[id] = m
	}
	net := memnet.New(signers)
	defer net.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	out, errs := memnet.RunAll(ctx, net, ms, transport.WithRoundTimeout(time.Minute))
	require.Empty(t, errs)
	return out
}
