// Package backup seals a key share under a passphrase for storage, as the
// architecture's "Data that outlives a run" asks: a memory-hard key
// derivation, Argon2id (RFC 9106; golang.org/x/crypto/argon2), and an AEAD,
// XChaCha20-Poly1305 (draft-irtf-cfrg-xchacha; RFC 8439 for
// ChaCha20-Poly1305; golang.org/x/crypto/chacha20poly1305).
//
// A sealed file is a versioned header followed by the ciphertext of the
// share's [dkg.KeyShare.MarshalBinary] encoding and a SHA-256 checksum:
//
//	offset  size  field
//	0       8     magic "MOSAICBK"
//	8       1     format version (1)
//	9       1     key derivation (1 = Argon2id)
//	10      4     Argon2id time (passes)
//	14      4     Argon2id memory, KiB
//	18      1     Argon2id threads
//	19      16    salt (random)
//	35      24    XChaCha20-Poly1305 nonce (random)
//	59      16    passphrase check
//	75      1     curve id (curve.ID)
//	76      4     party id
//	80      1     scheme name length L (1..64)
//	81      L     scheme name (printable ASCII, e.g. "frost-ed25519")
//	81+L    P     group key (the curve's canonical point encoding)
//	81+L+P  4     ciphertext length C
//	85+L+P  C     ciphertext (plaintext + 16-byte tag)
//	end-32  32    SHA-256 of everything before it
//
// with big-endian integers. The whole header, from the magic to the
// ciphertext length, is the AEAD's associated data, so the curve, scheme
// name, party id, group key, format version and key-derivation parameters
// are authenticated: none can be changed, and a weaker parameter set cannot
// be substituted, without the file failing to open.
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
//
// The passphrase is used as given, byte for byte: normalise it (for
// example to Unicode NFC) before calling [Seal] and [Open] if it may be typed
// on different systems.
package backup
