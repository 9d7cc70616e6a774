package refresh_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/mosaic-mpc/mosaic/internal/testfixtures"
	"github.com/mosaic-mpc/mosaic/refresh"
	"github.com/mosaic-mpc/mosaic/transport"
)

// TestRepairZeroPublic: zero or incomplete public data is a configuration
// error for the lost party and for a helper, never a panic.
func TestRepairZeroPublic(t *testing.T) {
	share := testfixtures.SoloShare(t, curve.Secp256k1())
	helpers := []transport.PartyID{1}
	for _, pub := range []*refresh.Public{{}, {Curve: curve.Secp256k1()}} {
		for _, self := range []transport.PartyID{1, 2} {
			cfg := refresh.RepairConfig{Self: self, Public: pub, Helpers: helpers, Lost: 2, SessionID: []byte("zero public")}
			if self == 1 {
				cfg.Share = share
			}
			require.NotPanics(t, func() {
				_, err := refresh.NewRepair(cfg)
				require.ErrorIs(t, err, refresh.ErrConfig, "party %d", self)
			})
		}
	}
	var none *refresh.Public
	require.True(t, none.Equal(nil))
	require.False(t, none.Equal(refresh.PublicOf(share)))
	require.False(t, (&refresh.Public{}).Equal(refresh.PublicOf(share)))
}
