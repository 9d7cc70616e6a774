package cggmp

import (
	"testing"

	"github.com/stretchr/testify/require"
)

func TestKeyRoundTrip(t *testing.T) {
	keys := testKeys(t, 2, 3)
	b, err := keys[2].MarshalBinary()
	require.NoError(t, err)
	back, err := ParseKey(b)
	require.NoError(t, err)
	b2, err := back.MarshalBinary()
	require.NoError(t, err)
	require.Equal(t, b, b2)
	require.True(t, back.PublicKey().Equal(keys[2].PublicKey()))
	for _, cut := range []int{0, 1, 10, len(b) / 2, len(b) - 1} {
		_, err := ParseKey(b[:cut])
		require.Error(t, err, "truncated at %d", cut)
	}
	_, err = ParseKey(append(append([]byte{}, b...), 0))
	require.Error(t, err)
}

func FuzzParseKey(f *testing.F) {
	keys := testKeys(f, 2, 2)
	b, err := keys[1].MarshalBinary()
	require.NoError(f, err)
	f.Add(b)
	f.Fuzz(func(t *testing.T, data []byte) {
		k, err := ParseKey(data)
		if err != nil {
			return
		}
		again, err := k.MarshalBinary()
		require.NoError(t, err)
		require.Equal(t, data, again)
	})
}
