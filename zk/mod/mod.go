package mod

import (
	"errors"

	"github.com/cronokirby/saferith"
)

// proofName is the label absorbed by zk.StartProof.
const proofName = "mosaic/zk/mod/v1"

// Bounds on the bit length of N accepted by NewProof and Verify. They only
// keep absurd inputs out; the caller enforces the exact configured size.
const (
	// MinModulusBits is the smallest modulus accepted.
	MinModulusBits = 1024
	// MaxModulusBits is the largest modulus accepted.
	MaxModulusBits = 4096
)

// ErrInvalidWitness is returned by NewProof when the witness does not match
// the statement (p·q ≠ N, p or q not ≡ 3 mod 4, p = q, or
// gcd(N, φ(N)) ≠ 1).
var ErrInvalidWitness = errors.New("mod: witness does not match the statement")

// ErrWitness is the former name of ErrInvalidWitness, kept so that code
// written against it still compiles.
//
// Deprecated: use ErrInvalidWitness, the name the other proofs use.
var ErrWitness = ErrInvalidWitness

// Public is the statement: the modulus N claimed to be a Paillier-Blum
// integer. N is a public value.
type Public struct {
	N *saferith.Modulus
}

// Private is the witness: the prime factors of N, both ≡ 3 (mod 4). Secret.
type Private struct {
	P, Q *saferith.Nat
}

// Proof is a non-interactive Πmod proof: the commitment w and, for each of
// the zk.Repetitions repetitions, the response (x_i, a_i, b_i, z_i). Its
// fields are unexported; it is made by NewProof or decoded by DecodeProof and
// is immutable afterwards.
type Proof struct {
	// width is the byte length at which every integer is encoded; Verify
	// requires it to be the byte length of N, so the encoding is canonical.
	width int
	w     *saferith.Nat
	reps  []repetition
}

// repetition is one response of the proof.
type repetition struct {
	x, z *saferith.Nat
	a, b bool
}
