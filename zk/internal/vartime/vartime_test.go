package vartime

import (
	"math/big"
	"testing"

	"github.com/cronokirby/saferith"
	"github.com/stretchr/testify/require"

	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/mosaic-mpc/mosaic/internal/bigint"
	"github.com/mosaic-mpc/mosaic/internal/testfixtures"
	"github.com/mosaic-mpc/mosaic/zk"
)

func TestCheckUnit(t *testing.T) {
	m := saferith.ModulusFromUint64(35)
	nat := func(v uint64) *saferith.Nat { return new(saferith.Nat).SetUint64(v) }
	require.NoError(t, CheckUnit(nat(2), m, m))
	for _, v := range []uint64{0, 1, 34, 35, 99} {
		require.ErrorIs(t, CheckUnit(nat(v), m, m), zk.ErrOutOfRange, "%d", v)
	}
	require.ErrorIs(t, CheckUnit(nat(5), m, m), zk.ErrNotUnit)
}

func TestCheckEquations(t *testing.T) {
	n := big.NewInt(101)
	// 3^5 · 2^-1 ≡ want (mod 101)
	want := new(big.Int).Exp(big.NewInt(3), big.NewInt(5), n)
	want.Mul(want, new(big.Int).ModInverse(big.NewInt(2), n)).Mod(want, n)
	eq := func(w *big.Int) []Equation {
		return []Equation{{Name: "e", N: n, Want: w, Powers: []*Power{{Base: big.NewInt(3), Exp: big.NewInt(5)}, {Base: big.NewInt(2), Exp: big.NewInt(-1)}}}}
	}
	require.NoError(t, CheckEquations("t", eq(want), nil))
	require.ErrorIs(t, CheckEquations("t", eq(big.NewInt(1)), nil), zk.ErrVerify)
	require.Equal(t, big.NewInt(1+3*7), OnePlus(big.NewInt(10), big.NewInt(7), big.NewInt(49)))
}

// With Mod set the powers are computed as one multi-exponentiation; the
// verdicts are the same, and a non-invertible base under a negative
// exponent is still ErrNotUnit.
func TestCheckEquationsShared(t *testing.T) {
	n := big.NewInt(101)
	mod, err := bigint.NewOddModulus(saferith.ModulusFromUint64(101))
	require.NoError(t, err)
	want := new(big.Int).Exp(big.NewInt(3), big.NewInt(5), n)
	want.Mul(want, new(big.Int).ModInverse(big.NewInt(2), n)).Mod(want, n)
	want.Mul(want, big.NewInt(7)).Mod(want, n) // the factor
	eq := func(w *big.Int, base2 *big.Int) []Equation {
		return []Equation{{
			Name: "e", N: n, Mod: mod, Want: w, Factor: big.NewInt(7),
			Powers: []*Power{{Base: big.NewInt(3), Exp: big.NewInt(5)}, {Base: base2, Exp: big.NewInt(-1)}},
		}}
	}
	tests := []struct {
		name  string
		want  *big.Int
		base2 *big.Int
		err   error
	}{
		{"holds", want, big.NewInt(2), nil},
		{"fails", big.NewInt(1), big.NewInt(2), zk.ErrVerify},
		{"not a unit", want, big.NewInt(0), zk.ErrNotUnit},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := CheckEquations("t", eq(tc.want, tc.base2))
			if tc.err == nil {
				require.NoError(t, err)
				return
			}
			require.ErrorIs(t, err, tc.err)
		})
	}
}

// A value wider than N² is refused on its length alone; values in range
// follow the membership rules of Z*_{N²}.
func TestCheckCiphertext(t *testing.T) {
	pk := testfixtures.PaillierKey(t, 0).PublicKey()
	nSq := pk.NSquared()
	tests := []struct {
		name string
		c    *saferith.Nat
		err  error
	}{
		{"unit", new(saferith.Nat).SetUint64(2), nil},
		{"zero", new(saferith.Nat).SetUint64(0), zk.ErrOutOfRange},
		{"N²", nSq.Nat(), zk.ErrOutOfRange},
		{"longer than N²", new(saferith.Nat).Lsh(nSq.Nat(), 1, nSq.BitLen()+1), zk.ErrOutOfRange},
		{"multiple of N", pk.N().Nat(), zk.ErrNotUnit},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := CheckCiphertext(tc.c, pk)
			if tc.err == nil {
				require.NoError(t, err)
				return
			}
			require.ErrorIs(t, err, tc.err)
		})
	}
}

func TestCheckCurve(t *testing.T) {
	c := curve.Secp256k1()
	intOf := func(v uint64) *saferith.Int { return new(saferith.Int).SetNat(new(saferith.Nat).SetUint64(v)) }
	g := c.Generator()
	x := c.ScalarBaseMult(c.ScalarFromUint64(5)) // X = 5·G
	// z·G − e·X with z = 17, e = 3: (17 − 15)·G = 2·G.
	want := c.ScalarBaseMult(c.ScalarFromUint64(2))
	require.NoError(t, CheckCurve("t", "z·G = W + e·X", c, intOf(17), intOf(3), g, x, want)())
	err := CheckCurve("t", "z·G = W + e·X", c, intOf(18), intOf(3), g, x, want)()
	require.ErrorIs(t, err, zk.ErrVerify)
	require.ErrorContains(t, err, "t: equation z·G = W + e·X")
}
