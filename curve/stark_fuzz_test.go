package curve

import (
	"bytes"
	"math/big"
	"testing"

	"github.com/stretchr/testify/require"
)

// FuzzStarkDecodePoint: no panic; DecodePoint accepts exactly the 33-byte
// encodings with prefix 0x02/0x03, x < p and x³ + x + β a square (plus, on
// request, 33 zero bytes for the identity), as the math/big reference
// says, and an accepted encoding re-encodes to itself.
func FuzzStarkDecodePoint(f *testing.F) {
	c := Stark()
	g := c.Generator().Bytes()
	f.Add(true, g)
	f.Add(false, make([]byte, 33))
	f.Add(false, append([]byte{0x02}, refStarkP.FillBytes(make([]byte, 32))...))
	f.Add(false, append([]byte{0x03}, bytesOf(0xff, 32)...))
	f.Add(false, append([]byte{0x04}, g[1:]...))
	f.Add(false, []byte{0x00})
	f.Fuzz(func(t *testing.T, allowIdentity bool, b []byte) {
		p, err := c.DecodePoint(b, allowIdentity)
		if len(b) == 33 && (b[0] == 0x02 || b[0] == 0x03) {
			x := new(big.Int).SetBytes(b[1:])
			rhs := new(big.Int).Exp(x, big.NewInt(3), refStarkP)
			rhs.Add(rhs, x).Add(rhs, refStarkBeta).Mod(rhs, refStarkP)
			valid := x.Cmp(refStarkP) < 0 && big.Jacobi(rhs, refStarkP) >= 0
			require.Equal(t, valid, err == nil, "reference and DecodePoint disagree on %x: %v", b, err)
		}
		if err != nil {
			require.Nil(t, p)
			return
		}
		require.True(t, bytes.Equal(b, p.Bytes()))
		require.True(t, allowIdentity || !p.IsIdentity())
	})
}

// FuzzStarkDecodeScalar: no panic; accepted encodings are 32 bytes below n,
// re-encode to themselves and agree with saferith's reduction.
func FuzzStarkDecodeScalar(f *testing.F) {
	c := Stark()
	f.Add(starkOrderBytes)
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
		require.Less(t, bytes.Compare(b, starkOrderBytes), 0)
		require.True(t, bytes.Equal(b, s.Bytes()))
		require.True(t, c.ScalarFromNat(s.Nat()).Equal(s))
	})
}
