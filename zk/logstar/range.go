package logstar

import "github.com/mosaic-mpc/mosaic/zk"

// Wide-range constants. The wide statement is the one CGGMP21's
// identification needs after a failed S check: the witness is then not a
// scalar but the plaintext of an MtA sum, k_i·x_i plus every α̂ and β̂ of
// party i's MtAs, of about ℓ'+ε+log2 n bits. The ranges are those of zk/dec,
// which proves the same kind of plaintext.
const (
	// WideBits bounds the witness of a wide statement: x ∈ ±2^WideBits,
	// enough for the MtA sums of up to 2^14 parties.
	WideBits = zk.LPrime + zk.Epsilon + 16
	// WideMaskBits is the range of α and of z1 in a wide proof: enough to
	// hide e·x (|e| ≤ q < 2^ℓ) with statistical distance 2^−zk.StatBits.
	WideMaskBits = WideBits + zk.L + zk.StatBits
	// WideProofName is the name absorbed by a wide proof, so that a wide
	// proof never verifies as a narrow one or the other way round. Version
	// 2: WideMaskBits with zk.StatBits = 128 (80 in version 1), which a
	// version-1 verifier refuses.
	WideProofName = "mosaic/zk/logstar-wide/v2"
)

// ranges are the bit sizes of one kind of statement: the witness x, the
// masks α (and the bound on z1) and the ring-Pedersen randomness μ, γ (each
// scaled by N̂; z3's bound is maskBits+1 scaled by N̂).
type ranges struct {
	name     string
	xBits    int
	maskBits int
}

var (
	narrowRanges = ranges{name: ProofName, xBits: zk.L, maskBits: zk.L + zk.Epsilon}
	wideRanges   = ranges{name: WideProofName, xBits: WideBits, maskBits: WideMaskBits}
)

func rangesOf(wide bool) ranges {
	if wide {
		return wideRanges
	}
	return narrowRanges
}
