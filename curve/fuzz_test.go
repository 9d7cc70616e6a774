package curve

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/require"
)

// Fuzz targets for every decoder (SECURITY.md rule 9). The curve is chosen by
// the first argument so one corpus covers both.

func fuzzCurve(id byte) Curve { return curves[int(id)%len(curves)] }

// FuzzDecodeScalar: no panic; an accepted encoding has the exact size and
// re-encodes to itself (no silent reduction).
func FuzzDecodeScalar(f *testing.F) {
	for _, c := range curves {
		f.Add(byte(c.ID()), c.ScalarFromUint64(1).Negate().Bytes())
		f.Add(byte(c.ID()), orderPlus(c, 0))
		f.Add(byte(c.ID()), bytesOf(0xff, 32))
		f.Add(byte(c.ID()), []byte{})
	}
	f.Fuzz(func(t *testing.T, id byte, b []byte) {
		c := fuzzCurve(id)
		s, err := c.DecodeScalar(b)
		if err != nil {
			require.Nil(t, s)
			return
		}
		require.Len(t, b, c.ScalarSize())
		require.True(t, bytes.Equal(b, s.Bytes()))
		require.True(t, c.ScalarFromNat(s.Nat()).Equal(s))
	})
}

// FuzzDecodePoint: no panic; an accepted encoding re-encodes to itself and is
// in the prime-order subgroup ([q]P = O); the identity only with
// allowIdentity.
func FuzzDecodePoint(f *testing.F) {
	for _, c := range curves {
		f.Add(byte(c.ID()), true, c.Generator().Bytes())
		f.Add(byte(c.ID()), true, c.Identity().Bytes())
		f.Add(byte(c.ID()), false, c.Identity().Bytes())
		f.Add(byte(c.ID()), false, bytesOf(0xff, c.PointSize()))
	}
	for _, h := range ed25519Torsion {
		f.Add(byte(IDEdwards25519), true, mustHex(f, h))
	}
	f.Fuzz(func(t *testing.T, id byte, allowIdentity bool, b []byte) {
		c := fuzzCurve(id)
		p, err := c.DecodePoint(b, allowIdentity)
		if err != nil {
			require.Nil(t, p)
			return
		}
		require.True(t, bytes.Equal(b, p.Bytes()))
		require.True(t, allowIdentity || !p.IsIdentity())
		// [q]P = [q-1]P + P = O
		minus1 := c.ScalarFromUint64(1).Negate()
		require.True(t, p.VarTimeScalarMult(minus1).Add(p).IsIdentity())
	})
}

// FuzzLiftX: no panic; an accepted x gives a point with even y and that
// x-coordinate, which decodes from its compressed form.
func FuzzLiftX(f *testing.F) {
	g, _ := XOnlyBytes(Secp256k1().Generator())
	f.Add(g)
	f.Add(mustHex(f, "fffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc2f"))
	f.Add(make([]byte, 32))
	f.Add([]byte{1})
	f.Fuzz(func(t *testing.T, b []byte) {
		p, err := LiftX(b)
		if err != nil {
			require.Nil(t, p)
			return
		}
		x, err := XOnlyBytes(p)
		require.NoError(t, err)
		require.True(t, bytes.Equal(b, x))
		even, err := HasEvenY(p)
		require.NoError(t, err)
		require.True(t, even)
		q, err := Secp256k1().DecodePoint(append([]byte{0x02}, b...), false)
		require.NoError(t, err)
		require.True(t, q.Equal(p))
	})
}

// FuzzDecodePoints: the vector decoder never panics and accepts only exact
// lengths.
func FuzzDecodePoints(f *testing.F) {
	g := Secp256k1().Generator().Bytes()
	f.Add(byte(IDSecp256k1), 2, false, append(append([]byte(nil), g...), g...))
	f.Add(byte(IDSecp256k1), -1, true, []byte{})
	f.Fuzz(func(t *testing.T, id byte, count int, allowIdentity bool, b []byte) {
		c := fuzzCurve(id)
		count %= 8
		ps, err := DecodePoints(c, b, count, allowIdentity)
		if err != nil {
			return
		}
		require.Len(t, ps, count)
		require.Len(t, b, count*c.PointSize())
	})
}
