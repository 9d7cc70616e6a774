// Package prm implements Πprm, the zero-knowledge proof that ring-Pedersen
// parameters (N̂, s, t) are well formed: s belongs to the subgroup generated
// by t modulo N̂ (s = t^λ mod N̂ for some λ the prover knows).
//
// References: Canetti, Gennaro, Goldfeder, Makriyannis, Peled, "UC
// Non-Interactive, Proactive, Threshold ECDSA with Identifiable Aborts"
// (CGGMP21, ePrint 2021/060), Figure 17 "Ring-Pedersen Parameters ZK"; the
// written spec of the same proof in Dfns's spec/main.tex (LFDT-Lockness/
// cggmp21), section "Πprm: Ring-Pedersen Parameters".
//
// # Protocol
//
// For each of the m = [zk.Repetitions] repetitions the prover samples
// a_i ← Z_φ(N̂) and commits A_i = t^a_i mod N̂. The transcript absorbs the
// context, (N̂, s, t), m and every A_i, and yields m challenge bits e_i.
// The prover answers z_i = a_i + e_i·λ mod φ(N̂) and the verifier checks
// t^z_i = A_i · s^e_i (mod N̂). A prover who does not know such a λ (for
// instance because s ∉ ⟨t⟩) answers each repetition with probability at most
// 1/2, so the soundness error is 2^-m (TSSHOCK's one-challenge variant of
// this proof was unsound, SECURITY.md case 8).
//
// The verifier checks, before any exponentiation: exactly m commitments and
// m responses (SECURITY.md case 5), [MinModulusBits] ≤ |N̂| ≤
// [MaxModulusBits], s and t in [2, N̂−2] with s ≠ t (case 8 and case 12: 0,
// 1, N̂−1 and values ≥ N̂ are degenerate), every A_i in [1, N̂) and every
// z_i in [0, N̂), all encoded at the width of N̂; then that N̂ is odd and
// that s, t and every A_i are units modulo N̂. That N̂ is a product of two
// Blum primes is the job of Πmod on the same modulus, which every caller
// runs alongside.
//
// # Side channels and performance
//
// The prover works with the factors of N̂, φ(N̂), λ and the nonces a_i only
// through filippo.io/bigmod and saferith, by CRT modulo p and q, in time that
// depends only on their sizes. The verifier's values are public: it computes
// the m powers t^z_i from one fixed-base table for t (internal/bigint's
// FixedBase, one Montgomery multiplication per 4 exponent bits; where the
// platform has no assembly kernel for it, the bucket method of Brickell,
// Gordon, McCurley and Wilson, "Fast exponentiation with precomputation",
// EUROCRYPT 1992, which Dfns's spec describes in "Speeding up Fixed-Based
// Multiexponentiation Using Preprocessing"). That is two to three times
// faster than independent exponentiations. Prover and verifier spread the
// repetitions over GOMAXPROCS goroutines that finish before they return.
package prm
