// Package enc implements Πenc, the proof that a Paillier ciphertext encrypts
// a plaintext in range, of CGGMP21 (Canetti, Gennaro, Goldfeder, Makriyannis,
// Peled, "UC Non-Interactive, Proactive, Threshold ECDSA with Identifiable
// Aborts", ePrint 2021/060, Section 6.1, Figure 14; Dfns's written spec,
// LFDT-Lockness/cggmp21 spec/main.tex, section "Πenc: Paillier Encryption in
// Range").
//
// Statement: the prover's Paillier key N0, a ciphertext K ∈ Z*_{N0²} and the
// VERIFIER's ring-Pedersen parameters (N̂, s, t). Witness: k ∈ ±2^ℓ and
// ρ ∈ Z*_N0 with K = (1+N0)^k · ρ^N0 mod N0². The proof convinces the
// verifier that k ∈ ±2^(ℓ+ε) (the slack ε is the price of a one-shot range
// proof). In CGGMP21 presigning (round 1) every party proves its
// K_i = enc(k_i) this way to each peer before anyone runs an MtA with it
// (SECURITY.md case 10: a K outside the range must never get an answer);
// its G_i = enc(γ_i) is tied to Γ_i by Πlog* in round 2 instead.
//
// # Protocol (Figure 14)
//
// Prover: α ← ±2^(ℓ+ε), μ ← ±2^ℓ·N̂, r ← Z*_N0, γ ← ±2^(ℓ+ε)·N̂;
// S = s^k t^μ mod N̂, A = (1+N0)^α · r^N0 mod N0², C = s^α t^γ mod N̂.
// Challenge e ← ±2^ℓ from the transcript (the paper writes ±q, the curve
// order; ±2^ℓ keeps the proof independent of the curve and is at least as
// large). Responses z1 = α + e·k, z2 = r·ρ^e mod N0, z3 = γ + e·μ.
//
// Soundness extracts k and ρ from two accepted challenges e ≠ e', which
// needs e − e' invertible modulo N0, with 0 < |e − e'| ≤ 2^(ℓ+1). Πmod and
// Πfac (aux-info) leave N0 = p·q with p and q prime and both at least
// √N0/2^(ℓ+ε+1): at least 2^766.5 for a 3072-bit N0, so every difference
// is invertible, and 2^254.5 for a 2048-bit N0, where at most
// ⌈(2^(ℓ+1)+1)/2^254.5⌉ = 6 challenges can pairwise differ by a non-unit
// (they all agree modulo p or all modulo q): a soundness error of at most
// 6/(2^(ℓ+1)+1) < 2^−254 (package zk/mul has the same argument).
//
// Verifier: (1+N0)^z1 · z2^N0 = A · K^e mod N0², s^z1 t^z3 = C · S^e mod N̂,
// z1 ∈ ±2^(ℓ+ε). Before any exponentiation it also checks K ∈ Z*_{N0²},
// S, C ∈ Z*_N̂ \ {±1}, A ∈ Z*_{N0²} \ {±1}, z2 ∈ Z*_N0 \ {±1} and
// z3 ∈ ±2^(ℓ+ε+1)·N̂ (the honest range of γ + e·μ).
//
// Some write-ups call the commitment C "T"; this package keeps the paper's
// name so that it is not confused with the ring-Pedersen base t.
//
// # Side channels and speed
//
// The witness and the masks only meet saferith, filippo.io/bigmod and the
// constant-time kernels of internal/bigint. When the prover passes its
// Paillier secret key, A's nonce and its N0-th power come from paillier's
// owner-side tables ([paillier.SecretKey.EncFresh]) and z2 is computed by
// CRT. The commitments S and C go through [paillier.PedersenParams.Commit],
// whose fixed-base tables for the verifier's s and t are built on first
// use. [Proof.Verify] works on public values with variable-time arithmetic,
// each equation one multi-exponentiation; [Proof.VerifyWithKey] is for the
// verifier that owns N̂, as in CGGMP21, and checks the ring-Pedersen
// equation modulo its primes, in constant time.
package enc
