package paillier_test

// Test-only use of math/big as an independent reference.

import (
	"crypto/rand"
	"math/big"
	"testing"

	"github.com/cronokirby/saferith"
	"github.com/stretchr/testify/require"

	"github.com/mosaic-mpc/mosaic/internal/bigint"
	"github.com/mosaic-mpc/mosaic/internal/testfixtures"
	"github.com/mosaic-mpc/mosaic/paillier"
)

// productVarTime is Π base^exp mod n by math/big (negative exponents
// through inverses; every base is a unit).
func productVarTime(powers []paillier.Power, factor *big.Int, n *big.Int) *big.Int {
	acc := big.NewInt(1)
	if factor != nil {
		acc.Set(factor)
	}
	for _, pw := range powers {
		acc.Mul(acc, new(big.Int).Exp(pw.Base.Big(), pw.Exp.Big(), n)).Mod(acc, n)
	}
	return acc
}

func TestProductIs(t *testing.T) {
	sk := testfixtures.PaillierKey(t, 3)
	pk := sk.PublicKey()
	n := pk.NNat().Big()
	nSq := new(big.Int).Mul(n, n)
	unit := func(m *saferith.Modulus) *saferith.Nat {
		u, err := bigint.SampleUnit(rand.Reader, m)
		require.NoError(t, err)
		return u
	}
	signed := func(bits int) *saferith.Int {
		v, err := bigint.SampleIntBits(rand.Reader, bits)
		require.NoError(t, err)
		return v
	}
	tests := []struct {
		name string
		exps []*saferith.Int
	}{
		{"no powers", nil},
		{"ring-Pedersen shape", []*saferith.Int{signed(768), signed(3328), signed(256)}},
		{"long negative exponents", []*saferith.Int{signed(3000).Neg(1), signed(2200).Neg(1)}},
		{"N0² shape", []*saferith.Int{signed(768), new(saferith.Int).SetNat(pk.NNat()), signed(256).Neg(1)}},
		{"zero exponent", []*saferith.Int{new(saferith.Int), signed(5)}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			for _, sq := range []bool{false, true} {
				mod, nb := pk.N(), n
				if sq {
					mod, nb = pk.NSquared(), nSq
				}
				var powers []paillier.Power
				for _, e := range tc.exps {
					powers = append(powers, paillier.Power{Base: unit(mod), Exp: e})
				}
				var factor *saferith.Nat
				var factorB *big.Int
				if sq {
					factor = unit(mod)
					factorB = factor.Big()
				}
				want := productVarTime(powers, factorB, nb)
				check := func(w *big.Int) saferith.Choice {
					wn := new(saferith.Nat).SetBig(w, mod.BitLen())
					if sq {
						return sk.ProductIsN2(wn, factor, powers...)
					}
					return sk.ProductIsN(wn, powers...)
				}
				require.Equal(t, 1, int(check(want)), "true equation refused (N² = %v)", sq)
				off := new(big.Int).Add(want, big.NewInt(1))
				require.Equal(t, 0, int(check(off.Mod(off, nb))), "false equation accepted (N² = %v)", sq)
				// Right modulo p, wrong modulo q: still false.
				p := sk.P().Big()
				if sq {
					p.Mul(p, p)
				}
				half := new(big.Int).Add(want, p)
				require.Equal(t, 0, int(check(half.Mod(half, nb))), "equation true mod p only accepted (N² = %v)", sq)
			}
		})
	}
}
