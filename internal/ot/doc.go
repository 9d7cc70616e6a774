// Package ot is oblivious transfer for OT-based threshold ECDSA: a pairwise
// setup of κ = 128 base OTs, then any number of batches of random 1-of-2
// OTs on 32-byte messages by OT extension. It is the foundation that
// DKLs23 (Doerner, Kondi, Lee, shelat, "Threshold ECDSA in Three Rounds",
// IEEE S&P 2024, ePrint 2023/765) builds its two-party multiplication on;
// DKLs23 itself is not implemented here.
//
// The package is a protocol layer in the sense of docs/architecture.md: it
// does no I/O, reads no clock, starts no goroutine, and takes its
// randomness from an io.Reader (crypto/rand when nil). The caller moves the
// three messages over an authenticated, confidential channel.
//
// # Roles and messages
//
// The extension Sender (party Session.Sender) ends with both messages
// (v_{j,0}, v_{j,1}) of every OT j; the extension Receiver (party
// Session.Receiver) ends with its choice bit x_j and v_{j,x_j}. In the
// setup the roles are reversed, as in every IKNP-style extension: the
// extension sender is the base-OT receiver.
//
//  1. Sender → Receiver, SetupRequest (NewSender): the base-OT receiver's
//     message for κ base OTs whose choice bits are the bits of the
//     sender's secret Δ ∈ {0,1}^κ.
//  2. Receiver → Sender, SetupResponse (Receiver.Setup): the base-OT
//     sender's message; the receiver now holds both keys (k_0^i, k_1^i) of
//     every base OT i, and after Sender.FinishSetup the sender holds
//     k_{Δ_i}^i.
//  3. Receiver → Sender, ExtendMessage (Receiver.Extend), once per batch:
//     the columns u^i and the consistency-check values. Sender.Extend
//     checks them and outputs its messages.
//
// # Base OT: Masny–Rindal (ePrint 2019/706)
//
// Masny and Rindal, "Endemic Oblivious Transfer" (CCS 2019), build a
// two-message OT from any key agreement whose messages are uniform, in the
// random-oracle model, and show it meets their "endemic" security; the
// same paper revisits OT extension and shows that endemically secure base
// OTs suffice as its seed, which is how they are used here. We instantiate the key
// agreement with Diffie–Hellman over ristretto255, a prime-order group, so
// there is no cofactor to clear and every encoding is canonical:
//
//   - the receiver, with choice c, samples a, sets m_c = a·G, samples
//     r_{1−c} uniformly (ristretto255's FromUniformBytes on 64 random
//     bytes) and sets r_c = m_c − H(r_{1−c}); it sends (r_0, r_1)
//     (baseReceive);
//   - the sender computes m_0 = r_0 + H(r_1) and m_1 = r_1 + H(r_0),
//     samples b, sends B = b·G and keeps k_0, k_1, the hashes of b·m_0 and
//     b·m_1 (baseSend);
//   - the receiver's key is the hash of a·B (baseFinish).
//
// H is a random oracle onto the group: cSHAKE256 output mapped by
// ristretto255's one-way map (hashToGroup). It is never "hash to a scalar
// times G", whose discrete logarithm the hasher would know. H and the key
// hash absorb the session id, both party ids and the base-OT index; the
// key hash also absorbs (r_0, r_1, B) and which key it is. This is not the
// original "Simplest OT" of Chou and Orlandi: the receiver's choice hides
// behind a uniformly random pair, and nothing is reused across base OTs.
//
// Every element received is decoded canonically and refused when it is
// the identity (ParseSetupRequest, ParseSetupResponse).
//
// # OT extension: KOS15 (ePrint 2015/546)
//
// Keller, Orsini, Scholl, "Actively Secure OT Extension with Optimal
// Overhead" (CRYPTO 2015), IKNP extension with a consistency check. We
// follow the protocol of Fig. 10 of the revised ePrint version, whose
// check is per column with a universal hash over a field of at least
// κ + s bits, with these choices:
//
//   - Extend, step 1 (receiver): the choice vector x' is the caller's
//     count bits, then random bits up to ℓ' = count rounded up to 256,
//     plus 256 (extendedRows). The last 256 rows are thrown away.
//   - Extend, step 2: each base-OT key is stretched into a column of ℓ'
//     bits by cSHAKE256 bound to the session, the pair, the batch number
//     and the column index (expandColumn): a new batch, a new session or
//     another pair never reuses a column.
//   - Extend, step 3 (receiver): t^i = G(k_0^i), u^i = t^i ⊕ G(k_1^i) ⊕ x';
//     the u^i are sent.
//   - Extend, step 4 (sender): q^i = G(k_{Δ_i}^i) ⊕ Δ_i·u^i = t^i ⊕ Δ_i·x'.
//   - Check, step 1: the coin toss that picks χ_1 … χ_m ∈ GF(2^256) is
//     replaced by a hash of the session, the pair, the batch and all the
//     columns (checkChallenges), the Fiat–Shamir form DKLs23 suggests,
//     so the batch is one message.
//   - Check, step 2 (receiver): x̃ = Σ χ_k·x'^(k) + x'^(m+1) and, for every
//     column, t̃^i = Σ χ_k·t^{i,(k)} + t^{i,(m+1)}, where v^(k) is the k-th
//     256-bit chunk of v (compress).
//   - Check, step 3 (sender): q̃^i = t̃^i + Δ_i·x̃ for every column, else
//     abort naming the receiver (ErrConsistencyCheck inside a PeerError).
//     A failed check may tell the receiver one bit of Δ, so the Sender
//     refuses every later batch (ErrAborted): the setup must be run anew.
//   - Transpose and randomize: the rows are t_j and q_j = t_j ⊕ x_j·Δ; the
//     messages are v_{j,0} = H(j, q_j), v_{j,1} = H(j, q_j ⊕ Δ) for the
//     sender and v_{j,x_j} = H(j, t_j) for the receiver, with H(j, x) =
//     SHA-256(k || j || x) under a key k that cSHAKE256 derives from the
//     session, the pair and the batch (rowHasher).
//
// The check field is GF(2)[x]/(x^256 + x^10 + x^5 + x^2 + 1), so s = 128.
//
// # What DKLs23 adds on top
//
// DKLs23's two-party multiplication (built on that of DKLs19) needs
// correlated OTs over the secp256k1 scalar field: the sender derandomizes
// each random OT by sending τ_j = v_{j,1} − v_{j,0} + α_j, with the v
// mapped into Z_q, and the multiplication adds its own checks. None of
// that, nor the pairwise setup after dkg, is in this package yet.
//
// # Constant time
//
// The receiver's choice bits and base keys, and the sender's Δ and keys,
// are secret. No branch or memory index depends on them: the base-OT
// receiver orders (r_0, r_1) with subtle.ConstantTimeCopy; the sender
// applies Δ_i to u^i and to x̃ with masks; field multiplication runs over
// every bit with masks (gfMul); the bit transposition touches every bit
// alike (transpose); the κ check comparisons are folded with
// subtle.ConstantTimeCompare into one verdict. ristretto255 scalar
// multiplication is constant time. Which batch failed and when is public.
package ot
