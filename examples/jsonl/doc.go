// Package jsonl writes threshold signatures as JSON lines, the output
// contract of mosaic's example programs (docs/json-lines.md): one JSON
// object per line, byte strings as lowercase hex without a 0x prefix, so
// that a verifier that shares no code with mosaic (libsecp256k1, btcd,
// [crypto/ed25519], a script in another language) can check every signature
// a program prints. Explanations and progress belong on stderr, never in
// these lines.
//
// It is public so that a program copied from examples/ keeps working in
// another module, and so that an integrator's own tools can print
// signatures that the same verifiers accept.
//
// The schemes and the encodings of public_key and signature:
//
//   - [ECDSA], "ecdsa-secp256k1": the 33-byte compressed SEC1 key, the
//     64-byte r || s with low S
//     ([github.com/mosaic-mpc/mosaic/cggmp.Signature.Bytes]); the line also
//     has "digest", the 32 bytes that were signed, and "recovery_id", 0 or
//     1, when [Line.RecoveryID] is set.
//   - [ECDSAP256], "ecdsa-p256": the 33-byte compressed SEC1 key and the
//     64-byte r || s with low S, with "digest" and "recovery_id" as for
//     secp256k1.
//   - [ECDSAStark], "ecdsa-stark": the 32-byte x coordinate of the key
//     (Starknet's public key), the 64-byte r || s, and "digest", the
//     32-byte message hash, a field element below 2^251.
//   - [Ed25519], "ed25519": the 32-byte RFC 8032 key and the 64-byte R || S
//     signature of FROST(Ed25519, SHA-512) (RFC 9591 section 6.1).
//   - [BIP340], "bip340": the 32-byte x-only key (the BIP-341 output key
//     when the key was tweaked) and the 64-byte BIP-340 signature.
//   - [FROSTSecp256k1SHA256], "frost-secp256k1-sha256": the 33-byte
//     compressed key and the 65-byte compressed R || z of RFC 9591
//     section 6.5.
//   - [FROSTRistretto255], "frost-ristretto255": the 32-byte ristretto255
//     encoding of the key and the 64-byte R || z, z little-endian
//     (RFC 9591 section 6.2).
//   - [FROSTEd448], "frost-ed448": the 57-byte RFC 8032 key and the 114-byte
//     R || z of RFC 9591 section 6.3, an RFC 8032 Ed448 signature with an
//     empty context.
//   - [FROSTP256], "frost-p256": the 33-byte compressed SEC1 key and the
//     65-byte compressed R || z, z big-endian (RFC 9591 section 6.4).
//   - [BLS12381G2POP], "bls12381-g2-pop": the 48-byte compressed G1 key
//     and the 96-byte compressed G2 signature of the ciphersuite
//     BLS_SIG_BLS12381G2_XMD:SHA-256_SSWU_RO_POP_
//     (draft-irtf-cfrg-bls-signature-05), with "message".
//
// The Schnorr and BLS schemes print "message", the bytes that were signed.
// Optional fields from [Line.Extra] ("step", "path", "signers", ...) are
// added beside these; they never replace one.
package jsonl
