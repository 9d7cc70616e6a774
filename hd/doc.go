// Package hd is BIP-32 hierarchical deterministic derivation for threshold
// secp256k1 keys, SLIP-10 public derivation for NIST P-256 keys, and the
// chain-specific encodings around them.
//
// Specifications:
//   - SLIP-10, "Universal private key derivation from master private key"
//     (SatoshiLabs, repo satoshilabs/slips, slip-0010.md): CKDpub on NIST
//     P-256, BIP-32's step with P-256's order and, instead of an invalid
//     child, a re-hash of 0x01 || I_R || ser32(i), for [DeriveTweakP256];
//     checked against the document's nist256p1 test vectors.
//   - BIP-32, "Hierarchical Deterministic Wallets" (repo bitcoin/bips,
//     bip-0032.mediawiki): CKDpub and CKDpriv, the invalid-child rule, key
//     fingerprints (HASH160) and the 78-byte Base58Check serialization
//     with version bytes xpub 0x0488B21E, xprv 0x0488ADE4, tpub 0x043587CF,
//     tprv 0x04358394.
//   - BIP-341, "Taproot" (bip-0341.mediawiki): taproot_tweak_pubkey with the
//     TapTweak tagged hash of BIP-340, for [TaprootOutputKey].
//   - EIP-55 (now ERC-55), mixed-case checksum addresses, and the Ethereum
//     yellow paper, Appendix F: an address is the last 20 bytes of
//     Keccak-256 of the uncompressed public key.
//   - Groth and Shoup, "On the security of ECDSA with additive key
//     derivation and presignatures" (ePrint 2021/1330, Eurocrypt 2022).
//
// Threshold derivation. Non-hardened BIP-32 derivation is additive: the
// child of K is K + t·G for a tweak t computed from public data (K, the
// chain code and the path). [DeriveTweak] returns t, and since the
// Lagrange coefficients of any signing set sum to 1, every party adding t
// to its own Shamir share yields a sharing of the child key with no
// interaction ([DeriveKeyShare]). Hardened derivation hashes the parent
// private key, which no party holds, so it is refused with [ErrHardened]; a
// wallet layout such as m/44'/0'/0'/0/i must place its hardened levels
// above the threshold key (import that node with [SplitExtendedPrivateKey],
// or treat the DKG's group key as the account node).
//
// Derive before presigning. Groth and Shoup show that ECDSA presignatures
// combined with an additive key tweak chosen after the presignature (like a
// raw digest chosen late) give an attacker related-key forgeries. So the
// path, and with it the tweak, must be fixed before presigning starts and
// be part of what the presignature is made for; an existing presignature
// must never be used under a different derived key.
//
// Chain code. A key made by package [dkg] carries a chain code that all
// parties contributed to (each commits in round 1 and reveals in round 3),
// so no single party chose it. A key imported with
// [SplitExtendedPrivateKey] carries the xprv's chain code. The chain code
// is not a signing secret, but together with any non-hardened child private
// key it reveals the parent private key (BIP-32, "Implications"), so hand
// out xpubs with care.
//
// Importing an xprv. [ParseExtendedPrivateKey], [ExtendedPrivateKey.Derive]
// (CKDpriv, hardened or not) and [SplitExtendedPrivateKey] exist for a
// one-off trusted-dealer import of an existing wallet. The importing
// machine is a single point of trust: it sees the whole key.
//
// Chain helpers: [EthereumAddress] (EIP-55), [BitcoinDERWithSighash] (DER
// signature plus sighash byte for legacy and SegWit v0 scripts),
// [TaprootOutputKey] and [TaprootKeyShare] (BIP-341 key-path tweak),
// [XOnly] (BIP-340 bytes(P)).
package hd
