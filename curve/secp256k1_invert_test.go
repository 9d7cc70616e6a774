package curve

import (
	"math/big"
	"testing"

	"github.com/decred/dcrd/dcrec/secp256k1/v4"
	"github.com/stretchr/testify/require"
)

func TestMontgomeryConstants(t *testing.T) {
	n := bigFromU256(&orderLimbs)
	require.Zero(t, n.Cmp(secpN))
	r := new(big.Int).Lsh(big.NewInt(1), 256)
	require.Zero(t, new(big.Int).Mod(new(big.Int).Mul(r, r), secpN).Cmp(bigFromU256(&orderR2)))
	w := new(big.Int).Lsh(big.NewInt(1), 64)
	minv := new(big.Int).Neg(new(big.Int).ModInverse(new(big.Int).Mod(secpN, w), w))
	require.Zero(t, minv.Mod(minv, w).Cmp(new(big.Int).SetUint64(orderMinv)))

	// The chain evaluates exactly n - 2.
	e := new(big.Int)
	for i, st := range invChain {
		if i > 0 {
			e.Lsh(e, uint(st.sq))
		}
		if st.idx >= 0 {
			e.Add(e, big.NewInt(int64(2*st.idx+1)))
		}
	}
	require.Zero(t, e.Cmp(new(big.Int).Sub(secpN, big.NewInt(2))))
}

func TestMontMul(t *testing.T) {
	rInv := new(big.Int).ModInverse(new(big.Int).Lsh(big.NewInt(1), 256), secpN)
	ks := append(edgeScalars(t), randomModN(t), randomModN(t), randomModN(t))
	for i := range ks {
		for j := range ks {
			a, b := ks[i].Bytes(), ks[j].Bytes()
			x, y := u256FromBE(&a), u256FromBE(&b)
			got := montMul(&x, &y)
			want := new(big.Int).Mul(bigFromModN(&ks[i]), bigFromModN(&ks[j]))
			want.Mul(want, rInv).Mod(want, secpN)
			require.Zero(t, want.Cmp(bigFromU256(&got)), "%d·%d", i, j)
		}
	}
}

func TestSecpScalarInvert(t *testing.T) {
	ks := edgeScalars(t)
	for i := 0; i < 200; i++ {
		ks = append(ks, randomModN(t))
	}
	for i := range ks {
		got := secpScalarInvert(&ks[i])
		var want secp256k1.ModNScalar
		want.InverseValNonConst(&ks[i])
		require.True(t, want.Equals(&got), "scalar %d", i)
		if !ks[i].IsZero() {
			got.Mul(&ks[i])
			require.True(t, got.Equals(new(secp256k1.ModNScalar).SetInt(1)))
		}
	}
	var zero secp256k1.ModNScalar
	inv := secpScalarInvert(&zero)
	require.True(t, inv.IsZero())
}
