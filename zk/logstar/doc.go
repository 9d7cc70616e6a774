// Package logstar implements Πlog*, the "knowledge of exponent vs Paillier
// encryption" proof of CGGMP21 (Canetti, Gennaro, Goldfeder, Makriyannis,
// Peled, "UC Non-Interactive, Proactive, Threshold ECDSA with Identifiable
// Aborts", ePrint 2021/060, Figure 25). Dfns's written spec
// (LFDT-Lockness/cggmp21 spec/main.tex) replaces this proof by Πenc-elg and
// does not cover it; the paper is followed.
//
// # Statement
//
// The statement is (N0, C, X, g) and the verifier's ring-Pedersen parameters
// (N̂, s, t):
//
//	N0  the PROVER's Paillier key; C is a ciphertext under N0
//	C = (1+N0)^x · ρ^N0 mod N0²     i.e. C = enc_N0(x; ρ)
//	X = x·g                          g a base point, not always the generator
//
// with witness x ∈ ±2^ℓ and ρ ∈ Z*_N0. In CGGMP21 presigning (Round 3)
// party i proves to each j, with g = Γ, C = K_i, X = Δ_i = k_i·Γ, x = k_i,
// ρ = ρ_i and N0 = N_i, its own key: pass the secret key in [Private] to
// compute by CRT. In Round 2 it proves G_i and Γ_i consistent the same way,
// with g the generator, C = G_i, X = Γ_i, x = γ_i and ρ = ν_i.
//
// # Protocol (Figure 25)
//
// Prover: α ← ±2^(ℓ+ε), μ ← ±2^ℓ·N̂, r ← Z*_N0, γ ← ±2^(ℓ+ε)·N̂, and
//
//	S = s^x t^μ mod N̂, A = (1+N0)^α·r^N0 mod N0², Y = α·g, D = s^α t^γ mod N̂.
//
// Challenge e ← ±q (q the curve order) from the transcript after the full
// statement and every commitment. Responses z1 = α + e·x, z2 = r·ρ^e mod N0,
// z3 = γ + e·μ.
//
// Verifier (before any exponentiation: sizes, ranges, units):
// z1 ∈ ±2^(ℓ+ε), z3 ∈ ±2^(ℓ+ε+1)·N̂ (the honest range, a size bound),
// A ∈ Z*_N0², S, D ∈ Z*_N̂, z2 ∈ Z*_N0, none of them ±1, Y a non-identity
// point of g's curve; then
//
//	(1+N0)^z1 · z2^N0 = A·C^e (mod N0²),  z1·g = Y + e·X,
//	s^z1 t^z3 = D·S^e (mod N̂).
//
// # The wide statement
//
// [Public] with Wide set widens the witness to x ∈ ±2^WideBits
// (ℓ'+ε+16 bits), for CGGMP21's identification after a failed S check
// (package cggmp), where x is the plaintext of an MtA sum rather than a
// scalar. Masks and bounds grow as in zk/dec: α ← ±2^WideMaskBits with
// WideMaskBits = WideBits+ℓ+StatBits, μ ← ±2^WideBits·N̂,
// γ ← ±2^WideMaskBits·N̂; the verifier checks z1 ∈ ±2^WideMaskBits and
// z3 ∈ ±2^(WideMaskBits+1)·N̂, and the proof absorbs [WideProofName].
// Soundness: S = s^x t^μ binds the prover to one x, and z1 = α + e·x must
// stay in range for a non-negligible share of the challenges e ∈ ±q, so
// |x| is at most about 2^(WideMaskBits+1−ℓ) = 2^(WideBits+StatBits+1) =
// 2^1937, far below N0/2 ≥ 2^2046 for a 2048-bit N0: x is C's centred
// plaintext, and X = (x mod q)·g. As in zk/dec, a prover bound to another x passes for a
// fraction of at most 2^(WideBits + StatBits + 2 − |N0|) + 2^−ℓ of the
// challenges: 2^−110 at 2048 bits, 2^−1134 at 3072.
//
// # Side channels and performance
//
// The prover's secrets meet only saferith, filippo.io/bigmod, the
// constant-time kernels of internal/bigint and the curve's constant-time
// scalar multiplication. With the prover's secret key, A's nonce comes from
// paillier's owner-side tables ([paillier.SecretKey.EncFresh]); S and D go
// through [paillier.PedersenParams.Commit] and its fixed-base tables (a
// wide statement's exponents are too long for them and take the two-base
// exponentiation). [Proof.Verify] works on public values with
// variable-time arithmetic, each equation one multi-exponentiation, and
// computes (1+N0)^z1 as 1 + z1·N0. [Proof.VerifyWithKey] is for the
// verifier that owns N̂, as in CGGMP21: it checks the ring-Pedersen
// equation modulo its primes, in constant time.
package logstar
