package keytest

import (
	"context"
	"crypto/rand"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/mosaic-mpc/mosaic/cggmp"
	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/mosaic-mpc/mosaic/dkg"
	"github.com/mosaic-mpc/mosaic/internal/testfixtures"
	"github.com/mosaic-mpc/mosaic/paillier"
	"github.com/mosaic-mpc/mosaic/transport"
	"github.com/mosaic-mpc/mosaic/transport/memnet"
)

// guard refuses to work outside tests, as testfixtures does.
func guard(tb testing.TB) {
	if tb == nil || !testing.Testing() {
		panic("keytest: test-only keys used outside a test")
	}
	tb.Helper()
}

// IDs returns the party ids 1..n.
func IDs(n int) []transport.PartyID {
	ids := make([]transport.PartyID, n)
	for i := range ids {
		ids[i] = transport.PartyID(i + 1)
	}
	return ids
}

// DKGMachines returns th-of-len(ids) key generation Machines on c, one per
// party, and their session id (from a fresh nonce), for a test that runs
// them over a network of its own.
func DKGMachines(tb testing.TB, c curve.Curve, ids []transport.PartyID, th int) ([]byte, map[transport.PartyID]transport.Machine[*dkg.KeyShare]) {
	guard(tb)
	nonce := make([]byte, dkg.NonceSize)
	_, err := rand.Read(nonce)
	require.NoError(tb, err)
	sid, err := dkg.SessionID(dkg.Protocol, c, ids, th, nonce)
	require.NoError(tb, err)
	ms := map[transport.PartyID]transport.Machine[*dkg.KeyShare]{}
	for _, id := range ids {
		m, err := dkg.New(dkg.Config{Curve: c, Threshold: th, Parties: ids, Self: id, SessionID: sid})
		require.NoError(tb, err)
		ms[id] = m
	}
	return sid, ms
}

// Shares runs a th-of-n key generation on c over the in-memory network
// and returns every party's share.
func Shares(tb testing.TB, c curve.Curve, th, n int) map[transport.PartyID]*dkg.KeyShare {
	guard(tb)
	ids := IDs(n)
	_, ms := DKGMachines(tb, c, ids, th)
	net := memnet.New(ids)
	defer net.Close()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	shares, errs := memnet.RunAll(ctx, net, ms)
	require.Empty(tb, errs)
	return shares
}

// ECDSAKeys returns th-of-n CGGMP21 keys on secp256k1: shares from
// Shares, and aux info with party i's Paillier key the i-th fixture key of
// the level (the fixtures hold ten of each level, so n ≤ 10).
func ECDSAKeys(tb testing.TB, th, n int, level paillier.SecurityLevel) map[transport.PartyID]*cggmp.Key {
	guard(tb)
	shares := Shares(tb, curve.Secp256k1(), th, n)
	fixtures := testfixtures.PaillierKeys(tb, level.ModulusBits())
	require.GreaterOrEqual(tb, len(fixtures), n, "not enough fixture keys at the %v level", level)
	ids := IDs(n)
	secrets := map[transport.PartyID]*paillier.SecretKey{}
	pks := map[transport.PartyID]*paillier.PublicKey{}
	peds := map[transport.PartyID]*paillier.PedersenParams{}
	for i, id := range ids {
		sec, err := cggmp.NewAuxSecret(fixtures[i], rand.Reader)
		require.NoError(tb, err)
		secrets[id], pks[id], peds[id] = sec.Paillier, sec.Paillier.PublicKey(), sec.Pedersen
	}
	keys := map[transport.PartyID]*cggmp.Key{}
	for _, id := range ids {
		aux := &cggmp.AuxInfo{Parties: ids, Self: id, Secret: secrets[id], Paillier: pks, Pedersen: peds}
		k, err := cggmp.NewKey(shares[id], aux)
		require.NoError(tb, err)
		keys[id] = k
	}
	return keys
}
