package affg

// Variable time: public values only. Everything in this file runs on the
// statement and the proof (public values) with math/big, which is faster
// than constant-time code; no secret ever reaches it.

import (
	"math/big"

	"github.com/cronokirby/saferith"

	"github.com/mosaic-mpc/mosaic/paillier"
	"github.com/mosaic-mpc/mosaic/zk/internal/vartime"
)

// verifyEquationsVarTime checks the five equations of Figure 15, each
// rearranged so that the commitment stands alone on the right:
//
//	C^z1 · (1+N0)^z2 · w^N0 · D^(−e)  = A    (mod N0²)
//	(1+N1)^z2 · w_y^N1 · Y^(−e)        = B_y  (mod N1²)
//	s^z1 · t^z3 · S^(−e)               = E    (mod N̂)
//	s^z2 · t^z4 · T^(−e)               = F    (mod N̂)
//	z1·G − e·X                         = B_x
//
// Variable time: public values only.
func verifyEquationsVarTime(st *statement, p *Proof, e *saferith.Int) error {
	return vartime.CheckEquations("affg", equationsVarTime(st, p, e, false, false), curveCheckVarTime(st, p, e))
}

// equationsVarTime returns the Paillier and ring-Pedersen equations of
// Figure 15 for CheckEquations, leaving out the N0² equation (keyedN0) or
// the two ring-Pedersen ones (keyedPedersen) when VerifyWithKey checks them
// with the verifier's key instead.
//
// Variable time: public values only.
func equationsVarTime(st *statement, p *Proof, e *saferith.Int, keyedN0, keyedPedersen bool) []vartime.Equation {
	n0, n1, nHat := st.n0.N().Big(), st.n1.N().Big(), st.nHat.Big()
	n0Sq, n1Sq := st.n0.NSquared().Big(), st.n1.NSquared().Big()
	negE := new(big.Int).Neg(e.Big())
	z1, z2 := p.Z1.Big(), p.Z2.Big()

	var eqs []vartime.Equation
	if !keyedN0 {
		eqs = append(eqs, vartime.Equation{
			Name: "N0²", N: n0Sq, Mod: st.n0.NSquaredOdd(), Want: p.A.Big(), Factor: vartime.OnePlus(z2, n0, n0Sq),
			Powers: []*vartime.Power{{Base: st.c.Big(), Exp: z1}, {Base: p.W.Big(), Exp: n0}, {Base: st.d.Big(), Exp: negE}},
		})
	}
	eqs = append(eqs, vartime.Equation{
		Name: "N1²", N: n1Sq, Mod: st.n1.NSquaredOdd(), Want: p.By.Big(), Factor: vartime.OnePlus(z2, n1, n1Sq),
		Powers: []*vartime.Power{{Base: p.WY.Big(), Exp: n1}, {Base: st.y.Big(), Exp: negE}},
	})
	if !keyedPedersen {
		s, t := st.aux.S().Big(), st.aux.T().Big()
		eqs = append(eqs,
			vartime.Equation{
				Name: "E", N: nHat, Mod: st.aux.NOdd(), Want: p.E.Big(),
				Powers: []*vartime.Power{{Base: s, Exp: z1}, {Base: t, Exp: p.Z3.Big()}, {Base: p.S.Big(), Exp: negE}},
			},
			vartime.Equation{
				Name: "F", N: nHat, Mod: st.aux.NOdd(), Want: p.F.Big(),
				Powers: []*vartime.Power{{Base: s, Exp: z2}, {Base: t, Exp: p.Z4.Big()}, {Base: p.T.Big(), Exp: negE}},
			},
		)
	}
	return eqs
}

// onePlusNat returns (1+N)^z mod N² = 1 + (z mod N)·N as a Nat, the public
// factor of the keyed N0² check.
//
// Variable time: public values only.
func onePlusNat(z *saferith.Int, pk *paillier.PublicKey) *saferith.Nat {
	n, nSq := pk.N().Big(), pk.NSquared().Big()
	return new(saferith.Nat).SetBig(vartime.OnePlus(z.Big(), n, nSq), nSq.BitLen())
}

// curveCheckVarTime returns the check z1·G − e·X = B_x.
//
// Variable time: public values only.
func curveCheckVarTime(st *statement, p *Proof, e *saferith.Int) func() error {
	return vartime.CheckCurve("affg", "z1·G = Bx + e·X", st.curve, p.Z1, e, st.curve.Generator(), st.x, p.Bx)
}
