package enc

// Variable time: public values only. Everything in this file runs on the
// statement and the proof (public values) with math/big, which is faster
// than constant-time code; no secret ever reaches it.

import (
	"math/big"

	"github.com/cronokirby/saferith"

	"github.com/mosaic-mpc/mosaic/zk/internal/vartime"
)

// verifyEquationsVarTime checks the two equations of Figure 14, rearranged
// so that the commitment stands alone:
//
//	(1 + z1·N0) · z2^N0 · K^(−e) = A   (mod N0²), as (1+N0)^z1 = 1 + z1·N0
//	s^z1 · t^z3 · S^(−e)          = C   (mod N̂)
//
// The equations run in parallel, each as one multi-exponentiation sharing
// its squarings. Every base is a unit (checked before), so negative
// exponents are well defined. If pedersen is not nil it replaces the second
// equation (VerifyWithKey's keyed check, constant time, run beside the
// first).
//
// Variable time: public values only.
func verifyEquationsVarTime(st *statement, p *Proof, e *saferith.Int, pedersen func() error) error {
	n0, n0Sq := st.n0.Big(), st.n0Sq.Big()
	negE := new(big.Int).Neg(e.Big())
	z1 := p.Z1.Big()
	eqs := []vartime.Equation{{
		Name: "Paillier", N: n0Sq, Mod: st.pk.NSquaredOdd(), Want: p.A.Big(),
		Factor: vartime.OnePlus(z1, n0, n0Sq),
		Powers: []*vartime.Power{{Base: p.Z2.Big(), Exp: n0}, {Base: st.k.Big(), Exp: negE}},
	}}
	if pedersen == nil {
		eqs = append(eqs, vartime.Equation{
			Name: "ring-Pedersen", N: st.nHat.Big(), Mod: st.aux.NOdd(), Want: p.C.Big(),
			Powers: []*vartime.Power{
				{Base: st.aux.S().Big(), Exp: z1},
				{Base: st.aux.T().Big(), Exp: p.Z3.Big()},
				{Base: p.S.Big(), Exp: negE},
			},
		})
	}
	return vartime.CheckEquations("enc", eqs, pedersen)
}
