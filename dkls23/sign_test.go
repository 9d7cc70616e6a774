package dkls23_test

import (
	"context"
	"crypto/sha256"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/mosaic-mpc/mosaic/cggmp"
	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/mosaic-mpc/mosaic/local"
)

func TestSignThreeOfFive(t *testing.T) {
	ctx := context.Background()
	ids := local.Parties(5)
	shares, err := local.Keygen(ctx, curve.Secp256k1(), 3, ids)
	require.NoError(t, err)
	keys, err := local.SetupDKLs23(ctx, shares)
	require.NoError(t, err)
	digest := sha256.Sum256([]byte("hello"))
	sig, err := local.SignDKLs23(ctx, keys, ids[1:4], nil, digest[:])
	require.NoError(t, err)
	require.NoError(t, cggmp.VerifyLowS(shares[1].GroupKey, digest[:], sig))
}
