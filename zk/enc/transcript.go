package enc

import (
	"github.com/cronokirby/saferith"

	"github.com/mosaic-mpc/mosaic/internal/transcript"
	"github.com/mosaic-mpc/mosaic/zk"
)

// challenge absorbs the full statement (N0, K and the verifier's N̂, s, t)
// and the commitments S, A, C, then draws e ∈ ±2^ℓ.
func challenge(t *transcript.Transcript, st *statement, p *Proof) *saferith.Int {
	zk.StartProof(t, ProofName)
	t.AppendModulus("N0", st.n0)
	t.AppendNat("K", st.k)
	t.AppendModulus("Nhat", st.nHat)
	t.AppendNat("s", st.aux.S())
	t.AppendNat("t", st.aux.T())
	t.AppendNat("S", p.S)
	t.AppendNat("A", p.A)
	t.AppendNat("C", p.C)
	return t.ChallengeInt("e", zk.L)
}
