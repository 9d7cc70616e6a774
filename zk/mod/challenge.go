package mod

import (
	"github.com/cronokirby/saferith"

	"github.com/mosaic-mpc/mosaic/internal/transcript"
	"github.com/mosaic-mpc/mosaic/zk"
)

// challenges absorbs the proof label, the statement, the repetition count and
// the commitment w, then draws one y_i ∈ [0, N) per repetition. The index i
// is absorbed before each draw and every draw is absorbed back by the
// transcript, so the m challenges come from m different hash inputs
// (SECURITY.md case 6: a library that squeezed all of them from one state
// produced m equal challenges). N must be odd and > 1 (checked by the
// callers), which makes the rejection sampling terminate quickly.
func challenges(t *transcript.Transcript, n *saferith.Modulus, w *saferith.Nat, m int) []*saferith.Nat {
	zk.StartProof(t, proofName)
	t.AppendModulus("N", n)
	t.AppendUint64("m", uint64(m))
	t.AppendNat("w", w)
	ys := make([]*saferith.Nat, m)
	for i := range ys {
		t.AppendUint64("i", uint64(i))
		ys[i] = t.ChallengeNat("y", n)
	}
	return ys
}
