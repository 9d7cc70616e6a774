package zk

import (
	"errors"

	"github.com/cronokirby/saferith"
	"github.com/mosaic-mpc/mosaic/internal/transcript"
)

// CGGMP21 parameters (ePrint 2021/060, Section 4, "Parameters"): ℓ = |q|,
// ε = 2ℓ, ℓ' = 5ℓ for a 256-bit group order q.
const (
	// L is ℓ: the range of secret scalars in bits.
	L = 256
	// Epsilon is ε: the slack of range proofs in bits.
	Epsilon = 2 * L
	// LPrime is ℓ': the range of the affine-operation masks in bits.
	LPrime = 5 * L
	// Repetitions is m, the number of parallel repetitions of the
	// binary-challenge proofs Πmod and Πprm. It is a constant, never read from a
	// message (SECURITY.md case 5, TSSHOCK).
	Repetitions = 128
	// StatBits is the statistical zero-knowledge slack, in bits, of the two
	// proofs whose witness is wider than a scalar: Πdec (zk/dec) and the
	// wide Πlog* (zk/logstar), whose mask α ← ±2^(witness bits + ℓ +
	// StatBits) hides e·y to statistical distance 2^−StatBits. Every other
	// proof masks an ℓ-bit witness with ±2^(ℓ+ε): distance 2^−ℓ. 128 is
	// the security level of 3072-bit moduli. Its price is those two proofs'
	// soundness at the smallest modulus, a bound of 2^(witness bits +
	// StatBits + 2 − |N0|): 2^−110 for a 2048-bit N0 (the 112-bit level),
	// 2^−1134 for 3072 bits (zk/dec's documentation).
	StatBits = 128
)

// StartProof absorbs a proof's name and version, e.g. "mosaic/zk/enc/v1".
// Every NewProof and Verify calls it first, so a proof of one kind can never
// be replayed as another.
func StartProof(t *transcript.Transcript, name string) {
	t.AppendBytes("proof", []byte(name))
}

// Errors common to every verifier. Proof packages wrap these with detail.
var (
	// ErrMalformed: a proof or statement has the wrong shape (length, count,
	// missing field).
	ErrMalformed = errors.New("zk: malformed proof")
	// ErrOutOfRange: a response or statement value is outside its range.
	ErrOutOfRange = errors.New("zk: value out of range")
	// ErrNotUnit: a value that must be invertible modulo N is not.
	ErrNotUnit = errors.New("zk: value not coprime to the modulus")
	// ErrVerify: a verification equation does not hold.
	ErrVerify = errors.New("zk: verification equation failed")
	// ErrProverModulus: the ring-Pedersen modulus N̂ of a statement is the
	// prover's own Paillier modulus. The prover knows its factors, so the
	// commitments s^x·t^μ do not bind it and the proof would prove nothing.
	// Statement constructors refuse it rather than rely on the caller.
	ErrProverModulus = errors.New("zk: N̂ is the prover's own Paillier modulus")
)

// BindContext absorbs the context every proof must be bound to (SECURITY.md
// rule 2): the session id (which itself covers the curve, the ordered party
// ids, the threshold and a fresh nonce), the prover and, for pairwise proofs,
// the verifier (0 when the proof is broadcast to everyone). Protocols call it
// on a fresh transcript before NewProof or Verify.
func BindContext(t *transcript.Transcript, sessionID []byte, prover, verifier uint32) {
	t.AppendBytes("session", sessionID)
	t.AppendUint64("prover", uint64(prover))
	t.AppendUint64("verifier", uint64(verifier))
}

// ChallengeSymmetric draws a challenge uniform in [-q, q] (the paper's e ← ±q)
// by rejection sampling.
func ChallengeSymmetric(t *transcript.Transcript, label string, q *saferith.Modulus) *saferith.Int {
	bits := q.BitLen() + 2
	twoQ1 := new(saferith.Nat).Add(q.Nat(), q.Nat(), bits)
	twoQ1.Add(twoQ1, new(saferith.Nat).SetUint64(1), bits)
	v := t.ChallengeNat(label, saferith.ModulusFromNat(twoQ1)) // [0, 2q]
	qi := new(saferith.Int).SetNat(q.Nat())
	return new(saferith.Int).Add(new(saferith.Int).SetNat(v), qi.Neg(1), bits+1)
}
