package prm

import (
	"errors"

	"github.com/cronokirby/saferith"
)

// proofName is the label absorbed by zk.StartProof.
const proofName = "mosaic/zk/prm/v1"

// Bounds on the bit length of N̂ accepted by NewProof and Verify. They only
// keep absurd inputs out; the caller enforces the exact configured size.
const (
	// MinModulusBits is the smallest modulus accepted.
	MinModulusBits = 1024
	// MaxModulusBits is the largest modulus accepted.
	MaxModulusBits = 4096
)

// ErrInvalidWitness is returned by NewProof when the witness does not match
// the statement (p·q ≠ N̂, or s ≠ t^λ mod N̂).
var ErrInvalidWitness = errors.New("prm: witness does not match the statement")

// ErrWitness is the former name of ErrInvalidWitness, kept so that code
// written against it still compiles.
//
// Deprecated: use ErrInvalidWitness, the name the other proofs use.
var ErrWitness = ErrInvalidWitness

// Public is the statement: the ring-Pedersen parameters (N̂, s, t). All
// public.
type Public struct {
	N    *saferith.Modulus
	S, T *saferith.Nat
}

// Private is the witness: the prime factors of N̂ and λ with s = t^λ mod N̂
// (any representative below 2^(2·MaxModulusBits); it is reduced modulo
// φ(N̂)). Secret.
type Private struct {
	P, Q   *saferith.Nat
	Lambda *saferith.Nat
}

// Proof is a non-interactive Πprm proof: the commitments A_i and the
// responses z_i of the zk.Repetitions repetitions. Its fields are unexported;
// it is made by NewProof or decoded by DecodeProof and is immutable
// afterwards.
type Proof struct {
	// width is the byte length at which every integer is encoded; Verify
	// requires it to be the byte length of N̂, so the encoding is canonical.
	width int
	a     []*saferith.Nat // A_i
	z     []*saferith.Nat // z_i
}
