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

// TestMisuse_PublicKey is the PublicKey row of docs/misuse.md: a nil
// *PublicKey and the zero PublicKey{} have no modulus. Every method with an
// error result returns ErrInvalidModulus (before: a nil dereference), the
// accessors and homomorphic operations answer nil, 0 or false, and none
// panics.
func TestMisuse_PublicKey(t *testing.T) {
	key := testfixtures.PaillierKey(t, 0).PublicKey()
	one := new(saferith.Int).SetUint64(1)
	ct, rho, err := key.Enc(nil, one)
	require.NoError(t, err)
	for name, pk := range map[string]*paillier.PublicKey{
		"nil key":  nil,
		"zero key": {},
	} {
		t.Run(name, func(t *testing.T) {
			require.NotPanics(t, func() {
				_, _, err := pk.Enc(nil, one)
				require.ErrorIs(t, err, paillier.ErrInvalidModulus)
				_, err = pk.DecodeCiphertext(ct.Bytes())
				require.ErrorIs(t, err, paillier.ErrInvalidModulus)
				_, err = pk.DecodeCiphertext(nil)
				require.ErrorIs(t, err, paillier.ErrInvalidModulus)
				_, err = paillier.NewCiphertext(pk, ct.Nat())
				require.ErrorIs(t, err, paillier.ErrInvalidModulus)
				_, err = pk.MarshalBinary()
				require.ErrorIs(t, err, paillier.ErrInvalidModulus)

				require.Nil(t, pk.N())
				require.Nil(t, pk.NSquared())
				require.Nil(t, pk.NNat())
				require.Nil(t, pk.NOdd())
				require.Nil(t, pk.NSquaredOdd())
				require.Zero(t, pk.BitLen())
				require.Zero(t, pk.CiphertextSize())
				require.False(t, pk.Equal(key))
				require.False(t, key.Equal(pk))

				require.Nil(t, pk.EncWithNonce(one, rho))
				require.Nil(t, pk.Add(ct, ct))
				require.Nil(t, pk.Sub(ct, ct))
				require.Nil(t, pk.MulScalar(ct, one))
				require.Nil(t, pk.AddPlain(ct, one))
				require.Nil(t, pk.AffineWithNonce(ct, one, one, rho))
			})
		})
	}
	t.Run("equality of keys without a modulus", func(t *testing.T) {
		var none *paillier.PublicKey
		zero := &paillier.PublicKey{}
		require.True(t, none.Equal(nil), "nil equals nil, as before")
		require.True(t, zero.Equal(zero), "a zero key equals itself")
		require.False(t, zero.Equal(&paillier.PublicKey{}), "and no other key")
		require.False(t, zero.Equal(nil))
	})
	t.Run("decoding into a nil or zero key", func(t *testing.T) {
		enc, err := key.MarshalBinary()
		require.NoError(t, err)
		var none *paillier.PublicKey
		require.ErrorIs(t, none.UnmarshalBinary(enc), paillier.ErrEncoding)
		zero := new(paillier.PublicKey)
		require.NoError(t, zero.UnmarshalBinary(enc), "the zero value is the decoding target")
		require.True(t, zero.Equal(key))
	})
	t.Run("a key key still works", func(t *testing.T) {
		sum := key.Add(ct, ct)
		require.NotNil(t, sum)
		m, err := testfixtures.PaillierKey(t, 0).Dec(sum)
		require.NoError(t, err)
		require.Equal(t, saferith.Choice(1), m.Eq(new(saferith.Int).SetUint64(2)))
		require.Equal(t, 2048, key.BitLen())
	})
}
