package logstar

import (
	"github.com/cronokirby/saferith"

	"github.com/mosaic-mpc/mosaic/internal/transcript"
	"github.com/mosaic-mpc/mosaic/zk"
)

// challenge absorbs the proof name (ProofName or WideProofName), the full
// statement (curve, N0, the
// verifier's N̂, s, t, C, X, g) and every commitment, then draws e ∈ ±q.
// Prover and verifier share it, so they cannot disagree on what is hashed.
func challenge(t *transcript.Transcript, st *statement, p *Proof) *saferith.Int {
	zk.StartProof(t, st.r.name)
	t.AppendBytes("curve", []byte(st.curve.Name()))
	t.AppendModulus("N0", st.n0.N())
	t.AppendModulus("Nhat", st.nHat)
	t.AppendNat("s", st.aux.S())
	t.AppendNat("t", st.aux.T())
	t.AppendNat("C", st.c)
	t.AppendPoint("X", st.x)
	t.AppendPoint("g", st.g)

	t.AppendNat("S", p.S)
	t.AppendNat("A", p.A)
	t.AppendPoint("Y", p.Y)
	t.AppendNat("D", p.D)
	return zk.ChallengeSymmetric(t, "e", st.curve.Order())
}
