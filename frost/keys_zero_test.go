package frost

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/mosaic-mpc/mosaic/dkg"
)

// TestKeysFromShareZeroValues: the zero Ciphersuite and a key share without
// a curve are errors, never panics.
func TestKeysFromShareZeroValues(t *testing.T) {
	tests := []struct {
		name  string
		suite Ciphersuite
		share *dkg.KeyShare
		want  error
	}{
		{"nil share", Ed25519SHA512(), nil, ErrConfig},
		{"zero suite", Ciphersuite{}, &dkg.KeyShare{Curve: curve.Edwards25519()}, ErrInvalidSuite},
		{"share without a curve", Ed25519SHA512(), &dkg.KeyShare{}, ErrConfig},
		{"zero share of another curve", Ed25519SHA512(), &dkg.KeyShare{Curve: curve.Secp256k1()}, ErrSuiteMismatch},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			require.NotPanics(t, func() {
				_, _, err := KeysFromShare(tc.suite, tc.share)
				require.ErrorIs(t, err, tc.want)
			})
		})
	}
}
