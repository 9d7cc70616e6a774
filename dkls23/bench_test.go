package dkls23_test

import (
	"context"
	"crypto/sha256"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/mosaic-mpc/mosaic/local"
)

// BenchmarkSign3of5 is DKLs23 signing by three of five parties, all in one
// process over the in-memory network: the wall time of one signature.
func BenchmarkSign3of5(b *testing.B) {
	ctx := context.Background()
	ids, _, keys := threeOfFive(b)
	digest := sha256.Sum256([]byte("benchmark"))
	b.ReportAllocs()
	for b.Loop() {
		_, err := local.SignDKLs23(ctx, keys, ids[:3], nil, digest[:])
		require.NoError(b, err)
	}
}

// BenchmarkKeygenAndSetup5 is key generation plus the pairwise OT setup
// for five parties, all in one process.
func BenchmarkKeygenAndSetup5(b *testing.B) {
	ctx := context.Background()
	ids := local.Parties(5)
	b.ReportAllocs()
	for b.Loop() {
		shares, err := local.Keygen(ctx, curve.Secp256k1(), 3, ids)
		require.NoError(b, err)
		_, err = local.SetupDKLs23(ctx, shares)
		require.NoError(b, err)
	}
}
