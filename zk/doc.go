// Package zk holds what the CGGMP21 zero-knowledge proofs share: the
// parameters ℓ, ε, ℓ' and the repetition count ([L], [Epsilon], [LPrime],
// [Repetitions]), the transcript binding that every proof starts with
// ([BindContext], [StartProof]), and the errors verifiers return. Each proof
// lives in its own sub-package, named after the paper's notation:
//
//	zk/sch     Πsch     Schnorr proof of knowledge (Fig. 22)
//	zk/enc     Πenc     Paillier encryption in range (Section 6.1, Fig. 14)
//	zk/logstar Πlog*    Paillier-Pedersen discrete log equality in range (Fig. 25)
//	zk/affg    Πaff-g   Paillier affine operation with group commitment in range (Fig. 15)
//	zk/mod     Πmod     Paillier-Blum modulus (Fig. 16)
//	zk/prm     Πprm     ring-Pedersen parameters (Fig. 17)
//	zk/fac     Πfac     no small factors (ePrint 2021/060, Section C.5)
//	zk/mul     Πmul     Paillier multiplication (Fig. 29)
//	zk/dec     Πdec     Paillier decryption modulo q (Fig. 30)
//
// Figure numbers follow Canetti, Gennaro, Goldfeder, Makriyannis, Peled, "UC
// Non-Interactive, Proactive, Threshold ECDSA with Identifiable Aborts"
// (ePrint 2021/060, revision of 2021/2023); a written spec of the same proofs
// is Dfns's spec/main.tex in LFDT-Lockness/cggmp21.
//
// Every sub-package has the same shape: Public (the statement), Private (the
// witness), Proof, NewProof(transcript, public, private, rand) and
// (*Proof).Verify(transcript, public). Verify checks every size and range
// before any arithmetic, so an oversized input is refused at once
// (SECURITY.md rule 1), and all challenges come from internal/transcript
// (rule 2). Repetition counts are constants, never read from a message
// (TSSHOCK).
//
// # Errors
//
// Every proof reports failures the same way. A verifier's error names the
// proof and the check that failed and wraps one of [ErrMalformed],
// [ErrOutOfRange], [ErrNotUnit] and [ErrVerify], for example
// "enc: missing proof: zk: malformed proof"; test it with errors.Is. A
// prover refuses a witness that does not fit the statement with its
// package's ErrInvalidWitness, and a nil transcript or an incomplete proof
// to encode with an error wrapping ErrMalformed; a failing randomness
// source aborts the proof with an error, never a weaker fallback.
package zk
