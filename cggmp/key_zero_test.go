package cggmp

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/mosaic-mpc/mosaic/dkg"
)

// TestNewKeyZeroValues: nil and zero parts of a key are ErrKey, never a
// panic.
func TestNewKeyZeroValues(t *testing.T) {
	tests := []struct {
		name  string
		share *dkg.KeyShare
		aux   *AuxInfo
	}{
		{"nothing", nil, nil},
		{"no aux info", &dkg.KeyShare{Curve: curve.Secp256k1()}, nil},
		{"share without a curve", &dkg.KeyShare{}, &AuxInfo{}},
		{"zero secp256k1 share", &dkg.KeyShare{Curve: curve.Secp256k1()}, &AuxInfo{}},
		{"Ed25519 share", &dkg.KeyShare{Curve: curve.Edwards25519()}, &AuxInfo{}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			require.NotPanics(t, func() {
				k, err := NewKey(tc.share, tc.aux)
				require.ErrorIs(t, err, ErrKey)
				require.Nil(t, k)
			})
		})
	}
}
