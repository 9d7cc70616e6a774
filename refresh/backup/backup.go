package backup

import (
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"fmt"
	"io"

	"golang.org/x/crypto/argon2"
	"golang.org/x/crypto/chacha20poly1305"

	"github.com/mosaic-mpc/mosaic/dkg"
)

// checkDomain separates the passphrase check from every other hash use.
const checkDomain = "mosaic/backup/v1/passphrase-check"

// Seal encrypts share under passphrase. scheme names what the share is for
// (for example "frost-ed25519" or "cggmp-secp256k1"; 1..MaxScheme printable
// ASCII characters) and is bound to the ciphertext, as are the curve, party
// id, group key, payload kind (KindKeyShare) and format version. rand
// supplies the salt and nonce; nil means crypto/rand.Reader, and a read
// error is returned. With the default Argon2id parameters every Seal and
// Open uses 64 MiB of memory.
func Seal(share *dkg.KeyShare, scheme string, passphrase []byte, rand io.Reader, opts ...Option) ([]byte, error) {
	o := newOptions(opts)
	if share == nil {
		return nil, fmt.Errorf("%w: no key share", ErrInput)
	}
	if err := checkSeal(scheme, passphrase, o); err != nil {
		return nil, err
	}
	plaintext, err := share.MarshalBinary() // validates the share
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrInput, err)
	}
	defer clear(plaintext)
	h := &Header{Kind: KindKeyShare, Curve: share.Curve, Party: share.Self, GroupKey: share.GroupKey, Scheme: scheme}
	return seal(h, plaintext, passphrase, rand, o)
}

// checkSeal refuses what Seal and SealECDSAKey refuse before any work: an
// empty passphrase, a bad scheme name, and key-derivation parameters
// beyond the format or the policy.
func checkSeal(scheme string, passphrase []byte, o options) error {
	if len(passphrase) == 0 {
		return fmt.Errorf("%w: empty passphrase", ErrInput)
	}
	if err := checkScheme([]byte(scheme)); err != nil {
		return fmt.Errorf("%w: %w", ErrInput, err)
	}
	if err := o.params.Validate(); err != nil {
		return err
	}
	return o.limits.check(o.params)
}

// seal is what Seal and SealECDSAKey share once the payload is encoded:
// h names the payload (kind, curve, party, group key, scheme); seal fills
// in the version, parameters, salt, nonce and passphrase check, and
// returns the sealed file. The caller clears plaintext.
func seal(h *Header, plaintext, passphrase []byte, rand io.Reader, o options) ([]byte, error) {
	if len(plaintext)+tagSize > h.Kind.maxCiphertext() {
		return nil, fmt.Errorf("%w: %v of %d bytes", ErrInput, h.Kind, len(plaintext))
	}
	h.Version = FormatVersion
	h.Params = o.params
	h.salt = make([]byte, saltSize)
	h.nonce = make([]byte, nonceSize)
	r := orDefault(rand)
	if _, err := io.ReadFull(r, h.salt); err != nil {
		return nil, fmt.Errorf("backup: reading randomness: %w", err)
	}
	if _, err := io.ReadFull(r, h.nonce); err != nil {
		return nil, fmt.Errorf("backup: reading randomness: %w", err)
	}
	key, check := derive(passphrase, h)
	defer clear(key)
	h.check = check
	aead, err := chacha20poly1305.NewX(key)
	if err != nil {
		return nil, fmt.Errorf("backup: %w", err) // unreachable: the key has the right size
	}
	ad := h.encode(len(plaintext) + tagSize)
	out := append(ad, aead.Seal(nil, h.nonce, plaintext, ad)...)
	sum := sha256.Sum256(out)
	return append(out, sum[:]...), nil
}

// Open decrypts a sealed key share and returns it with its scheme name. The
// share is validated (dkg.KeyShare.UnmarshalBinary) and must match the
// authenticated header. Errors are typed: ErrFormat or ErrVersion (with a
// *FormatError) for data that is not a readable sealed file, truncated or
// extended; ErrParams (with a *FormatError for the field "params") for
// key-derivation costs beyond the format's bounds or the policy
// (DefaultLimits, or WithLimits); ErrKind (with a *KindError) for a sealed
// ECDSA key, which OpenECDSAKey opens; ErrCorrupted for a damaged file;
// ErrWrongPassphrase; ErrTampered for a file altered by someone who
// recomputed the checksum.
//
// Everything but the key derivation is checked first: a file refused for
// any of the reasons above but the last two costs a pass over its bytes
// (at most about 1 MiB, 8 MiB for a file announcing an ECDSA key), not a
// derivation.
func Open(data, passphrase []byte, opts ...Option) (*dkg.KeyShare, string, error) {
	h, plaintext, err := open(data, passphrase, KindKeyShare, newOptions(opts))
	if err != nil {
		return nil, "", err
	}
	defer clear(plaintext)
	var ks dkg.KeyShare
	if err := ks.UnmarshalBinary(plaintext); err != nil {
		// Authentic but unreadable: sealed by something else than Seal.
		ks.Zeroize()
		return nil, "", fmt.Errorf("%w: sealed data is not a valid key share: %w", ErrTampered, err)
	}
	if ks.Curve.ID() != h.Curve.ID() || ks.Self != h.Party || !ks.GroupKey.Equal(h.GroupKey) {
		ks.Zeroize()
		return nil, "", fmt.Errorf("%w: the sealed share does not match its header", ErrTampered)
	}
	return &ks, h.Scheme, nil
}

// open is what Open and OpenECDSAKey share: it checks the file (structure,
// checksum, header fields, the policy on the key derivation, the payload
// kind against want), and only then derives the key, checks the
// passphrase and decrypts. It returns the authenticated header and the
// plaintext, which the caller decodes and clears.
func open(data, passphrase []byte, want Kind, o options) (*Header, []byte, error) {
	if len(passphrase) == 0 {
		return nil, nil, fmt.Errorf("%w: empty passphrase", ErrInput)
	}
	p, err := parse(data, o.limits)
	if err != nil {
		return nil, nil, err
	}
	h := p.header
	if h.Kind != want {
		return nil, nil, &KindError{Want: want, Got: h.Kind}
	}
	key, check := derive(passphrase, h)
	defer clear(key)
	if subtle.ConstantTimeCompare(check, h.check) != 1 {
		return nil, nil, ErrWrongPassphrase
	}
	aead, err := chacha20poly1305.NewX(key)
	if err != nil {
		return nil, nil, fmt.Errorf("backup: %w", err) // unreachable
	}
	plaintext, err := aead.Open(nil, h.nonce, p.ciphertext, p.ad)
	if err != nil {
		return nil, nil, ErrTampered
	}
	return h, plaintext, nil
}

// Inspect returns the header of a sealed file without decrypting it: what
// kind of payload it holds, which curve, party, group key and scheme it
// claims, and its Argon2id costs. Nothing is authenticated until Open or
// OpenECDSAKey succeeds. Inspect reads a
// header whatever costs it asks for, within the format's bounds, so that a
// file Open refuses by policy can be inspected.
func Inspect(data []byte) (*Header, error) {
	p, err := parse(data, formatLimits())
	if err != nil {
		return nil, err
	}
	h := *p.header
	h.salt, h.nonce, h.check = nil, nil, nil
	return &h, nil
}

// derive runs Argon2id over the passphrase and the header's salt and
// parameters: 32 bytes of AEAD key, and the passphrase check made from the
// other 32.
func derive(passphrase []byte, h *Header) (key, check []byte) {
	out := argon2.IDKey(passphrase, h.salt, h.Params.Time, h.Params.MemoryKiB, h.Params.Threads, 64)
	defer clear(out)
	key = append([]byte(nil), out[:32]...)
	hc := sha256.New()
	hc.Write([]byte(checkDomain))
	hc.Write(out[32:])
	return key, hc.Sum(nil)[:checkSize]
}

// orDefault returns crypto/rand.Reader for a nil reader (house rule).
func orDefault(r io.Reader) io.Reader {
	if r == nil {
		return rand.Reader
	}
	return r
}
