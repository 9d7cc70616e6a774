package dkls23_test

import (
	"context"
	"crypto/sha256"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/mosaic-mpc/mosaic/cggmp"
	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/mosaic-mpc/mosaic/dkg"
	"github.com/mosaic-mpc/mosaic/dkls23"
	"github.com/mosaic-mpc/mosaic/local"
	"github.com/mosaic-mpc/mosaic/transport"
)

// threeOfFive makes a 3-of-5 secp256k1 key by dkg and runs the DKLs23
// setup on it, all parties in this process.
func threeOfFive(tb testing.TB) ([]transport.PartyID, map[transport.PartyID]*dkg.KeyShare, map[transport.PartyID]*dkls23.Key) {
	tb.Helper()
	ctx := context.Background()
	ids := local.Parties(5)
	shares, err := local.Keygen(ctx, curve.Secp256k1(), 3, ids)
	require.NoError(tb, err)
	keys, err := local.SetupDKLs23(ctx, shares)
	require.NoError(tb, err)
	return ids, shares, keys
}

// TestSignThreeOfFive: every signing set of three of the five parties
// signs, and the signature verifies under the group key, low S, and not
// for another digest.
func TestSignThreeOfFive(t *testing.T) {
	ids, shares, keys := threeOfFive(t)
	digest := sha256.Sum256([]byte("hello"))
	other := sha256.Sum256([]byte("hello, again"))
	for _, signers := range [][]transport.PartyID{ids[:3], ids[1:4], ids[2:], {ids[0], ids[2], ids[4]}} {
		sig, err := local.SignDKLs23(context.Background(), keys, signers, nil, digest[:])
		require.NoError(t, err, "signers %v", signers)
		require.NoError(t, cggmp.VerifyLowS(shares[1].GroupKey, digest[:], sig), "signers %v", signers)
		require.ErrorIs(t, cggmp.VerifyLowS(shares[1].GroupKey, other[:], sig), cggmp.ErrInvalidSignature)
	}
}
