// Package affg implements Πaff-g, the "Paillier affine operation with group
// commitment in range" proof of CGGMP21 (Canetti, Gennaro, Goldfeder,
// Makriyannis, Peled, "UC Non-Interactive, Proactive, Threshold ECDSA with
// Identifiable Aborts", ePrint 2021/060, Figure 15; Dfns's written spec,
// LFDT-Lockness/cggmp21 spec/main.tex, section "Πaff-g: Paillier Affine
// Operation with Group Commitment in Range").
//
// # Statement and sign convention
//
// The statement is (N0, N1, C, D, Y, X) and the verifier's ring-Pedersen
// parameters (N̂, s, t):
//
//	N0   the VERIFIER's Paillier key; C and D are ciphertexts under N0
//	N1   the PROVER's Paillier key; Y is a ciphertext under N1
//	D  = C^x · (1+N0)^y · ρ^N0   mod N0²   i.e. D = (x ⊙ C) ⊕ enc_N0(y; ρ)
//	Y  = (1+N1)^y · ρ_y^N1       mod N1²   i.e. Y = enc_N1(y; ρ_y)
//	X  = x·G                     (G the generator of the curve of X)
//
// with witness x ∈ ±2^ℓ, y ∈ ±2^ℓ', ρ ∈ Z*_N0, ρ_y ∈ Z*_N1. The SAME y is
// added into D and encrypted in Y, with a plus sign: the proof knows nothing
// of β. In CGGMP21 presigning (Dfns's spec, Round 2) party i, proving to
// party j, sets
//
//	C = K_j, D = D_{j,i} = (γ_i ⊙ K_j) ⊕ enc_j(−β_{i,j}; s_{i,j}),
//	Y = F_{j,i} = enc_i(−β_{i,j}; r_{i,j}), X = Γ_i,
//	x = γ_i, y = −β_{i,j}, ρ = s_{i,j}, ρ_y = r_{i,j}
//
// (and likewise x = x_i, X = X_i, y = −β̂_{i,j} for the χ share; package
// cggmp passes the additive share λ_i·x_i and its public λ_i·X_i, plus the
// key tweak for the lowest signer). A protocol written with the paper's
// D = (γ ⊙ K) ⊕ enc(β) convention passes y = β. The honest range of y is
// ±2^ℓ' whatever its sign.
//
// # Protocol (Figure 15)
//
// Prover: α ← ±2^(ℓ+ε), β ← ±2^(ℓ'+ε), r ← Z*_N0, r_y ← Z*_N1,
// γ, δ ← ±2^(ℓ+ε)·N̂, m, μ ← ±2^ℓ·N̂, and
//
//	A = C^α·(1+N0)^β·r^N0 mod N0², B_x = α·G, B_y = (1+N1)^β·r_y^N1 mod N1²,
//	E = s^α t^γ, S = s^x t^m, F = s^β t^δ, T = s^y t^μ mod N̂.
//
// Challenge e ← ±q (q the curve order) from the transcript, after the full
// statement and every commitment. Responses z1 = α + e·x, z2 = β + e·y,
// z3 = γ + e·m, z4 = δ + e·μ, w = r·ρ^e mod N0, w_y = r_y·ρ_y^e mod N1.
//
// Verifier (all before any exponentiation: sizes, ranges, units):
// z1 ∈ ±2^(ℓ+ε), z2 ∈ ±2^(ℓ'+ε), z3, z4 ∈ ±2^(ℓ+ε+1)·N̂ (the honest range,
// a size bound), A ∈ Z*_N0², B_y ∈ Z*_N1², E, S, F, T ∈ Z*_N̂,
// w ∈ Z*_N0, w_y ∈ Z*_N1, none of them ±1, B_x not the identity; then
//
//	C^z1·(1+N0)^z2·w^N0 = A·D^e (mod N0²),  z1·G = B_x + e·X,
//	(1+N1)^z2·w_y^N1 = B_y·Y^e (mod N1²),
//	s^z1 t^z3 = E·S^e,  s^z2 t^z4 = F·T^e (mod N̂).
//
// # Side channels and performance
//
// The prover's secrets meet only saferith, filippo.io/bigmod and the
// constant-time kernels of internal/bigint. It knows the factors of N1 (its
// own key) but not of N0: pass its secret key in [Private], and B_y's nonce
// r_y and its N1-th power come from paillier's owner-side tables
// ([paillier.SecretKey.EncFresh]). A = C^α·(1+N0)^β·r^N0 is one
// exponentiation sharing its squarings ([paillier.PublicKey.AffineWithNonce]);
// E, S, F and T go through [paillier.PedersenParams.Commit] and its
// fixed-base tables. The exponentiations run in parallel. [Proof.Verify]
// works on public values with variable-time arithmetic, each equation one
// multi-exponentiation; (1+N)^z is computed as 1 + z·N, not by
// exponentiation. [Proof.VerifyWithKey] is for the verifier that owns N̂,
// and in CGGMP21 also N0: it checks the ring-Pedersen equations modulo its
// primes and the N0² equation modulo their squares, in constant time.
package affg
