// Package mod implements Πmod, the zero-knowledge proof that a modulus N is a
// Paillier-Blum integer: N = pq for primes p ≡ q ≡ 3 (mod 4) with
// gcd(N, φ(N)) = 1.
//
// References: Canetti, Gennaro, Goldfeder, Makriyannis, Peled, "UC
// Non-Interactive, Proactive, Threshold ECDSA with Identifiable Aborts"
// (CGGMP21, ePrint 2021/060), Figure 16 "Paillier-Blum Modulus ZK"; the
// written spec of the same proof in Dfns's spec/main.tex (LFDT-Lockness/
// cggmp21), section "Πmod: Paillier-Blum Modulus", whose blum_sqrt and
// find_residue helpers the prover follows.
//
// # Protocol
//
// The prover picks w ∈ Z*_N with Jacobi symbol (w/N) = −1. For each of the
// m = [zk.Repetitions] repetitions a challenge y_i ∈ Z_N is drawn from the
// transcript, which has absorbed the context, N, m, w and the repetition
// index i, so the m challenges are independent (SECURITY.md rule 3 and case
// 6). The prover answers with a_i, b_i ∈ {0, 1} such that
// y'_i = (−1)^a_i · w^b_i · y_i is a square modulo p and q, with x_i the
// principal fourth root of y'_i and with z_i = y_i^(N⁻¹ mod φ(N)).
//
// The verifier checks, before any exponentiation: exactly m repetitions
// (SECURITY.md case 5; the count is a constant, never read from a message),
// [MinModulusBits] ≤ |N| ≤ [MaxModulusBits], every w, x_i, z_i in [1, N) and
// encoded at the width of N; then that N is odd, not a probable prime and
// not a perfect square, that gcd(w, N) = 1 and (w/N) = −1 (case 4; the
// missing gcd check let N = P·Q1⋯Q7 forge a proof in another library, case
// 3), that every y_i, x_i, z_i is a unit; and finally z_i^N = y_i and
// x_i^4 = (−1)^a_i · w^b_i · y_i (mod N) for every i.
//
// The encoding is canonical (fixed width, [DecodeProof] after
// [Proof.MarshalBinary] is the identity), but a proof is not unique: N − x_i
// is another fourth root of the same value, and without the factors nobody
// can tell principal roots from others. This is inherent to Πmod and
// harmless for a proof about N.
//
// The exact configured size of N (2048 or 3072 bits) is the caller's check
// (paillier.NewPublicKey does it); this package only refuses sizes outside
// [MinModulusBits, MaxModulusBits] so that a huge input costs nothing.
//
// # Soundness and the repetition count
//
// A non-Blum N passes one repetition with probability about 1/2, so the
// soundness error is about 2^-m. The count is the constant [zk.Repetitions]:
// [Proof.Verify] passes it to an unexported verifyWithRepetitions, the only
// place that takes a count, and the decoder refuses any other count. Tests
// call verifyWithRepetitions with m = 1 to show that a forgery for a
// non-Blum N then succeeds about half the time (SECURITY.md case 7, the
// TSSHOCK attack on a fork that cut the repetitions); no build tag or
// package variable can change the count in a production build.
//
// # Side channels
//
// The prover's work on p and q (exponents, Legendre symbols, the choice of
// a_i and b_i, fourth roots and N-th roots by CRT) runs on filippo.io/bigmod
// and saferith in time that depends only on the sizes of p and q; its 128
// repetitions run in parallel goroutines that finish before [NewProof]
// returns. The verifier works on public values only and uses math/big.
package mod
