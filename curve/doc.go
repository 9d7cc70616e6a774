// Package curve is the one interface, [Curve], over the prime-order
// groups mosaic uses, among them secp256k1 ([Secp256k1]; SEC 2 section 2.4.1; decred's
// constant-time field and scalar arithmetic) and the prime-order subgroup of
// edwards25519 ([Edwards25519]; RFC 8032 section 5.1;
// [filippo.io/edwards25519]).
//
// The groups of RFC 9591's ristretto255 and Ed448 suites are here too.
// [Ristretto255] is RFC 9496's prime-order group over edwards25519
// (elements from github.com/gtank/ristretto255, scalars from
// filippo.io/edwards25519): scalars 32 bytes little-endian, elements the
// 32-byte canonical encoding of RFC 9496 section 4.3.2, decoded as section
// 4.3.1 says; every decoded element is in the group, so there is no
// cofactor to handle (RFC 9591 section 6.2). [Ed448] is the prime-order
// subgroup of Ed448-Goldilocks (RFC 8032 section 5.2;
// github.com/cloudflare/circl's ecc/goldilocks): scalars 57 bytes
// little-endian, points the 57-byte RFC 8032 encoding, and, as RFC 9591
// section 6.3 requires of DeserializeElement, a point is accepted only if
// [q]P is the identity, so that a point of order 2 or 4, or one with such
// a component, is rejected with [ErrSmallOrder] as on edwards25519. Their
// HashToScalar is RFC 9591's: SHA-512 reduced mod ℓ for ristretto255,
// SHAKE256 with 114 bytes of output reduced mod q for Ed448.
//
// NIST P-256 ([P256]; SEC 2 section 2.4.2, where it is secp256r1; ID 3)
// has its points from filippo.io/nistec, the constant-time code behind Go's
// crypto/ecdh and crypto/ecdsa, and its scalars mod n from
// filippo.io/bigmod (nistec keeps its scalar field private; bigmod is what
// Go's crypto/ecdsa uses for the same scalars). Its encodings are those of
// secp256k1: scalars 32 bytes big-endian, points 33-byte SEC1 compressed,
// the identity 33 zero bytes on request; P-256 has cofactor 1. Its
// HashToScalar is RFC 9380 section 5.2 hash_to_field with
// expand_message_xmd over SHA-256 and L = 48, as FROST(P-256, SHA-256)
// needs (RFC 9591 section 6.4). nistec has no variable-time
// multiplication, so P-256's VarTime functions run the constant-time code.
//
// The Stark curve ([Stark]; ID 6; names "stark", "stark-curve",
// "starknet") is Starknet's and StarkEx's y² = x³ + α·x + β over
// p = 2^251 + 17·2^192 + 1 with α = 1, of prime order n (so cofactor 1).
// Its constants (FIELD_PRIME, ALPHA, BETA, EC_ORDER and the generator
// EC_GEN) are those of StarkWare's pedersen_params.json, as loaded and
// asserted by crypto/starkware/crypto/signature/signature.py in
// github.com/starkware-libs/starkex-resources and listed on the Starknet
// documentation page "STARK curve"; the tests check them against the
// curve's definition and Starknet's published key pairs. Its field is this
// package's own constant-time four-limb Montgomery arithmetic (branch-free
// reduction, inversion by Fermat's little theorem), its points use the
// complete projective addition of Renes, Costello and Batina (eprint
// 2015/1060, Algorithm 1, for any a) and constant-time 4-bit fixed-window
// multiplication with table scans, and its scalars mod n use
// filippo.io/bigmod as P-256's do. Encodings: scalars 32 bytes
// big-endian below n; points 33 bytes in a SEC1-style compressed form
// (0x02 or 0x03 for the parity of y, then x big-endian, x < p), the
// identity 33 zero bytes on request. Decoding takes a variable-time
// square root, fine for public points: as p − 1 = 2^192·q, it finds a
// discrete logarithm in the subgroup of order 2^192 six bits at a time
// with tables (Bernstein, "Faster square roots in annoying finite
// fields", 2001).
// No standard defines a hash to this curve's scalars; its HashToScalar is
// mosaic's choice, RFC 9380 hash_to_field with expand_message_xmd over
// SHA-256 and L = 48, as for P-256.
//
// G1 of BLS12-381 ([BLS12381G1]; ID 7; names "bls12-381-g1",
// "bls12381g1") is the order-r subgroup of y² = x³ + 4 over the 381-bit
// prime field (draft-irtf-cfrg-pairing-friendly-curves-11, section
// 4.2.1), the group of the public keys of package bls. Its points are
// github.com/cloudflare/circl's ecc/bls12381 G1: a fiat-crypto field,
// complete addition formulas, and multiplication by a fixed 4-bit window
// over all 256 bits of the scalar with constant-time table lookups, so
// ScalarMult and ScalarBaseMult are constant time (the timing test
// checks them). Its VarTime functions use Straus's method on public
// scalars. Scalars mod r use filippo.io/bigmod, 32 bytes big-endian.
// Points are the 48-byte compressed form of the ZCash serialization
// (appendix C of that draft): compression flag set, infinity flag for the
// identity (0xc0 then 47 zero bytes, decoded only on request), sign flag
// for the larger y, x big-endian below p. Decoding refuses the
// uncompressed form, stray flag bits, x >= p, an x with no point, points
// outside the subgroup (circl's endomorphism check of Bowe, ePrint
// 2019/814) and any encoding that does not re-encode to itself. Its
// HashToScalar is RFC 9380 section 5.2 hash_to_field with
// expand_message_xmd over SHA-256 and L = 48, reduced mod r, as for P-256;
// dkg and refresh use it for their proofs' challenges.
//
// Public keys of the two Weierstrass curves also travel in the other SEC1
// forms: [EncodeSEC1Compressed], [EncodeSEC1Uncompressed] and [DecodeSEC1]
// implement SEC 1 v2 sections 2.3.3 and 2.3.4, taking only the compressed
// (33-byte) and uncompressed (65-byte) forms and refusing the hybrid forms,
// the one-octet point at infinity, coordinates >= p and points off the
// curve.
//
// Encodings are canonical and fixed width. secp256k1 scalars are 32 bytes
// big-endian and points 33-byte SEC1 compressed (the identity, which SEC1
// cannot express, is 33 zero bytes and is decoded only on request);
// edwards25519 scalars are 32 bytes little-endian and points the 32-byte
// encoding of RFC 8032 section 5.1.2. Decoders ([Curve.DecodeScalar],
// [Curve.DecodePoint], [DecodePoints]) never reduce or repair: a
// scalar >= q, a non-canonical or off-curve point, a point outside the
// prime-order subgroup (any of the eight torsion points, or a point with a
// torsion component) and, unless the caller allows it, the identity are all
// rejected with an error (see SECURITY.md rule 1).
//
// Arithmetic that may see secrets is constant time. decred ships only
// variable-time secp256k1 scalar multiplication, so this package implements
// constant-time multiplication with the complete formulas of Renes, Costello
// and Batina (eprint 2015/1060) over decred's constant-time field. Functions
// whose names contain VarTime ([Curve.VarTimeMultiScalarMult],
// [Point.VarTimeScalarMult]) are for public values only.
//
// The package also holds the hash-to-scalar maps of the RFC 9591
// ciphersuites ([Curve.HashToScalar]; RFC 9380 section 5.3.1
// expand_message_xmd with SHA-256, [ExpandMessageXMDSHA256], for secp256k1;
// SHA-512 wide reduction for edwards25519), the BIP-340 helpers
// ([TaggedHash], [XOnlyBytes], [HasEvenY] and [LiftX] for tagged hashes,
// x-only keys, even y and lift_x, and [YParity] with [CondNegate] for
// negating a secret scalar by a point's y parity without a branch) and
// ECDSA's r = x(R) mod n ([ECDSAScalarFromPoint]).
package curve
