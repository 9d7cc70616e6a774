package prm

import (
	"github.com/cronokirby/saferith"

	"github.com/mosaic-mpc/mosaic/internal/transcript"
	"github.com/mosaic-mpc/mosaic/zk"
)

// challenges absorbs the proof label, the statement (N̂, s, t), the repetition
// count and every commitment A_i, then draws the m challenge bits e_i.
func challenges(t *transcript.Transcript, pub Public, a []*saferith.Nat) []byte {
	zk.StartProof(t, proofName)
	t.AppendModulus("N", pub.N)
	t.AppendNat("s", pub.S)
	t.AppendNat("t", pub.T)
	t.AppendUint64("m", uint64(len(a)))
	for _, ai := range a {
		t.AppendNat("A", ai)
	}
	return t.ChallengeBits("e", len(a))
}
