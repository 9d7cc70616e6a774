// Package mul implements Πmul, the "Paillier multiplication" proof of
// CGGMP21 (Canetti, Gennaro, Goldfeder, Makriyannis, Peled, "UC
// Non-Interactive, Proactive, Threshold ECDSA with Identifiable Aborts",
// ePrint 2021/060, Figure 29), used to identify a cheater after a failed
// presignature. Dfns's written spec (LFDT-Lockness/cggmp21 spec/main.tex)
// has no identifiable abort and does not cover it; the paper is followed.
//
// # Statement
//
// The statement is (N, X, Y, C), all ciphertexts under the PROVER's key N:
//
//	X = (1+N)^x · ρ_x^N mod N²      i.e. X = enc_N(x; ρ_x)
//	C = Y^x · ρ^N       mod N²      i.e. C = (x ⊙ Y) ⊕ enc_N(0; ρ)
//
// so C encrypts x times the plaintext of Y. The witness is x ∈ ±2^ℓ, ρ and
// ρ_x ∈ Z*_N. In the presigning identification (package cggmp), party i
// proves H_i = enc_i(k_i·γ_i) = γ_i ⊙ K_i ⊕ enc_i(0; ρ) with X = G_i,
// Y = K_i, C = H_i, x = γ_i and ρ_x = ν_i, the nonce of G_i: N is its own
// key, so pass its secret key in [Private] to compute by CRT.
//
// # Protocol (Figure 29)
//
// Prover: α ← ±2^(ℓ+ε), r, s ← Z*_N, A = Y^α·r^N, B = (1+N)^α·s^N mod N².
// Challenge e ← ±2^ℓ from the transcript after the full statement and both
// commitments. Responses z = α + e·x, u = r·ρ^e, v = s·ρ_x^e mod N.
//
// Verifier (before any exponentiation): z ∈ ±2^(ℓ+ε), A, B ∈ Z*_N²,
// u, v ∈ Z*_N, none of them ±1; then
//
//	Y^z · u^N = A · C^e (mod N²),   (1+N)^z · v^N = B · X^e (mod N²).
//
// # Deviations from Figure 29, and why
//
// The paper draws α from Z_N and leaves z unbounded, and draws e from ±q.
// Here α ← ±2^(ℓ+ε), which hides e·x just as well for the x ∈ ±2^ℓ the
// protocol uses (statistical distance 2^(2ℓ−ℓ−ε) = 2^−ℓ), costs a 769-bit
// instead of a 2048-bit exponent, and lets the verifier bound z (SECURITY.md
// rule 1: sizes are checked before arithmetic). The challenge comes from
// ±2^ℓ (all 2^(ℓ+1)+1 integers of [−2^ℓ, 2^ℓ]) because the statement has
// no curve. Soundness extracts x = (z − z')/(e − e') from two accepted
// challenges e ≠ e', which needs e − e' invertible modulo N, and
// 0 < |e − e'| ≤ 2^(ℓ+1). Πmod and Πfac (aux-info) leave N = p·q with p
// and q prime and both at least √N/2^(ℓ+ε+1): at least 2^766.5 for a
// 3072-bit N, so every difference is invertible there, but only 2^254.5
// for a 2048-bit N, where p or q may divide a difference. Challenges no
// two of which differ by a unit all agree modulo p or all modulo q, so
// there are at most ⌈(2^(ℓ+1)+1)/2^254.5⌉ = 6 of them: the soundness error
// is at most 6/(2^(ℓ+1)+1) < 2^−254 instead of 1/(2^(ℓ+1)+1). The
// verification equation uses v, not the paper's typo "c".
//
// # Side channels and performance
//
// The prover's secrets meet only saferith, filippo.io/bigmod and the
// constant-time kernels of internal/bigint; with the prover's secret key
// both nonces and their N-th powers come from paillier's owner-side tables
// ([paillier.SecretKey.SampleNonce], [paillier.SecretKey.EncFresh]).
// [Proof.Verify] works on public values with variable-time arithmetic, each
// equation one multi-exponentiation, and computes (1+N)^z as 1 + z·N.
package mul
