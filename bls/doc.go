// Package bls implements BLS signatures on BLS12-381 and their threshold
// form over the keys of package dkg.
//
// The scheme is draft-irtf-cfrg-bls-signature-05 in its
// minimal-pubkey-size variant, the one Ethereum's consensus layer uses:
// public keys are points of G1 (48 bytes compressed, curve.BLS12381G1),
// signatures points of G2 (96 bytes compressed). Two ciphersuites
// (section 4.2): POP, BLS_SIG_BLS12381G2_XMD:SHA-256_SSWU_RO_POP_, with
// proofs of possession (section 3.3: PopProve, PopVerify) and
// FastAggregateVerify; and Basic, BLS_SIG_BLS12381G2_XMD:SHA-256_SSWU_RO_NUL_
// (section 3.1), whose AggregateVerify requires distinct messages. Sign,
// Verify, Aggregate and AggregateVerify follow sections 2.6 to 2.9;
// KeyValidate section 2.5. Messages are hashed to G2 by hash_to_curve of
// RFC 9380 with the suite BLS12381G2_XMD:SHA-256_SSWU_RO_ (section 8.8.2),
// checked against the RFC's appendix J.10.1 vectors. Encodings and edge
// cases follow Ethereum's consensus layer, whose BLS test vectors
// (ethereum/bls12-381-tests) the tests run: the infinity signature (the
// identity of G2) decodes and aggregates but no verification accepts it,
// and KeyValidate refuses the identity as a key. A partial signature of
// the threshold scheme is never the identity; one is refused, naming its
// sender.
//
// # Threshold signatures
//
// A BLS signature is linear in the key, so a t-of-n key from package dkg
// on curve.BLS12381G1 signs in one round with no interaction: each signer
// publishes σ_i = x_i·H(m) (PartialSign); anyone holding the key's public
// data checks σ_i against the signer's verification share X_i with
// e(X_i, H(m)) = e(G1, σ_i) (PartialVerify), and Combine interpolates t
// partials in G2 with the Lagrange coefficients at 0 (Boldyreva, "Threshold
// signatures, multisignatures and blind signatures based on the
// Gap-Diffie-Hellman-group signature scheme", PKC 2003). Combine verifies
// its result; if it fails, it checks every partial and names every signer
// whose partial fails in a CombineError (SECURITY.md case 40). The group
// key proves possession of itself the same way: ThresholdPopProve and
// CombinePop. Package refresh refreshes, repairs and reshares the shares
// with the group key unchanged.
//
// # Implementation
//
// Group and pairing arithmetic is cloudflare/circl's ecc/bls12381: a
// fiat-crypto field, complete addition formulas, and scalar
// multiplication by a fixed 4-bit window over all 256 bits of the scalar
// whose table entries are chosen by constant-time conditional moves, so
// multiplying by a secret share is constant time (the timing test of
// SECURITY.md case 27 checks PartialSign). consensys/gnark-crypto was
// faster in measurement (about 2x for the pairing and hashing, 3-5x for
// scalar multiplication) but multiplies with GLV and signed digits over
// math/big with data-dependent branches, so it is used only by the tests,
// as the independent implementation every threshold signature is checked
// against.
package bls
