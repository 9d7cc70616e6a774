// Package curve is the one interface, [Curve], over the two prime-order
// groups mosaic uses: secp256k1 ([Secp256k1]; SEC 2 section 2.4.1; decred's
// constant-time field and scalar arithmetic) and the prime-order subgroup of
// edwards25519 ([Edwards25519]; RFC 8032 section 5.1;
// [filippo.io/edwards25519]).
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
