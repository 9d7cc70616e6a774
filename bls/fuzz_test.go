package bls

import (
	"bytes"
	"testing"

	gnark "github.com/consensys/gnark-crypto/ecc/bls12-381"
	"github.com/stretchr/testify/require"
)

// FuzzDecodeSignature: no panic; a compressed non-identity encoding is
// accepted exactly when gnark-crypto's strict decoder accepts it, and an
// accepted encoding re-encodes to itself.
func FuzzDecodeSignature(f *testing.F) {
	f.Add(HashToG2([]byte("seed"), []byte(DSTPOP)).Bytes())
	f.Add(g2Compressed(0, 0xc0))
	f.Add(g2Compressed(1, 0x80))
	f.Add(g2Compressed(3, 0xa0))
	f.Add(bytes.Repeat([]byte{0xff}, 96))
	f.Add([]byte{0x80})
	f.Fuzz(func(t *testing.T, b []byte) {
		s, err := DecodeSignature(b)
		if len(b) == 96 && b[0]&0xc0 == 0x80 {
			var ref gnark.G2Affine
			_, refErr := ref.SetBytes(b)
			require.Equal(t, refErr == nil, err == nil, "gnark and DecodeSignature disagree on %x: %v / %v", b, refErr, err)
		}
		if err != nil {
			require.Nil(t, s)
			return
		}
		require.Equal(t, b, s.Bytes())
	})
}

// FuzzDecodePartialSignature: no panic; accepted encodings re-encode to
// themselves and are never the identity, which DecodeSignature accepts.
func FuzzDecodePartialSignature(f *testing.F) {
	f.Add(append([]byte{0, 0, 0, 1}, HashToG2([]byte("seed"), []byte(DSTPOP)).Bytes()...))
	f.Add(make([]byte, PartialSignatureSize))
	f.Add(append([]byte{0, 0, 0, 2}, g2Compressed(0, 0xc0)...))
	f.Fuzz(func(t *testing.T, b []byte) {
		p, err := DecodePartialSignature(b)
		if err != nil {
			require.Nil(t, p)
			return
		}
		require.False(t, p.Sig.isIdentity())
		out, err := p.MarshalBinary()
		require.NoError(t, err)
		require.Equal(t, b, out)
	})
}

// FuzzKeyValidate: no panic; accepted keys re-encode to themselves and are
// never the identity.
func FuzzKeyValidate(f *testing.F) {
	f.Add(make([]byte, 48))
	f.Add(bytes.Repeat([]byte{0xff}, 48))
	f.Fuzz(func(t *testing.T, b []byte) {
		pk, err := KeyValidate(b)
		if err != nil {
			require.Nil(t, pk)
			return
		}
		require.Equal(t, b, pk.Bytes())
		require.False(t, pk.IsIdentity())
	})
}
