package fac

// Variable time: public values only. Everything in this file runs on the
// statement and the proof (public values) with math/big, which is faster
// than constant-time code; no secret ever reaches it.

import (
	"fmt"
	"math/big"

	"github.com/cronokirby/saferith"

	"github.com/mosaic-mpc/mosaic/internal/par"
	"github.com/mosaic-mpc/mosaic/zk"
)

// sqrtFloorVarTime returns ⌊√n⌋ as a modulus (n ≥ 2^MinModulusBits, so the
// root is far from zero).
//
// Variable time: public values only.
func sqrtFloorVarTime(n *saferith.Modulus) *saferith.Modulus {
	r := new(big.Int).Sqrt(n.Big())
	return saferith.ModulusFromNat(new(saferith.Nat).SetBig(r, r.BitLen()))
}

// invertVarTime returns x⁻¹ mod n for a public unit x (the ring-Pedersen
// bases, or a commitment the prover itself published).
//
// Variable time: public values only.
func invertVarTime(x *saferith.Nat, n *saferith.Modulus) *saferith.Nat {
	inv := new(big.Int).ModInverse(x.Big(), n.Big())
	if inv == nil { // not a unit: validated parameters exclude it
		inv = new(big.Int)
	}
	return new(saferith.Nat).SetBig(inv, n.BitLen())
}

// power is one base^exp mod n term of a verification equation.
type power struct {
	base, exp *big.Int
	out       *big.Int
}

// verifyEquationsVarTime checks the three equations of Figure 28, each
// rearranged so that the commitment stands alone on the right:
//
//	s^z1 · t^w1 · P^(−e)            = A
//	s^z2 · t^w2 · Q^(−e)            = B
//	Q^z1 · t^(v − σ·e) · s^(−N0·e)  = T   (T·R^e with R = s^N0 t^σ)
//
// Merging t^v and t^(−σe) saves one exponentiation; the nine powers run in
// parallel. Every base is a unit (checked by validate), so negative
// exponents are well defined.
//
// Variable time: public values only.
func verifyEquationsVarTime(st *statement, p *Proof, e *saferith.Int) error {
	n := st.nHat.Big()
	s, t := st.aux.S().Big(), st.aux.T().Big()
	eB := e.Big()
	negE := new(big.Int).Neg(eB)
	pB, qB := p.P.Big(), p.Q.Big()

	vMinusSigmaE := new(big.Int).Mul(p.Sigma.Big(), eB)
	vMinusSigmaE.Sub(p.V.Big(), vMinusSigmaE)
	negN0E := new(big.Int).Mul(st.n0.Big(), negE)

	eqs := [3][]*power{
		{{base: s, exp: p.Z1.Big()}, {base: t, exp: p.W1.Big()}, {base: pB, exp: negE}},
		{{base: s, exp: p.Z2.Big()}, {base: t, exp: p.W2.Big()}, {base: qB, exp: negE}},
		{{base: qB, exp: p.Z1.Big()}, {base: t, exp: vMinusSigmaE}, {base: s, exp: negN0E}},
	}
	var jobs []func()
	for _, eq := range eqs {
		for _, pw := range eq {
			jobs = append(jobs, func() { pw.out = new(big.Int).Exp(pw.base, pw.exp, n) })
		}
	}
	par.Do(jobs...)

	want := [3]*big.Int{p.A.Big(), p.B.Big(), p.T.Big()}
	for i, eq := range eqs {
		acc := big.NewInt(1)
		for _, pw := range eq {
			if pw.out == nil { // non-invertible base: excluded by validate
				return fmt.Errorf("fac: equation %d: %w", i+1, zk.ErrNotUnit)
			}
			acc.Mul(acc, pw.out).Mod(acc, n)
		}
		if acc.Cmp(want[i]) != 0 {
			return fmt.Errorf("fac: equation %d: %w", i+1, zk.ErrVerify)
		}
	}
	return nil
}
