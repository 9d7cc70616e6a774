// Package ecdsa decodes, encodes and verifies ECDSA signatures on
// secp256k1 and P-256, for values that are public: signatures that arrive
// from a chain, a wallet, a KMS or a passkey, checked against a public
// key. It signs nothing; threshold signing lives in cggmp.
//
// Verification ([VerifyVarTime]) is SEC 1 v2 section 4.1.4, on the curves
// of package curve; [VerifyLowSVarTime] adds the low-S rule of BIP-146 and
// EIP-2. Both run in variable time, which is safe because every input is
// public.
//
// Two signature encodings are supported, each decoded strictly so that a
// signature has exactly one accepted form (a malleable encoding would let
// anyone change a transaction id or a stored record without the key):
//
//   - DER ([ParseDER], [Signature.DER]): the Ecdsa-Sig-Value SEQUENCE of
//     SEC 1 v2 section C.8 and RFC 3279 section 2.2.3 under the
//     Distinguished Encoding Rules of ITU-T X.690 (sections 8.1, 8.3 and
//     10.1). Bitcoin scripts and X.509 use it. BER forms (long or
//     indefinite lengths), negative or zero integers, superfluous leading
//     zero bytes, wrong tags, trailing bytes and r or s >= n are refused.
//   - IEEE P1363 ([ParseP1363], [Signature.P1363]): r || s at fixed width,
//     64 bytes, as in JOSE (RFC 7518 section 3.4) and WebCrypto.
//
// On the Stark curve (curve.Stark) [VerifyVarTime] applies Starknet's
// rules, those of StarkWare's signature.py (starkex-resources): the 32-byte
// message hash z is a field element in [1, 2^251), not a digest to
// truncate; 1 <= r < 2^251 and r = x(R) exactly, without reduction mod n;
// 1 <= s < n and 1 <= s⁻¹ < 2^251. [CheckStarkRanges] is that range check
// alone, for a signer to run on its output; [ParseStarkSignature] decodes
// r || s; [VerifyStarkXVarTime] takes a public key given as its
// x-coordinate, as Starknet gives it. They are checked against StarkWare's
// published signature test vectors.
//
// Public keys travel as SEC1 points; decode them with curve.DecodeSEC1.
// The verifier is checked against Project Wycheproof's ECDSA vectors for
// both curves (testdata/SOURCES.md) and against crypto/ecdsa for P-256.
package ecdsa
