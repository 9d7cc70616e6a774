package cggmp_test

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"testing"

	"github.com/mosaic-mpc/mosaic/cggmp"
	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/mosaic-mpc/mosaic/dkg"
	"github.com/mosaic-mpc/mosaic/internal/testfixtures"
	"github.com/mosaic-mpc/mosaic/local"
	"github.com/mosaic-mpc/mosaic/paillier"
	"github.com/mosaic-mpc/mosaic/refresh"
	"github.com/mosaic-mpc/mosaic/transport"
	"github.com/stretchr/testify/require"
)

// fixtureAux assembles aux info for ids from the test-only Paillier keys,
// starting at fixture index first (a refresh takes fresh keys).
func fixtureAux(t *testing.T, ids []transport.PartyID, first int) map[transport.PartyID]*cggmp.AuxInfo {
	pks := map[transport.PartyID]*paillier.PublicKey{}
	peds := map[transport.PartyID]*paillier.PedersenParams{}
	secrets := map[transport.PartyID]*paillier.SecretKey{}
	for i, id := range ids {
		sec, err := cggmp.NewAuxSecret(testfixtures.PaillierKey(t, first+i), rand.Reader)
		require.NoError(t, err)
		secrets[id], pks[id], peds[id] = sec.Paillier, sec.Paillier.PublicKey(), sec.Pedersen
	}
	out := map[transport.PartyID]*cggmp.AuxInfo{}
	for _, id := range ids {
		out[id] = &cggmp.AuxInfo{Parties: ids, Self: id, Secret: secrets[id], Paillier: pks, Pedersen: peds}
	}
	return out
}

func signECDSA(t *testing.T, shares map[transport.PartyID]*dkg.KeyShare, aux map[transport.PartyID]*cggmp.AuxInfo, signers ...transport.PartyID) error {
	ctx := context.Background()
	keys, err := local.ECDSAKeys(shares, aux)
	if err != nil {
		return err
	}
	pres, err := local.Presign(ctx, keys, signers, nil)
	if err != nil {
		return err
	}
	digest := sha256.Sum256([]byte("lifecycle"))
	digest[0] &= 0x07 // below 2^251: a Starknet message hash too
	sig, err := local.SignECDSA(ctx, pres, signers, digest[:])
	if err != nil {
		return err
	}
	var any *dkg.KeyShare
	for _, s := range shares {
		any = s
		break
	}
	if any.Curve.ID() == curve.IDStark {
		return cggmp.Verify(any.GroupKey, digest[:], sig) // Starknet's rules, no low S
	}
	return cggmp.VerifyLowS(any.GroupKey, digest[:], sig)
}

// CGGMP keys keep their public key through refresh (with new Paillier keys),
// repair and reshare (with aux info for the new committee), sign with any t
// of the new shares, and an old share mixed with new ones cannot presign:
// on every curve cggmp signs on.
func TestLifecycleECDSA(t *testing.T) {
	for _, c := range []curve.Curve{curve.Secp256k1(), curve.P256(), curve.Stark()} {
		t.Run(c.Name(), func(t *testing.T) { lifecycleECDSA(t, c) })
	}
}

func lifecycleECDSA(t *testing.T, c curve.Curve) {
	ctx := context.Background()
	ids := local.Parties(3)
	shares, err := local.Keygen(ctx, c, 2, ids)
	require.NoError(t, err)
	group := shares[1].GroupKey.Bytes()

	fresh, err := local.Refresh(ctx, shares)
	require.NoError(t, err)
	aux := fixtureAux(t, ids, 3)
	require.Equal(t, group, fresh[2].GroupKey.Bytes())
	require.NoError(t, signECDSA(t, fresh, aux, 1, 2))
	require.NoError(t, signECDSA(t, fresh, aux, 2, 3))
	mixed := map[transport.PartyID]*dkg.KeyShare{1: shares[1], 2: fresh[2], 3: fresh[3]}
	require.Error(t, signECDSA(t, mixed, aux, 1, 2), "an old share must not sign with new ones")

	repaired, err := local.Repair(ctx, fresh, refresh.PublicOf(fresh[1]), []transport.PartyID{1, 3}, 2)
	require.NoError(t, err)
	require.Equal(t, group, repaired.GroupKey.Bytes())
	fresh[2] = repaired
	require.NoError(t, signECDSA(t, fresh, aux, 2, 3))

	newIDs := []transport.PartyID{2, 3, 4, 5}
	reshared, err := local.Reshare(ctx, fresh, []transport.PartyID{1, 2}, newIDs, 3)
	require.NoError(t, err)
	for _, s := range reshared {
		require.Equal(t, group, s.GroupKey.Bytes())
	}
	require.NoError(t, signECDSA(t, reshared, fixtureAux(t, newIDs, 0), 2, 4, 5))
}
