package curve

import (
	"bytes"
	"testing"

	"filippo.io/nistec"
	"github.com/stretchr/testify/require"
)

// FuzzP256DecodePoint: no panic; DecodePoint accepts exactly the 33-byte
// compressed encodings nistec accepts (plus, on request, 33 zero bytes for
// the identity), and an accepted encoding re-encodes to itself.
func FuzzP256DecodePoint(f *testing.F) {
	c := P256()
	g := c.Generator().Bytes()
	f.Add(true, g)
	f.Add(false, make([]byte, 33))
	f.Add(false, append([]byte{0x02}, p256FieldPrime...))
	f.Add(false, append([]byte{0x03}, bytesOf(0xff, 32)...))
	f.Add(false, c.Generator().(*p256Point).uncompressed())
	f.Add(false, []byte{0x00})
	f.Fuzz(func(t *testing.T, allowIdentity bool, b []byte) {
		p, err := c.DecodePoint(b, allowIdentity)
		if len(b) == 33 && (b[0] == 0x02 || b[0] == 0x03) {
			_, nerr := nistec.NewP256Point().SetBytes(b)
			require.Equal(t, nerr == nil, err == nil, "nistec and DecodePoint disagree on %x", b)
		}
		if err != nil {
			require.Nil(t, p)
			return
		}
		require.True(t, bytes.Equal(b, p.Bytes()))
		require.True(t, allowIdentity || !p.IsIdentity())
	})
}

// FuzzP256DecodeScalar: no panic; accepted encodings are 32 bytes below n,
// re-encode to themselves and agree with saferith's reduction.
func FuzzP256DecodeScalar(f *testing.F) {
	c := P256()
	f.Add(p256OrderBytes)
	f.Add(c.ScalarFromUint64(1).Negate().Bytes())
	f.Add(bytesOf(0xff, 32))
	f.Add([]byte{1})
	f.Fuzz(func(t *testing.T, b []byte) {
		s, err := c.DecodeScalar(b)
		if err != nil {
			require.Nil(t, s)
			return
		}
		require.Len(t, b, 32)
		require.Less(t, bytes.Compare(b, p256OrderBytes), 0)
		require.True(t, bytes.Equal(b, s.Bytes()))
		require.True(t, c.ScalarFromNat(s.Nat()).Equal(s))
	})
}
