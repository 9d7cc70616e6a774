package logstar

// Variable time: public values only. Everything in this file runs on the
// statement and the proof (public values) with math/big, which is faster
// than constant-time code; no secret ever reaches it.

import (
	"fmt"
	"math/big"

	"github.com/cronokirby/saferith"

	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/mosaic-mpc/mosaic/paillier"
	"github.com/mosaic-mpc/mosaic/zk"
	"github.com/mosaic-mpc/mosaic/zk/internal/vartime"
)

// The shared verifier checks live in zk/internal/vartime.
type (
	power    = vartime.Power
	equation = vartime.Equation
)

func checkCiphertextVarTime(c *saferith.Nat, pk *paillier.PublicKey) error {
	return vartime.CheckCiphertext(c, pk)
}

func onePlusVarTime(z, n, nSq *big.Int) *big.Int { return vartime.OnePlus(z, n, nSq) }

func checkEquationsVarTime(eqs []equation, extras ...func() error) error {
	return vartime.CheckEquations("logstar", eqs, extras...)
}

// verifyEquationsVarTime checks the three equations of Figure 25, each
// rearranged so that the commitment stands alone on the right:
//
//	(1+N0)^z1 · z2^N0 · C^(−e)  = A  (mod N0²)
//	s^z1 · t^z3 · S^(−e)        = D  (mod N̂)
//	z1·g − e·X                  = Y
//
// Variable time: public values only.
func verifyEquationsVarTime(st *statement, p *Proof, e *saferith.Int) error {
	return checkEquationsVarTime(equationsVarTime(st, p, e, false), curveCheckVarTime(st, p, e))
}

// equationsVarTime returns the Paillier and ring-Pedersen equations for
// CheckEquations, leaving out the ring-Pedersen one when VerifyWithKey
// checks it with the verifier's key (keyedPedersen).
//
// Variable time: public values only.
func equationsVarTime(st *statement, p *Proof, e *saferith.Int, keyedPedersen bool) []equation {
	n0, n0Sq, nHat := st.n0.N().Big(), st.n0.NSquared().Big(), st.nHat.Big()
	negE := new(big.Int).Neg(e.Big())
	z1 := p.Z1.Big()

	eqs := []equation{{
		Name: "N0²", N: n0Sq, Mod: st.n0.NSquaredOdd(), Want: p.A.Big(), Factor: onePlusVarTime(z1, n0, n0Sq),
		Powers: []*power{{Base: p.Z2.Big(), Exp: n0}, {Base: st.c.Big(), Exp: negE}},
	}}
	if !keyedPedersen {
		s, t := st.aux.S().Big(), st.aux.T().Big()
		eqs = append(eqs, equation{
			Name: "D", N: nHat, Mod: st.aux.NOdd(), Want: p.D.Big(),
			Powers: []*power{{Base: s, Exp: z1}, {Base: t, Exp: p.Z3.Big()}, {Base: p.S.Big(), Exp: negE}},
		})
	}
	return eqs
}

// curveCheckVarTime returns the check z1·g − e·X = Y.
//
// Variable time: public values only.
func curveCheckVarTime(st *statement, p *Proof, e *saferith.Int) func() error {
	return func() error {
		c := st.curve
		lhs := c.VarTimeMultiScalarMult(
			[]curve.Scalar{c.ScalarFromInt(p.Z1), c.ScalarFromInt(e).Negate()},
			[]curve.Point{st.g, st.x})
		if !lhs.Equal(p.Y) {
			return fmt.Errorf("logstar: equation z1·g = Y + e·X: %w", zk.ErrVerify)
		}
		return nil
	}
}
