package fac

import (
	"github.com/cronokirby/saferith"

	"github.com/mosaic-mpc/mosaic/internal/transcript"
	"github.com/mosaic-mpc/mosaic/zk"
)

// challenge absorbs the full statement (N0 and the verifier's N̂, s, t) and
// every commitment, then draws e ∈ ±2^ℓ. Prover and verifier share it, so
// they cannot disagree on what is hashed.
func challenge(t *transcript.Transcript, st *statement, p *Proof) *saferith.Int {
	zk.StartProof(t, ProofName)
	t.AppendModulus("N0", st.n0)
	t.AppendModulus("Nhat", st.nHat)
	t.AppendNat("s", st.aux.S())
	t.AppendNat("t", st.aux.T())
	t.AppendNat("P", p.P)
	t.AppendNat("Q", p.Q)
	t.AppendNat("A", p.A)
	t.AppendNat("B", p.B)
	t.AppendNat("T", p.T)
	t.AppendInt("sigma", p.Sigma)
	return t.ChallengeInt("e", zk.L)
}
