package dec

// Variable time: public values only. Everything in this file runs on the
// statement and the proof (public values) with math/big, which is faster
// than constant-time code; no secret ever reaches it.

import (
	"fmt"
	"math/big"

	"github.com/cronokirby/saferith"

	"github.com/mosaic-mpc/mosaic/zk"
	"github.com/mosaic-mpc/mosaic/zk/internal/vartime"
)

// verifyEquationsVarTime checks the three equations of Figure 30, the
// Paillier and ring-Pedersen ones rearranged so that the commitment stands
// alone on the right:
//
//	(1+N0)^z1 · w^N0 · C^(−e)  = A  (mod N0²)
//	s^z1 · t^z2 · S^(−e)       = T  (mod N̂)
//	z1 ≡ γ + e·x                    (mod q)
//
// Variable time: public values only.
func verifyEquationsVarTime(st *statement, p *Proof, e *saferith.Int) error {
	if err := scalarCheckVarTime(st, p, e); err != nil {
		return err
	}
	return vartime.CheckEquations("dec", equationsVarTime(st, p, e, false))
}

// scalarCheckVarTime checks z1 ≡ γ + e·x (mod q), which costs nothing next
// to the exponentiations and so runs first.
//
// Variable time: public values only.
func scalarCheckVarTime(st *statement, p *Proof, e *saferith.Int) error {
	c := st.curve
	if !c.ScalarFromInt(p.Z1).Equal(p.Gamma.Add(c.ScalarFromInt(e).Mul(st.x))) {
		return fmt.Errorf("dec: equation z1 = γ + e·x mod q: %w", zk.ErrVerify)
	}
	return nil
}

// equationsVarTime returns the Paillier and ring-Pedersen equations for
// CheckEquations, leaving out the ring-Pedersen one when VerifyWithKey
// checks it with the verifier's key (keyedPedersen).
//
// Variable time: public values only.
func equationsVarTime(st *statement, p *Proof, e *saferith.Int, keyedPedersen bool) []vartime.Equation {
	n0, n0Sq, nHat := st.n0.N().Big(), st.n0.NSquared().Big(), st.nHat.Big()
	negE := new(big.Int).Neg(e.Big())
	z1 := p.Z1.Big()
	eqs := []vartime.Equation{{
		Name: "N0²", N: n0Sq, Mod: st.n0.NSquaredOdd(), Want: p.A.Big(), Factor: vartime.OnePlus(z1, n0, n0Sq),
		Powers: []*vartime.Power{{Base: p.W.Big(), Exp: n0}, {Base: st.c.Big(), Exp: negE}},
	}}
	if !keyedPedersen {
		s, t := st.aux.S().Big(), st.aux.T().Big()
		eqs = append(eqs, vartime.Equation{
			Name: "T", N: nHat, Mod: st.aux.NOdd(), Want: p.T.Big(),
			Powers: []*vartime.Power{{Base: s, Exp: z1}, {Base: t, Exp: p.Z2.Big()}, {Base: p.S.Big(), Exp: negE}},
		})
	}
	return eqs
}
