package dec

import (
	"github.com/cronokirby/saferith"

	"github.com/mosaic-mpc/mosaic/internal/bigint"
	"github.com/mosaic-mpc/mosaic/paillier"
)

// pedersen computes ring-Pedersen commitments s^x·t^y mod N̂ for one proof,
// several at a time. saferith resizes and masks the limbs of an operand in
// place (even of a source), so this type works on private copies and only
// reads what it shares (as paillier.PedersenParams.Commit now does too).
type pedersen struct {
	n                *bigint.OddModulus
	s, t, sInv, tInv *saferith.Nat
}

func newPedersen(pp *paillier.PedersenParams) *pedersen {
	s, t := pp.S(), pp.T()
	return &pedersen{
		n: pp.NOdd(), s: s, t: t,
		sInv: new(saferith.Nat).ModInverse(s, pp.N()),
		tInv: new(saferith.Nat).ModInverse(t, pp.N()),
	}
}

// commit returns s^x·t^y mod N̂ for signed x, y, in time that depends only
// on their announced lengths. Safe for concurrent use.
func (p *pedersen) commit(x, y *saferith.Int) *saferith.Nat {
	bs := p.s.Clone().CondAssign(x.IsNegative(), p.sInv.Clone())
	bt := p.t.Clone().CondAssign(y.IsNegative(), p.tInv.Clone())
	a := p.n.Exp(bs, x.Abs())
	b := p.n.Exp(bt, y.Abs())
	return a.ModMul(a, b, p.n.Modulus())
}
