package curve

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/require"
)

// Fuzz targets for the ristretto255 and Ed448 decoders (SECURITY.md rule 9),
// seeded with their edge cases; FuzzDecodeScalar and FuzzDecodePoint cover
// them too, through the curve table.

// fuzzDecodePointOn: no panic; an accepted encoding re-encodes to itself,
// is in the prime-order group ([q]P = O) and is the identity only when
// allowed.
func fuzzDecodePointOn(t *testing.T, c Curve, allowIdentity bool, b []byte) {
	p, err := c.DecodePoint(b, allowIdentity)
	if err != nil {
		require.Nil(t, p)
		return
	}
	require.True(t, bytes.Equal(b, p.Bytes()))
	require.True(t, allowIdentity || !p.IsIdentity())
	minus1 := c.ScalarFromUint64(1).Negate()
	require.True(t, p.VarTimeScalarMult(minus1).Add(p).IsIdentity())
}

func FuzzEd448DecodePoint(f *testing.F) {
	c := Ed448()
	f.Add(true, c.Generator().Bytes())
	f.Add(false, c.Identity().Bytes())
	f.Add(true, bytesOf(0xff, 57))
	for _, h := range ed448Torsion {
		f.Add(true, mustHex(f, h))
	}
	f.Fuzz(func(t *testing.T, allowIdentity bool, b []byte) {
		fuzzDecodePointOn(t, c, allowIdentity, b)
	})
}

func FuzzRistretto255DecodePoint(f *testing.F) {
	c := Ristretto255()
	f.Add(true, c.Generator().Bytes())
	f.Add(false, c.Identity().Bytes())
	f.Add(true, bytesOf(0xff, 32))
	f.Add(true, mustHex(f, "0100000000000000000000000000000000000000000000000000000000000000"))
	f.Fuzz(func(t *testing.T, allowIdentity bool, b []byte) {
		fuzzDecodePointOn(t, c, allowIdentity, b)
	})
}

// FuzzEd448DecodeScalar: 57 bytes, last byte zero, value below q; an
// accepted scalar re-encodes to its input.
func FuzzEd448DecodeScalar(f *testing.F) {
	c := Ed448()
	f.Add(orderPlus(c, 0))
	f.Add(c.ScalarFromUint64(1).Negate().Bytes())
	f.Add(bytesOf(0xff, 57))
	f.Fuzz(func(t *testing.T, b []byte) {
		s, err := c.DecodeScalar(b)
		if err != nil {
			require.Nil(t, s)
			return
		}
		require.Equal(t, b, s.Bytes())
		require.Zero(t, b[56])
		require.True(t, c.ScalarFromNat(s.Nat()).Equal(s))
	})
}
