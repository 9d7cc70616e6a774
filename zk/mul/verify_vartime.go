package mul

// Variable time: public values only. Everything in this file runs on the
// statement and the proof (public values) with math/big, which is faster
// than constant-time code; no secret ever reaches it.

import (
	"math/big"

	"github.com/cronokirby/saferith"

	"github.com/mosaic-mpc/mosaic/zk/internal/vartime"
)

// verifyEquationsVarTime checks the two equations of Figure 29, each
// rearranged so that the commitment stands alone on the right:
//
//	Y^z · u^N · C^(−e)        = A  (mod N²)
//	(1+N)^z · v^N · X^(−e)    = B  (mod N²)
//
// Variable time: public values only.
func verifyEquationsVarTime(st *statement, p *Proof, e *saferith.Int) error {
	n, nSq := st.pk.N().Big(), st.pk.NSquared().Big()
	negE := new(big.Int).Neg(e.Big())
	z := p.Z.Big()
	eqs := []vartime.Equation{
		{
			Name: "A", N: nSq, Mod: st.pk.NSquaredOdd(), Want: p.A.Big(),
			Powers: []*vartime.Power{{Base: st.y.Big(), Exp: z}, {Base: p.U.Big(), Exp: n}, {Base: st.c.Big(), Exp: negE}},
		},
		{
			Name: "B", N: nSq, Mod: st.pk.NSquaredOdd(), Want: p.B.Big(), Factor: vartime.OnePlus(z, n, nSq),
			Powers: []*vartime.Power{{Base: p.V.Big(), Exp: n}, {Base: st.x.Big(), Exp: negE}},
		},
	}
	return vartime.CheckEquations("mul", eqs, nil)
}
