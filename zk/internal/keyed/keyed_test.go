package keyed

import (
	"crypto/rand"
	"testing"

	"github.com/cronokirby/saferith"
	"github.com/stretchr/testify/require"

	"github.com/mosaic-mpc/mosaic/internal/bigint"
	"github.com/mosaic-mpc/mosaic/internal/testfixtures"
	"github.com/mosaic-mpc/mosaic/paillier"
)

func TestOwns(t *testing.T) {
	sk, other := testfixtures.PaillierKey(t, 0), testfixtures.PaillierKey(t, 1)
	tests := []struct {
		name string
		key  *paillier.SecretKey
		n    *saferith.Modulus
		want bool
	}{
		{"own modulus", sk, sk.PublicKey().N(), true},
		{"another modulus", sk, other.PublicKey().N(), false},
		{"nil key", nil, sk.PublicKey().N(), false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			require.Equal(t, tc.want, Owns(tc.key, tc.n))
		})
	}
}

// RingPedersen agrees with the public computation s^x·t^y·c^(−e).
func TestRingPedersen(t *testing.T) {
	sk := testfixtures.PaillierKey(t, 0)
	aux, _, err := sk.GeneratePedersen(rand.Reader)
	require.NoError(t, err)
	sample := func(bits int) *saferith.Int {
		v, err := bigint.SampleIntBits(rand.Reader, bits)
		require.NoError(t, err)
		return v
	}
	x, y, e := sample(768), sample(3328), sample(256)
	c, err := bigint.SampleUnit(rand.Reader, aux.N())
	require.NoError(t, err)
	o := aux.NOdd()
	want := aux.Commit(x, y)
	want.ModMul(want, o.ExpInt(c, new(saferith.Int).SetInt(e).Neg(1)), aux.N())
	require.Equal(t, 1, int(RingPedersen(sk, aux, x, y, c, e, want)))
	wrong := new(saferith.Nat).ModAdd(want, new(saferith.Nat).SetUint64(1), aux.N())
	require.Equal(t, 0, int(RingPedersen(sk, aux, x, y, c, e, wrong)))
}
