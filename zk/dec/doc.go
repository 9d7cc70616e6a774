// Package dec implements Πdec, the "Paillier decryption modulo q" proof of
// CGGMP21 (Canetti, Gennaro, Goldfeder, Makriyannis, Peled, "UC
// Non-Interactive, Proactive, Threshold ECDSA with Identifiable Aborts",
// ePrint 2021/060, Figure 30), used to identify a cheater after a failed
// presignature: a party shows that the δ_i it announced is the decryption,
// reduced modulo q, of a ciphertext every party can compute (package cggmp's
// identification; the proof fits a χ_i just as well). Dfns's written spec
// (LFDT-Lockness/cggmp21 spec/main.tex) has no identifiable abort and does
// not cover it; the paper is followed, with the range changes below.
//
// # Statement
//
// The statement is (N0, C, x) and the verifier's ring-Pedersen parameters
// (N̂, s, t):
//
//	N0  the PROVER's Paillier key; C a ciphertext under N0
//	C = (1+N0)^y · ρ^N0 mod N0²   with y ∈ ±2^PlaintextBits
//	x = y mod q                    a scalar of the curve (q its order)
//
// The witness is y, the CENTRED plaintext of C ([paillier.SecretKey.Dec]),
// and ρ ∈ Z*_N0 ([paillier.SecretKey.DecWithNonce] recovers it).
//
// # Protocol (Figure 30)
//
// Prover: α ← ±2^MaskBits, μ ← ±2^ℓ·N̂, ν ← ±2^(ℓ+ε)·N̂, r ← Z*_N0,
//
//	S = s^y t^μ, T = s^α t^ν mod N̂, A = (1+N0)^α·r^N0 mod N0², γ = α mod q.
//
// Challenge e ← ±q from the transcript after the full statement and every
// commitment. Responses z1 = α + e·y, z2 = ν + e·μ, w = r·ρ^e mod N0.
//
// Verifier (before any exponentiation): z1 ∈ ±2^MaskBits, z2 ∈
// ±2^(ℓ+ε+1)·N̂ (the honest range, a size bound), A ∈ Z*_N0², S, T ∈
// Z*_N̂, w ∈ Z*_N0, none of them ±1, γ a non-zero canonical scalar; then
//
//	(1+N0)^z1 · w^N0 = A·C^e (mod N0²),  z1 ≡ γ + e·x (mod q),
//	s^z1 t^z2 = T·S^e (mod N̂).
//
// # Ranges: why they differ from Figure 30
//
// Figure 30 masks y with α ← ±2^(ℓ+ε) and puts no bound on z1. Both matter
// here, because in the identification phase y is a whole MtA sum,
// k_i·γ_i + Σ_j (α_ij + β_ij), about ℓ'+ε+log2(n) bits, not ℓ bits:
//
//   - Zero knowledge: α must hide e·y, so α ← ±2^MaskBits with MaskBits =
//     [PlaintextBits] + ℓ + [zk.StatBits] (statistical distance 2^−StatBits).
//     The paper's 2^(ℓ+ε) mask would leak the top bits of y.
//   - Soundness: without a bound on z1 the proof says nothing about
//     y mod q. A cheating prover commits to y' = y + k·N0 (S = s^y' t^μ),
//     which satisfies the Paillier equation for every k, and picks k so that
//     y' ≡ x (mod q) for any x it likes. With |z1| ≤ 2^MaskBits, a prover
//     bound to such a y' (|y'| ≥ N0/2) passes only for the challenges e with
//     |α + e·y'| ≤ 2^MaskBits, a fraction at most
//     2^(PlaintextBits + StatBits + 2 − |N0|) + 2^−ℓ of them: 2^−110 for a
//     2048-bit N0, 2^−1134 for 3072 bits. (The binding of the ring-Pedersen
//     commitment, Πprm, is what ties the prover to one y'.)
//
// The two bounds pull against each other at 2048 bits, where the
// statistical distance and the soundness error multiply to
// 2^(PlaintextBits + 2 − |N0|) = 2^−238 whatever StatBits is. StatBits =
// 128 gives zero knowledge at the 128-bit level of 3072-bit moduli and
// soundness 2^−110 at the 112-bit level of 2048-bit ones.
//
// [PlaintextBits] = ℓ' + ε + 16 covers the MtA sum for up to 2^14 parties;
// [NewProof] refuses a larger y.
//
// # Side channels and performance
//
// The prover's secrets meet only saferith, filippo.io/bigmod, the
// constant-time kernels of internal/bigint and the curve's constant-time
// scalar reduction. With the prover's secret key, A's nonce comes from
// paillier's owner-side tables ([paillier.SecretKey.EncFresh]); S and T go
// through [paillier.PedersenParams.Commit] and its fixed-base tables.
// [Proof.Verify] works on public values with variable-time arithmetic, each
// equation one multi-exponentiation, and computes (1+N0)^z1 as 1 + z1·N0.
// [Proof.VerifyWithKey] is for the verifier that owns N̂, as in CGGMP21: it
// checks the ring-Pedersen equation modulo its primes, in constant time.
package dec
