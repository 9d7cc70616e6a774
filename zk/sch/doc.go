// Package sch implements Πsch, the Schnorr proof of knowledge of a discrete
// logarithm in the form CGGMP21 uses it (Canetti, Gennaro, Goldfeder,
// Makriyannis, Peled, "UC Non-Interactive, Proactive, Threshold ECDSA with
// Identifiable Aborts", ePrint 2021/060, Figure 22; Dfns's written spec,
// LFDT-Lockness/cggmp21 spec/main.tex, section "Πsch: Schnorr Proof of
// Knowledge").
//
// Statement: a point X on secp256k1 or edwards25519. Witness: x with
// X = x·G. The prover commits to A = α·G, the challenge e ∈ Z_q comes from
// the transcript, and the response is z = α + e·x mod q; the verifier checks
// z·G = A + e·X.
//
// CGGMP21 key generation commits to A in its first round (inside the hash
// V_i) and sends the response two rounds later, after the joint randomness
// is known. [Commit] and [ProveWithCommitment] support that split: Commit
// draws α and returns A; ProveWithCommitment consumes the commitment (α is
// zeroed and a second use is an error, SECURITY.md rule 8). [NewProof] does
// both at once for the ordinary non-interactive proof. A verifier that
// received A earlier uses [Proof.VerifyWithCommitment], which also checks
// the proof carries that same A.
//
// The transcript absorbs the proof name and version, the curve, X and A
// before e is drawn; the caller has bound it to the session, prover and
// verifier with [zk.BindContext] (and absorbs anything else the protocol
// binds, such as CGGMP's rid).
//
// Secrets (x, α) are curve.Scalar values, whose arithmetic is constant
// time; the verifier's multi-scalar multiplication is variable time on
// public values.
package sch
