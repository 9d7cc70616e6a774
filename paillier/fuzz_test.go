package paillier_test

import (
	"crypto/rand"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/mosaic-mpc/mosaic/internal/testfixtures"
	"github.com/mosaic-mpc/mosaic/paillier"
)

// Decoders must never panic and must round-trip whatever they accept.

func FuzzUnmarshalPublicKey(f *testing.F) {
	good, err := testfixtures.PaillierKey(f, 0).PublicKey().MarshalBinary()
	require.NoError(f, err)
	f.Add(good)
	f.Add([]byte{})
	f.Add(good[:10])
	f.Fuzz(func(t *testing.T, data []byte) {
		var pk paillier.PublicKey
		if pk.UnmarshalBinary(data) != nil {
			return
		}
		again, err := pk.MarshalBinary()
		require.NoError(t, err)
		require.Equal(t, data, again)
	})
}

func FuzzUnmarshalSecretKey(f *testing.F) {
	good, err := testfixtures.PaillierKey(f, 0).MarshalBinary()
	require.NoError(f, err)
	f.Add(good)
	f.Add([]byte{'S', 1, 8, 0})
	f.Fuzz(func(t *testing.T, data []byte) {
		var sk paillier.SecretKey
		if sk.UnmarshalBinary(data) != nil {
			return
		}
		again, err := sk.MarshalBinary()
		require.NoError(t, err)
		require.Equal(t, data, again)
	})
}

func FuzzUnmarshalPedersen(f *testing.F) {
	pp, _, err := testfixtures.PaillierKey(f, 0).GeneratePedersen(rand.Reader)
	require.NoError(f, err)
	good, err := pp.MarshalBinary()
	require.NoError(f, err)
	f.Add(good)
	f.Add([]byte{'R', 1, 8, 0})
	f.Fuzz(func(t *testing.T, data []byte) {
		var back paillier.PedersenParams
		if back.UnmarshalBinary(data) != nil {
			return
		}
		again, err := back.MarshalBinary()
		require.NoError(t, err)
		require.Equal(t, data, again)
	})
}

func FuzzDecodeCiphertext(f *testing.F) {
	sk := testfixtures.PaillierKey(f, 0)
	pk := sk.PublicKey()
	ct, _, err := pk.Enc(rand.Reader, intFrom(5))
	require.NoError(f, err)
	f.Add(ct.Bytes())
	f.Add(make([]byte, pk.CiphertextSize()))
	f.Add([]byte{1})
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := pk.DecodeCiphertext(data)
		if err != nil {
			return
		}
		require.Equal(t, data, c.Bytes())
		_, err = sk.Dec(c)
		require.NoError(t, err)
	})
}
