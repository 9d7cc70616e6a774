// Package dkls23 is threshold ECDSA on secp256k1 by oblivious transfer:
// the signing protocol of Doerner, Kondi, Lee and shelat, "Threshold ECDSA
// in Three Rounds" (IEEE S&P 2024, ePrint 2023/765; "the paper" below),
// over the same dkg.KeyShare that package cggmp signs with. A wallet picks
// per request: DKLs23 signs in three rounds and milliseconds, with no
// Paillier arithmetic and no aux-info; CGGMP21 names the culprit of every
// abort, which DKLs23 cannot (see "What an abort names"). Signatures are
// cggmp.Signature values, low S with their recovery id, with the same DER
// and Ethereum encodings.
//
// # Lifecycle
//
//  1. Key generation: package dkg on secp256k1 (or the share of a
//     refresh, reshare or repair, or a dealer import).
//  2. Setup (NewSetup, two rounds of direct messages, every party of the
//     key): for every ordered pair (i, j), κ = 128 base OTs with i as the
//     OT-extension sender, which the KOS15 extension of each later
//     multiplication forks from. This is the pairwise state behind the
//     paper's F_RVOLE (Functionality 3.5), made once per key generation:
//     its session ids hash the setup's session id and the share's public
//     record, so a setup made before a refresh does not combine with
//     shares made after it, and one replayed from another session does
//     not line up.
//  3. Signing (NewSign), any t of the n parties, three rounds and the
//     echo check of the last broadcast.
//
// Run the setup again after every refresh, reshare or repair, and after a
// run that retired a pair (Key.Retired).
//
// # Signing: the paper's Protocol 3.6 step by step
//
// For signer i with the other signers j, over the signing set S:
//
//   - Before round 1 (newSignState): the additive share sk_i = λ_i·x_i and
//     the public pk_j = λ_j·X_j of every signer, λ the Lagrange
//     coefficients over S at 0, after the BIP-32 tweak of Path if any
//     (added to every Shamir share, as hd.DeriveKeyShare does). The paper
//     has each signer send pk_j and checks that they sum to the key; here
//     every signer computes them from the key's public shares, which
//     makes that check hold by construction.
//   - Round 1 (signRound1.Start): sample the instance key r_i and the
//     inversion mask φ_i, R_i = r_i·G; broadcast a commitment to R_i (a
//     hash of the session, i, R_i and a random salt). For every j, start
//     F_RVOLE as Bob: the KOS15 extension message, which fixes i's random
//     input χ_{i,j} (bobStart).
//   - Round 2 (signRound1.Finalize): for every j, answer j's multiplication
//     as Alice with input (r_i, sk_i), giving c^u_{i,j}, c^v_{i,j} with
//     c^u_{i,j} + d^u_{j,i} = r_i·χ_{j,i} and c^v_{i,j} + d^v_{j,i} =
//     sk_i·χ_{j,i} (aliceRespond); send j the answer, Γ^u_{i,j} =
//     c^u_{i,j}·G, Γ^v_{i,j} = c^v_{i,j}·G and ψ_{i,j} = φ_i − χ_{i,j};
//     broadcast the opening of R_i.
//   - Round 3 (signRound2.Finalize): check every opening; finish every
//     multiplication as Bob, getting d^u_{i,j}, d^v_{i,j} (bobFinish);
//     check χ_{i,j}·R_j − Γ^u_{j,i} = d^u_{i,j}·G and χ_{i,j}·pk_j −
//     Γ^v_{j,i} = d^v_{i,j}·G; R = Σ R_j, x = x(R) mod n; then
//     u_i = r_i·(φ_i + Σ ψ_{j,i}) + Σ (c^u_{i,j} + d^u_{i,j}),
//     v_i = sk_i·(φ_i + Σ ψ_{j,i}) + Σ (c^v_{i,j} + d^v_{i,j}) and
//     w_i = m·φ_i + x·v_i, and broadcast (u_i, w_i). Since
//     Σ u_i = r·φ and Σ v_i = sk·φ with r = Σ r_i, φ = Σ φ_i, the masks
//     cancel in the quotient.
//   - Output (signRound3.Finalize): s = Σ w_j / Σ u_j, the low-S form of
//     (x, s) with its recovery id, verified under the key before it is
//     returned.
//
// The message enters only in round 3: rounds 1 and 2 could be run ahead
// of it, as the paper notes. This package binds the digest into the run
// from the start (its context and session id), as cggmp binds a path
// into a presignature, and leaves presigning for later.
//
// # The two-party multiplication: Protocol 5.2
//
// vole.go: Bob's input is ⟨g, β⟩ for ξ = 512 random choice bits β (κ = 256
// plus 2s, s = 128) and the public gadget g; Alice's correlation is
// (a_1, a_2, â) with â a fresh pad; the KOS15 extension (package
// internal/ot: Masny–Rindal base OTs, KOS15 Fig. 10 with Fiat–Shamir
// challenges) gives random OTs whose messages each expand to three
// scalars; Alice sends the corrections τ_k, the check value u = ⟨χ, α*⟩
// and the hash of r_k = ⟨χ, t^A_k⟩ over every k, with χ = (χ_1, χ_2, 1)
// hashed from everything before; Bob recomputes each r_k as
// β_k·u − ⟨χ, t^B_k⟩. This is DKLs19's check in the one-message form the
// paper's Section 5 gives.
//
// Every multiplication forks the pair's setup with a label that hashes
// the signing session id and the ordered pair (internal/ot's Fork), so no
// OT-extension column, check challenge or row hash is ever reused across
// sessions, pairs or directions: the class of GHSA-7f6p-phw2-8253.
//
// # What an abort names
//
// DKLs23 has no identifiable abort. The package names a culprit, in a
// *transport.AbortError every honest signer agrees on, only where the
// evidence is a broadcast (which the transport's echo check makes the same
// at every honest signer): a malformed commitment, an opening that does
// not match its commitment, a malformed (u_j, w_j). A failure in a
// pairwise message (a malformed multiplication message, a failed KOS15 or
// Protocol 5.2 check, a failed Γ check) is seen by two parties only; the
// abort then names nobody, and a *SuspectError inside it says whom this
// party suspects. A signature that does not verify (some signer sent a
// wrong (u_j, w_j) that decodes) names nobody either. SECURITY.md case 41
// has the details.
//
// A failed KOS15 check may tell the peer one bit of this party's OT secret
// Δ. The run therefore retires the pair in the Key (Key.Retired), and
// NewSign refuses to sign with that peer until the two run the setup
// again. Store the Key after such a run, since the retirement lives in the
// Key.
//
// # Constant time
//
// Secrets are the share, r_i, φ_i, the multiplication inputs and outputs,
// the choice bits β and the OT secrets. Scalar arithmetic uses decred's
// constant-time ModNScalar; products by a choice bit mask bytes instead of
// branching (maskedScalar); point multiplications by secrets go through
// package curve's constant-time ladders; the check hash is compared with
// subtle.ConstantTimeCompare. Only Σ u_j, which every signer sees, is
// inverted in variable time. The timing tests (-tags timing) cover the
// multiplication of both roles.
//
// # Agreement
//
// With an Identity in SetupConfig or SignConfig, every message is signed
// and the run agrees (docs/agreement.md): signing ends only once every
// signer has confirmed the signature, and an abort is followed by the
// transport's conclusion, so honest signers end alike. The conclusion's
// verdict names only what it can prove (equivocation, forged echoes,
// parties blamed by more than MaxFaulty others); a pairwise fault, which
// one party alone saw, names nobody there either.
//
// # Not here yet
//
// Presignatures (rounds 1 and 2 ahead of the message), and curves other
// than secp256k1.
package dkls23
