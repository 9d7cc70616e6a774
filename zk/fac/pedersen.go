package fac

import (
	"github.com/cronokirby/saferith"

	"github.com/mosaic-mpc/mosaic/internal/bigint"
	"github.com/mosaic-mpc/mosaic/paillier"
)

// pedersen is the prover's view of the verifier's ring-Pedersen parameters
// for the powers that are not commitments s^x·t^y (those go through
// paillier.PedersenParams.Commit and its fixed-base tables): Q^α with the
// prover's own Q, and t^r, whose exponent (±2^(ℓ+ε)·N0·N̂) is wider than
// any table.
//
// saferith writes to the arguments of some operations (CondAssign and Mul
// resize them in place), so the goroutines of one proof never pass a shared
// value to saferith directly: they work on clones (as
// paillier.PedersenParams.Commit now does too).
type pedersen struct {
	n                *bigint.OddModulus
	s, t, sInv, tInv *saferith.Nat
}

func newPedersen(aux *paillier.PedersenParams) *pedersen {
	s, t := aux.S(), aux.T()
	return &pedersen{
		n:    aux.NOdd(),
		s:    s,
		t:    t,
		sInv: invertVarTime(s, aux.N()),
		tInv: invertVarTime(t, aux.N()),
	}
}

// pow returns base^e mod N̂, using inv = base⁻¹ for a negative e. Constant
// time in e (value and sign); only its announced length leaks.
func (pd *pedersen) pow(base, inv *saferith.Nat, e *saferith.Int) *saferith.Nat {
	b := base.Clone().CondAssign(e.IsNegative(), inv.Clone())
	return pd.n.Exp(b, e.Abs())
}
