package paillier_test

import (
	"testing"

	"github.com/cronokirby/saferith"
	"github.com/stretchr/testify/require"

	"github.com/mosaic-mpc/mosaic/internal/testfixtures"
	"github.com/mosaic-mpc/mosaic/paillier"
)

// ownKey returns a copy of a fixture key that no other test shares, so that
// zeroizing it leaves the fixtures intact.
func ownKey(t *testing.T) *paillier.SecretKey {
	t.Helper()
	enc, err := testfixtures.PaillierKey(t, 0).MarshalBinary()
	require.NoError(t, err)
	sk := new(paillier.SecretKey)
	require.NoError(t, sk.UnmarshalBinary(enc))
	return sk
}

// TestMisuse_SecretKey is the paillier row of docs/misuse.md: a nil, zero
// or zeroized SecretKey returns ErrInvalidSecretKey from every method with
// an error, nil from P, Q and Phi, and never panics there; Zeroize erases
// p, q and φ(N) in place and reaches every copy of the key.
func TestMisuse_SecretKey(t *testing.T) {
	zeroized := ownKey(t)
	cp := *zeroized
	zeroized.Zeroize()
	for name, sk := range map[string]*paillier.SecretKey{
		"nil key":          nil,
		"zero key":         {},
		"zeroized key":     zeroized,
		"copy of zeroized": &cp,
	} {
		t.Run(name, func(t *testing.T) {
			require.NotPanics(t, func() {
				one := new(saferith.Int).SetUint64(1)
				_, _, err := sk.Enc(nil, one)
				require.ErrorIs(t, err, paillier.ErrInvalidSecretKey)
				_, _, err = sk.EncFresh(nil, one)
				require.ErrorIs(t, err, paillier.ErrInvalidSecretKey)
				_, _, err = sk.SampleNonce(nil)
				require.ErrorIs(t, err, paillier.ErrInvalidSecretKey)
				_, err = sk.Dec(nil)
				require.ErrorIs(t, err, paillier.ErrInvalidSecretKey)
				_, err = sk.MarshalBinary()
				require.ErrorIs(t, err, paillier.ErrInvalidSecretKey)
				_, _, err = sk.GeneratePedersen(nil)
				require.ErrorIs(t, err, paillier.ErrInvalidSecretKey)
				require.Nil(t, sk.P())
				require.Nil(t, sk.Q())
				require.Nil(t, sk.Phi())
				sk.Zeroize()
			})
		})
	}
	t.Run("other keys untouched", func(t *testing.T) {
		fixture := testfixtures.PaillierKey(t, 0)
		require.NotNil(t, fixture.P())
		ct, _, err := fixture.Enc(nil, new(saferith.Int).SetUint64(7))
		require.NoError(t, err)
		m, err := fixture.Dec(ct)
		require.NoError(t, err)
		require.Equal(t, saferith.Choice(1), m.Eq(new(saferith.Int).SetUint64(7)))
	})
}
