// Package frost implements FROST threshold Schnorr signatures as RFC 9591
// ("The Flexible Round-Optimized Schnorr Threshold (FROST) Protocol for
// Two-Round Schnorr Signatures") writes them: the coordinator-style
// functions of the RFC, and [NewSign], a peer-to-peer machine that runs
// them with no coordinator.
//
// Every ciphersuite of RFC 9591 is provided, and a taproot variant:
//
//   - [Ed25519SHA512]: FROST(Ed25519, SHA-512), RFC 9591 section 6.1. The
//     output is an RFC 8032 Ed25519 signature.
//   - [Ristretto255SHA512]: FROST(ristretto255, SHA-512), RFC 9591 section
//     6.2. Hashes are SHA-512 reduced mod ℓ, with the context string in
//     H2 too; the output is the 32-byte ristretto255 R followed by the
//     32-byte little-endian z.
//   - [Ed448SHAKE256]: FROST(Ed448, SHAKE256), RFC 9591 section 6.3. Hashes
//     are SHAKE256 with 114 bytes of output reduced mod q, H2 with RFC
//     8032's dom4 prefix; elements that are not in the prime-order subgroup
//     are rejected on decoding. The output is an RFC 8032 Ed448 signature
//     (empty context, 114 bytes).
//   - [P256SHA256]: FROST(P-256, SHA-256), RFC 9591 section 6.4. Hashes are
//     RFC 9380 hash_to_field with expand_message_xmd(SHA-256); the output
//     is the 33-byte compressed R followed by the 32-byte z.
//   - [Secp256k1SHA256]: FROST(secp256k1, SHA-256), RFC 9591 section 6.5.
//     The output is the 33-byte compressed R followed by the 32-byte z.
//   - [Secp256k1TR]: the BIP-340 compatible variant
//     "FROST-secp256k1-SHA256-TR-v1" of ZcashFoundation/frost
//     (frost-secp256k1-tr). H2 is BIP-340's tagged challenge over x-only R
//     and group key, the group key and R are brought to even y by negating
//     the signing share and the nonces, and keys may carry the BIP-341
//     taproot tweak ([KeyPackage.Tweak], [PublicKeyPackage.Tweak]; BIP-341
//     taproot_tweak_pubkey with or without a script tree). The output is a
//     64-byte BIP-340 signature.
//
// # The RFC in this package
//
//   - Section 3 (cryptographic dependencies): [Ciphersuite], with H1 to H5
//     of section 6 built on [curve.Curve.HashToScalar].
//   - Sections 4.1 to 4.6 (nonce generation, Lagrange coefficients, list
//     operations, binding factors, group commitment, challenge): the
//     helpers behind [Commit], [Sign] and [Aggregate]. The commitment list
//     is encoded once per [SigningPackage], so binding factors cost O(n)
//     hashing, not O(n^2).
//   - Section 5.2's input validation, which the RFC asks of signers: every
//     element is decoded with validation, and [Sign] requires the signer's
//     own identifier and commitment to be present and equal to its own, no
//     duplicate identifiers and at least MIN_PARTICIPANTS commitments.
//   - Section 6 and Appendix B (signature encoding and verification):
//     [Verify].
//   - Appendix C (trusted dealer key generation): [TrustedDealerKeygen].
//     Keys from a DKG enter through [NewKeyPackage] and
//     [NewPublicKeyPackage], or [KeysFromShare] for a [dkg.KeyShare] (from
//     package dkg, refresh or a dealer).
//
// # Signing
//
// A signing runs these steps at every signer; [NewSign] runs them over
// transport's round framework, and the functions let any other machine or
// coordinator run them:
//
//  1. Round one (section 5.1): [Commit] draws the single-use
//     [SigningNonces] and their [SigningCommitments], which the signer
//     broadcasts ([SigningCommitments.Bytes]).
//  2. Round two (section 5.2): every signer decodes the commitments it
//     receives with [DecodeSigningCommitments], checking that the encoded
//     identifier is the sender's, builds the same [SigningPackage] with
//     [NewSigningPackage], signs it with [Sign] and broadcasts its
//     [SignatureShare] ([SignatureShare.Bytes]).
//  3. Aggregation and identifiable abort (sections 5.3 and 5.4): every
//     signer decodes the shares ([DecodeSignatureShare]) and runs
//     [Aggregate], which verifies the signature and, when it is invalid,
//     checks every share with [VerifySignatureShare] and names every cheater
//     in a [*CheatersError].
//
// In [NewSign] the framework's echo check makes sure that every signer
// built the same package. The shares are computed before that check (it
// runs when round two is complete, before aggregation), which is safe
// because a FROST signer may take its signing package from an untrusted
// coordinator: its single-use nonces are bound to the one package it
// signed, and a party that sent different commitments to different signers
// is named by the echo check. A signer that sends a malformed or invalid
// share is named by every signer that receives it (with identities, as the
// next section says); a single signer (a 1-of-1 key) runs the same steps
// with no peers.
//
// # Agreement with identities
//
// Without identities a [NewSign] run is broadcast with abort: a malicious
// signer that sends a bad share, or none, to some signers only makes them
// abort while the others return the signature. [SignConfig.Identity] gives
// the run transport's agreement layer (docs/agreement.md): every message is
// signed with the signer's long-term identity key, and every honest signer
// ends alike, all with the same signature or all aborting naming the same
// culprits, never an honest one. The machine then adds a third round in
// which every signer confirms the signature it aggregated, and returns it
// only with every signer's confirmation (a signer whose copy of one was
// withheld takes the certificate another signer sends). A signer that got
// a bad share cannot aggregate without it, since the signature needs the
// share of every signer of the package, so the run aborts for all, and a
// signer that sent a bad share to some and a good one to others is named
// by the two shares it signed. A share withheld from some signers is
// relayed to them by the others.
//
// The run withstands f malicious signers ([transport.Identity] MaxFaulty),
// by default the key's minimum less one (any MinSigners signers can sign
// whatever they like anyway), capped to the number of signers less one.
// An abort names a signer on self-verifying evidence (two different
// messages it signed for one round, or an echo it signed holding what
// another signer never signed) or when more than f signers blame it, which
// the honest signers alone achieve when more than 2f sign: all holders of
// a 2-of-3 or a 3-of-5 key, for example. With exactly MinSigners signers
// there is no honest majority (f is then the number of signers less one),
// and only self-verifying evidence names anyone: a signer that sends every
// peer the same invalid share makes the run abort naming nobody, where a
// run without identities names it.
//
// Every message also carries a digest of the public inputs (the suite, the
// public key package, the signing set, the message and, with identities,
// every signer's identity key): a signer that holds other ones ends the
// run at once with [transport.ErrContextMismatch], naming nobody.
//
// # Session ids
//
// A [NewSign] run takes a session id that all its signers share and that no
// other run ever had. [SessionID] derives it, as [dkg.SessionID] does for
// key generation, from the protocol's family (not its version, so that a
// signer on another version is named at its first message), everything that
// defines the run (the ciphersuite, the public key package, the signing set
// and the message) and a fresh random nonce of at least [NonceSize] bytes
// that every signer agreed on beforehand, for example sent by whoever
// requests the signature. It refuses a short nonce and an invalid signing
// set with an error wrapping [ErrConfig], and the ids of different
// protocols or runs never coincide. The id is mosaic's, kept apart from
// RFC 9591's hashes, which it does not enter: it binds the messages of the
// run (the transport checks it on every one). [NewSign] takes any non-empty
// id the transport accepts; it cannot tell a fresh id from a replayed one,
// so freshness is the caller's.
//
// # Security notes
//
// An abort does not mean that the message went unsigned: every signer
// receives the shares of all the others in round two, so a malicious
// signer can aggregate the signature itself while the honest ones abort.
//
// Nonces are single use: [Sign] consumes and zeroes a [*SigningNonces]
// whether or not it succeeds, and a second use returns [ErrNonceReused]
// (SECURITY.md case 22). Every value from a peer goes through a strict
// decoder ([DecodeIdentifier], [DecodeSigningCommitments],
// [DecodeSignatureShare], [DecodeSigningPackage]) built on
// [curve.Curve.DecodePoint] and [curve.Curve.DecodeScalar]: identifiers
// must be non-zero and canonical (case 21), points canonical, in the
// prime-order subgroup and not the identity (case 23). The challenge hashes
// H1 to H5 are fixed by RFC 9591 and BIP-340 for interoperability, so this
// package does not use mosaic's transcript hashing: its Fiat-Shamir inputs
// are the RFC's, byte for byte.
//
// Secret arithmetic (nonces, shares) uses the constant-time operations of
// package curve; variable-time multi-scalar multiplication is used only on
// public values (group commitment, share and signature verification).
package frost
