// Package backup seals a key share, or a whole CGGMP21 ECDSA key, under a
// passphrase for storage, as the architecture's "Data that outlives a run"
// asks: a memory-hard key derivation, Argon2id (RFC 9106;
// golang.org/x/crypto/argon2), and an AEAD, XChaCha20-Poly1305
// (draft-irtf-cfrg-xchacha; RFC 8439 for ChaCha20-Poly1305;
// golang.org/x/crypto/chacha20poly1305).
//
// [Seal] and [Open] take a [dkg.KeyShare], the share every scheme of the
// module uses. [SealECDSAKey] and [OpenECDSAKey] take a [cggmp.Key]: the
// secp256k1 share and the aux info (this party's Paillier secret key,
// every party's Paillier key and ring-Pedersen parameters). A share alone
// restores a FROST party, but a CGGMP21 party restored from its share
// alone must run aux-info again, with every other party, before it can
// presign; with the whole key it presigns at once.
//
// A sealed file is a versioned header followed by the ciphertext of the
// payload's encoding ([dkg.KeyShare.MarshalBinary] or
// [cggmp.Key.MarshalBinary]) and a SHA-256 checksum:
//
//	offset    size  field
//	0         8     magic "MOSAICBK"
//	8         1     format version (2)
//	9         1     key derivation (1 = Argon2id)
//	10        4     Argon2id time (passes)
//	14        4     Argon2id memory, KiB
//	18        1     Argon2id threads
//	19        16    salt (random)
//	35        24    XChaCha20-Poly1305 nonce (random)
//	59        16    passphrase check
//	75        1     curve id (curve.ID)
//	76        4     party id
//	80        1     scheme name length L (1..64)
//	81        L     scheme name (printable ASCII, e.g. "frost-ed25519")
//	81+L      P     group key (the curve's canonical point encoding)
//	81+L+P    1     payload kind ([KindKeyShare] 1, [KindECDSAKey] 2)
//	82+L+P    4     ciphertext length C
//	86+L+P    C     ciphertext (plaintext + 16-byte tag)
//	end-32    32    SHA-256 of everything before it
//
// with big-endian integers. The whole header, from the magic to the
// ciphertext length, is the AEAD's associated data, so the curve, scheme
// name, party id, group key, payload kind, format version and
// key-derivation parameters are authenticated: none can be changed, and a
// weaker parameter set cannot be substituted, without the file failing to
// open. After decryption the payload is decoded with its type's own
// checks (a share's, or a key's [cggmp.Key.Validate]) and must match the
// header. The plaintext buffers are cleared once decoded or encrypted.
//
// Format version 1, which the first releases wrote, has no payload kind
// byte (the ciphertext length follows the group key) and always holds a
// key share; this release still opens it, byte for byte as before. Each
// opener reads one kind and refuses the other with [ErrKind] (a
// [*KindError]) before any key derivation, so a key share is never decoded
// as a key nor the reverse, and an older release refuses every version 2
// file with [ErrVersion] rather than misreading a key as a share.
//
// Argon2id derives 64 bytes from the passphrase and salt: the first 32 are
// the AEAD key, the last 32 make the passphrase check (SHA-256 of a domain
// label and them, truncated to 16 bytes). The check tells a wrong
// passphrase ([ErrWrongPassphrase]) from an altered file ([ErrTampered]); it
// lets an attacker test passphrases no faster than trial decryption does,
// since the Argon2id cost is the same. The trailing checksum is not a
// security measure (an attacker can recompute it; the AEAD is what
// authenticates): it tells accidental damage ([ErrCorrupted]) from a wrong
// passphrase before any key derivation is spent.
//
// Default parameters are time = 3, memory = 64 MiB, threads = 4, the
// second recommendation of RFC 9106, section 4. [WithParams] lowers them for
// tests only.
//
// # Key-derivation policy
//
// The parameters are in the file, so a file that [Open] did not write could
// ask for any cost: Argon2id allocates its whole memory at once and runs
// in time proportional to passes × memory. Open therefore checks them,
// with the rest of the header and before any derivation, against a policy
// ([Limits]) and refuses a file beyond it with [ErrParams]. The default
// policy ([DefaultLimits]) allows four times the default cost: at most
// 256 MiB of memory, passes × memory at most 4 × 3 × 64 MiB (12 passes
// over 64 MiB, or 3 over 256 MiB) and 16 lanes. A hostile file thus costs
// an Open at most four default derivations; without a policy the format
// alone would allow 1 GiB over 64 passes ([MaxMemoryKiB], [MaxTime]),
// 256 times the default work. [Seal] refuses parameters beyond the same
// policy, so that every file it writes opens under it; a deployment that
// wants stronger parameters passes the same [WithLimits] to Seal and Open.
// [SealECDSAKey] and [OpenECDSAKey] apply the same policy in the same
// order.
//
// The passphrase is used as given, byte for byte: normalise it (for
// example to Unicode NFC) before calling [Seal] and [Open] if it may be typed
// on different systems.
//
// # Why the ECDSA key is sealed here
//
// This package imports cggmp (and through it paillier) for
// [SealECDSAKey], and sits above it in the layers of docs/architecture.md.
// No cycle arises: cggmp imports nothing under refresh, and no package of
// the module imports this one. One package keeps one file format, one
// header reader ([Inspect]), one key-derivation policy and one set of
// errors for both payloads; a separate cggmp/backup package would have to
// export this package's sealing core or duplicate it. The cost is that a
// program sealing only FROST shares also compiles cggmp's packages; none
// of them runs code at start-up.
package backup
