package curve

import (
	"crypto/rand"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestYParity(t *testing.T) {
	c := Secp256k1()
	for i := 0; i < 32; i++ {
		k, err := c.RandomScalar(rand.Reader)
		require.NoError(t, err)
		p := c.ScalarBaseMult(k)
		par, err := YParity(p)
		require.NoError(t, err)
		even, err := HasEvenY(p)
		require.NoError(t, err)
		require.Equal(t, even, par == 0)
		require.Equal(t, int(p.Bytes()[0]&1), par) // SEC1 prefix 0x02/0x03
		negPar, err := YParity(p.Negate())
		require.NoError(t, err)
		require.Equal(t, 1-par, negPar)
	}
	_, err := YParity(c.Identity())
	require.ErrorIs(t, err, ErrIdentity)
	_, err = YParity(Edwards25519().Generator())
	require.ErrorIs(t, err, ErrNotSecp256k1)
}

func TestCondNegate(t *testing.T) {
	for _, c := range curves {
		t.Run(c.Name(), func(t *testing.T) {
			s, err := c.RandomScalar(rand.Reader)
			require.NoError(t, err)
			keep := CondNegate(s, 0)
			require.True(t, keep.Equal(s))
			keep.Zeroize() // a copy: s is untouched
			require.False(t, s.IsZero())
			require.True(t, CondNegate(s, 1).Equal(s.Negate()))
			require.True(t, CondNegate(c.NewScalar(), 1).IsZero())
			require.Panics(t, func() { CondNegate(s, 2) })
			require.Panics(t, func() { CondNegate(s, -1) })
		})
	}
}
