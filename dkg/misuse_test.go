package dkg

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/mosaic-mpc/mosaic/transport/memnet"
)

// TestMisuse_KeyShare is the dkg row of docs/misuse.md: the methods of a
// nil or zero KeyShare return errors or zero answers, never panic, and
// Zeroize erases the secret share, after which Validate and MarshalBinary
// refuse it, leaving clones made before intact.
func TestMisuse_KeyShare(t *testing.T) {
	for name, k := range map[string]*KeyShare{"nil share": nil, "zero share": {}, "curve only": {Curve: curve.Secp256k1()}} {
		t.Run(name, func(t *testing.T) {
			require.NotPanics(t, func() {
				require.ErrorIs(t, k.Validate(), ErrKeyShareInconsistent)
				_, err := k.MarshalBinary()
				require.ErrorIs(t, err, ErrKeyShareInconsistent)
				_, ok := k.PublicShare(1)
				require.False(t, ok)
				k.Zeroize()
				if k != nil && k.Curve == nil {
					_, err = k.IDScalar(1)
					require.ErrorIs(t, err, ErrKeyShareInconsistent)
				}
				if k == nil {
					require.Nil(t, k.Clone())
				}
			})
		})
	}
	t.Run("zeroize", func(t *testing.T) {
		ids := partyIDs(3)
		net := memnet.New(ids)
		defer net.Close()
		shares, errs := run(t, net, machines(t, curve.Secp256k1(), 2, ids))
		require.Empty(t, errs)
		k := shares[1]
		clone := k.Clone()
		k.Zeroize()
		require.True(t, k.Secret.IsZero())
		require.ErrorIs(t, k.Validate(), ErrKeyShareInconsistent)
		_, err := k.MarshalBinary()
		require.ErrorIs(t, err, ErrKeyShareInconsistent)
		require.NoError(t, clone.Validate(), "Clone copies the secret share")
		require.NotPanics(t, k.Zeroize, "twice")
	})
}
