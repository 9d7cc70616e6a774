// Package fac implements Πfac, the "no small factor" proof of CGGMP21
// (Canetti, Gennaro, Goldfeder, Makriyannis, Peled, "UC Non-Interactive,
// Proactive, Threshold ECDSA with Identifiable Aborts", ePrint 2021/060,
// Section C.5, Figure 28 in the later revisions; Dfns's written spec,
// LFDT-Lockness/cggmp21 spec/main.tex, section "Πfac: No Small Factor Proof").
//
// The prover knows primes p, q with N0 = p·q and shows, against the
// VERIFIER's ring-Pedersen parameters (N̂, s, t), that N0 = p·q with
// |p|, |q| ≤ 2^(ℓ+ε)·√N0 (the honest range; what a prover can be held to,
// from two accepted challenges, is |p|, |q| ≤ 2^(ℓ+ε+1)·√N0). Both factors
// are then at least √N0/2^(ℓ+ε+1): above 2^254 for a 2048-bit N0 (not quite
// 2^ℓ), above 2^766 for 3072 bits. That is all Πfac shows: p and q need not
// be prime, so it accepts a balanced modulus S·q with S a product of
// sixteen 64-bit primes. Πmod, which shows that N0 has exactly two prime
// factors, is what rules out the many-small-primes moduli of the BitForge
// attack; Πfac then bounds those two primes from below (SECURITY.md case
// 2).
//
// # Statement binding
//
// The ring-Pedersen parameters must be the verifier's own: with the prover's
// parameters the proof is unsound (the prover may know the discrete log of s
// to base t). This is the bug fixed in taurushq-io/multi-party-sig 21fa6bf.
// The transcript absorbs N0, N̂, s and t before every commitment, so a proof
// made for one verifier or one N0 fails for any other (SECURITY.md case 9).
//
// # Protocol (Figure 28)
//
// Prover: α, β ← ±2^(ℓ+ε)·√N0; μ, ν ← ±2^ℓ·N̂; σ ← ±2^ℓ·N0·N̂;
// r ← ±2^(ℓ+ε)·N0·N̂; x, y ← ±2^(ℓ+ε)·N̂;
// P = s^p t^μ, Q = s^q t^ν, A = s^α t^x, B = s^β t^y, T = Q^α t^r (mod N̂).
// Challenge e ← ±2^ℓ from the transcript (the paper writes ±q; like Dfns
// and taurus we use ±2^ℓ, which does not depend on a curve). Responses
// z1 = α + e·p, z2 = β + e·q, w1 = x + e·μ, w2 = y + e·ν, v = r + e·(σ − ν·p).
//
// Verifier, with R = s^N0 t^σ: s^z1 t^w1 = A·P^e, s^z2 t^w2 = B·Q^e,
// Q^z1 t^v = T·R^e (mod N̂), and z1, z2 ∈ ±2^(ℓ+ε)·⌊√N0⌋. It also bounds
// every other response by its honest range (σ ∈ ±2^ℓ·N0·N̂,
// w1, w2 ∈ ±2^(ℓ+ε+1)·N̂, v ∈ ±2^(ℓ+ε+1)·N0·N̂) and requires P, Q, A, B, T
// in Z*_N̂ other than ±1, all before any exponentiation.
//
// # Side channels
//
// The prover's secrets (p, q and the masks) only meet saferith,
// filippo.io/bigmod and the constant-time kernels of internal/bigint (the
// commitments through [paillier.PedersenParams.Commit] and its fixed-base
// tables, Q^α and t^r through this package's own constant-time
// exponentiations); its five commitments are computed in parallel.
// [Proof.Verify] works on public values in variable time: each of its
// three equations is one multi-exponentiation modulo N̂, the three in
// parallel. A verifier that owns N̂ (in CGGMP21 the ring-Pedersen
// parameters are the verifier's own) can call [Proof.VerifyWithKey]
// instead, which checks the equations modulo the secret primes of N̂ with
// reduced exponents, in constant time and in about half the time.
package fac
