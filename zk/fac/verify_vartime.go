package fac

// Variable time: public values only. Everything in this file runs on the
// statement and the proof (public values) with math/big, which is faster
// than constant-time code; no secret ever reaches it.

import (
	"math/big"

	"github.com/cronokirby/saferith"

	"github.com/mosaic-mpc/mosaic/zk/internal/vartime"
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

// verifyEquationsVarTime checks the three equations of Figure 28, each
// rearranged so that the commitment stands alone on the right:
//
//	s^z1 · t^w1 · P^(−e)            = A
//	s^z2 · t^w2 · Q^(−e)            = B
//	Q^z1 · t^(v − σ·e) · s^(−N0·e)  = T   (T·R^e with R = s^N0 t^σ)
//
// Merging t^v and t^(−σe) saves one exponentiation. Every equation is one
// multi-exponentiation modulo N̂, the three in parallel
// (vartime.CheckEquations). Every base is a unit (checked by validate), so
// negative exponents are well defined.
//
// Variable time: public values only.
func verifyEquationsVarTime(st *statement, p *Proof, e *saferith.Int) error {
	n, mod := st.nHat.Big(), st.aux.NOdd()
	s, t := st.aux.S().Big(), st.aux.T().Big()
	eB := e.Big()
	negE := new(big.Int).Neg(eB)
	pB, qB := p.P.Big(), p.Q.Big()

	vMinusSigmaE := new(big.Int).Mul(p.Sigma.Big(), eB)
	vMinusSigmaE.Sub(p.V.Big(), vMinusSigmaE)
	negN0E := new(big.Int).Mul(st.n0.Big(), negE)

	return vartime.CheckEquations("fac", []vartime.Equation{
		{Name: "1", N: n, Mod: mod, Want: p.A.Big(),
			Powers: []*vartime.Power{{Base: s, Exp: p.Z1.Big()}, {Base: t, Exp: p.W1.Big()}, {Base: pB, Exp: negE}}},
		{Name: "2", N: n, Mod: mod, Want: p.B.Big(),
			Powers: []*vartime.Power{{Base: s, Exp: p.Z2.Big()}, {Base: t, Exp: p.W2.Big()}, {Base: qB, Exp: negE}}},
		{Name: "3", N: n, Mod: mod, Want: p.T.Big(),
			Powers: []*vartime.Power{{Base: qB, Exp: p.Z1.Big()}, {Base: t, Exp: vMinusSigmaE}, {Base: s, Exp: negN0E}}},
	})
}
