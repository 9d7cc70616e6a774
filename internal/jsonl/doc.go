// Package jsonl prints signatures in the examples' JSON line contract
// (shared/spec/json-lines.md): one JSON object per line on stdout, lowercase
// hex without 0x, so that any independent verifier (libsecp256k1, btcd,
// crypto/ed25519, ...) can check them. Progress and explanations go to
// stderr, never through this package.
//
// The schemes and their encodings:
//
//   - ECDSA, "ecdsa-secp256k1": public_key is the 33-byte compressed SEC1
//     key, digest the 32 bytes that were signed, signature r || s with low
//     S (cggmp.Signature.Bytes) and recovery_id 0 or 1.
//   - Ed25519, "ed25519": the 32-byte RFC 8032 key and 64-byte R || S
//     signature (FROST(Ed25519, SHA-512), RFC 9591 section 6.1).
//   - BIP340, "bip340": the 32-byte x-only key (the tweaked output key
//     when a BIP-341 tweak is used) and the 64-byte BIP-340 signature.
//   - FROSTSecp256k1SHA256, "frost-secp256k1-sha256": the 33-byte
//     compressed key and the 65-byte compressed R || z of RFC 9591
//     section 6.5.
//
// Extra fields (Line.Extra) such as "step", "path" or "signers" may be
// added; they never replace the five names above.
package jsonl
