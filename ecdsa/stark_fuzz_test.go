package ecdsa_test

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/mosaic-mpc/mosaic/ecdsa"
)

// FuzzParseStarkSignature: no panic; accepted inputs are 64 bytes with
// 1 <= r < 2^251 and 1 <= s < n that re-encode to themselves.
func FuzzParseStarkSignature(f *testing.F) {
	c := curve.Stark()
	one := c.ScalarFromUint64(1).Bytes()
	f.Add(make([]byte, 64))
	f.Add(append(append([]byte(nil), one...), one...))
	f.Add(append(append([]byte(nil), one...), c.Order().Bytes()...))
	f.Add(append(bytesOf(0xff, 32), one...))
	f.Fuzz(func(t *testing.T, b []byte) {
		sig, err := ecdsa.ParseStarkSignature(b)
		if err != nil {
			require.Nil(t, sig)
			return
		}
		require.Len(t, b, 64)
		require.Less(t, b[0], byte(0x08))
		require.False(t, sig.R.IsZero() || sig.S.IsZero())
		require.True(t, bytes.Equal(b, append(sig.R.Bytes(), sig.S.Bytes()...)))
	})
}
