package logstar

// Variable time: public values only. Everything in this file runs on the
// statement and the proof (public values) with math/big, which is faster
// than constant-time code; no secret ever reaches it.

import (
	"math/big"

	"github.com/cronokirby/saferith"

	"github.com/mosaic-mpc/mosaic/zk/internal/vartime"
)

// verifyEquationsVarTime checks the three equations of Figure 25, each
// rearranged so that the commitment stands alone on the right:
//
//	(1+N0)^z1 · z2^N0 · C^(−e)  = A  (mod N0²)
//	s^z1 · t^z3 · S^(−e)        = D  (mod N̂)
//	z1·g − e·X                  = Y
//
// Variable time: public values only.
func verifyEquationsVarTime(st *statement, p *Proof, e *saferith.Int) error {
	return vartime.CheckEquations("logstar", equationsVarTime(st, p, e, false), curveCheckVarTime(st, p, e))
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
		Powers: []*vartime.Power{{Base: p.Z2.Big(), Exp: n0}, {Base: st.c.Big(), Exp: negE}},
	}}
	if !keyedPedersen {
		s, t := st.aux.S().Big(), st.aux.T().Big()
		eqs = append(eqs, vartime.Equation{
			Name: "D", N: nHat, Mod: st.aux.NOdd(), Want: p.D.Big(),
			Powers: []*vartime.Power{{Base: s, Exp: z1}, {Base: t, Exp: p.Z3.Big()}, {Base: p.S.Big(), Exp: negE}},
		})
	}
	return eqs
}

// curveCheckVarTime returns the check z1·g − e·X = Y.
//
// Variable time: public values only.
func curveCheckVarTime(st *statement, p *Proof, e *saferith.Int) func() error {
	return vartime.CheckCurve("logstar", "z1·g = Y + e·X", st.curve, p.Z1, e, st.g, st.x, p.Y)
}
