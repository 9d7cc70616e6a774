package cggmp

import (
	"context"
	"crypto/rand"
	"testing"
	"time"

	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/mosaic-mpc/mosaic/dkg"
	"github.com/mosaic-mpc/mosaic/paillier"
	"github.com/mosaic-mpc/mosaic/transport"
	"github.com/mosaic-mpc/mosaic/transport/memnet"
	"github.com/stretchr/testify/require"
)

// testKeys makes t-of-n CGGMP keys: a real DKG, and aux info assembled
// directly from the test-only Paillier fixtures (the aux-info protocol has
// its own tests), so presigning tests stay fast.
func testKeys(t testing.TB, th, n int) map[transport.PartyID]*Key {
	ids := partyIDs(n)
	c := curve.Secp256k1()
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
		sec := fixtureAuxSecret(t, i)
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
