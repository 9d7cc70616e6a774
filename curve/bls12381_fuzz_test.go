package curve

import (
	"bytes"
	"testing"

	gnark "github.com/consensys/gnark-crypto/ecc/bls12-381"
	"github.com/stretchr/testify/require"
)

// FuzzBLS12381G1DecodePoint: no panic; DecodePoint accepts a non-identity
// encoding exactly when gnark-crypto's strict decoder accepts it as a
// compressed point, and an accepted encoding re-encodes to itself.
func FuzzBLS12381G1DecodePoint(f *testing.F) {
	c := BLS12381G1()
	g := c.Generator().Bytes()
	f.Add(true, g)
	f.Add(false, bls12381Compressed(0, 0xc0))
	f.Add(false, bls12381Compressed(1, 0x80))
	f.Add(false, bls12381Compressed(4, 0xa0))
	f.Add(false, bytesOf(0xff, 48))
	f.Add(false, []byte{0x80})
	f.Fuzz(func(t *testing.T, allowIdentity bool, b []byte) {
		p, err := c.DecodePoint(b, allowIdentity)
		if len(b) == 48 && b[0]&0xc0 == 0x80 {
			var ref gnark.G1Affine
			_, refErr := ref.SetBytes(b)
			require.Equal(t, refErr == nil, err == nil, "gnark and DecodePoint disagree on %x: %v / %v", b, refErr, err)
		}
		if err != nil {
			require.Nil(t, p)
			return
		}
		require.True(t, bytes.Equal(b, p.Bytes()))
		require.True(t, allowIdentity || !p.IsIdentity())
	})
}

// FuzzBLS12381DecodeScalar: no panic; 32-byte inputs below r are accepted
// and re-encode to themselves, all others are refused.
func FuzzBLS12381DecodeScalar(f *testing.F) {
	c := BLS12381G1()
	f.Add(orderPlus(c, 0))
	f.Add(bytesOf(0xff, 32))
	f.Add(make([]byte, 32))
	f.Fuzz(func(t *testing.T, b []byte) {
		s, err := c.DecodeScalar(b)
		if err != nil {
			return
		}
		require.Equal(t, b, s.Bytes())
	})
}
