// Package schnorr holds the two Schnorr constructions mosaic builds on.
//
// BIP-340 signatures over secp256k1 (bitcoin/bips, bip-0340.mediawiki):
// [Sign] is the BIP's default signing algorithm, with the nonce derived
// from 32 bytes of auxiliary randomness through the tagged hashes
// "BIP0340/aux" and "BIP0340/nonce", the challenge from
// "BIP0340/challenge", and the final self-verification the BIP prescribes.
// [Verify] performs every check of the BIP's verification algorithm and
// accepts messages of any length. The secret key and nonce are handled in
// constant time, including the even-y negations ([curve.YParity] and
// [curve.CondNegate] instead of branches).
//
// A non-interactive Schnorr proof of knowledge of a discrete logarithm
// ([Proof]; C. P. Schnorr, "Efficient signature generation by smart cards",
// J. Cryptology 1991, made non-interactive by Fiat and Shamir), on either
// curve, bound to an internal [transcript.Transcript]. FROST's distributed
// key generation (Komlo and Goldberg 2020, Figure 1, which hashes
// c = H(i, Φ, g^{a_0}, R)) and CGGMP21 key generation use it as the proof
// that each party knows the secret behind its public contribution (the
// rogue-key defence, SECURITY.md case 18). Here the caller supplies what
// Komlo-Goldberg put in the hash (the session context Φ and the prover
// id i) by absorbing it into the transcript before calling [Prove] or
// [Proof.Verify] (SECURITY.md rule 2).
package schnorr
