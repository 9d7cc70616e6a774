package mul

import (
	"github.com/cronokirby/saferith"

	"github.com/mosaic-mpc/mosaic/internal/transcript"
	"github.com/mosaic-mpc/mosaic/zk"
)

// challenge absorbs the proof name, the full statement (N, X, Y, C) and both
// commitments, then draws e ∈ ±2^ℓ. Prover and verifier share it.
func challenge(t *transcript.Transcript, st *statement, p *Proof) *saferith.Int {
	zk.StartProof(t, ProofName)
	t.AppendModulus("N", st.pk.N())
	t.AppendNat("X", st.x)
	t.AppendNat("Y", st.y)
	t.AppendNat("C", st.c)
	t.AppendNat("A", p.A)
	t.AppendNat("B", p.B)
	return t.ChallengeInt("e", zk.L)
}
