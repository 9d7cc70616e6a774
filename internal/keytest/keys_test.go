package keytest_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/mosaic-mpc/mosaic/internal/keytest"
	"github.com/mosaic-mpc/mosaic/paillier"
	"github.com/mosaic-mpc/mosaic/transport"
)

func TestECDSAKeys(t *testing.T) {
	keys := keytest.ECDSAKeys(t, 2, 3, paillier.Level112)
	require.Len(t, keys, 3)
	pub := keys[1].PublicKey()
	for id, k := range keys {
		require.Equal(t, id, k.Self())
		require.True(t, pub.Equal(k.PublicKey()), "party %d has another group key", id)
		require.Equal(t, paillier.Level112, k.Level())
		require.NoError(t, k.Validate())
	}
}

func TestShares(t *testing.T) {
	shares := keytest.Shares(t, curve.Edwards25519(), 2, 3)
	require.Len(t, shares, 3)
	for id, s := range shares {
		require.Equal(t, id, s.Self)
		require.Equal(t, 2, s.Threshold)
	}
}

func TestIDs(t *testing.T) {
	require.Empty(t, keytest.IDs(0))
	require.Equal(t, []transport.PartyID{1, 2, 3}, keytest.IDs(3))
}
