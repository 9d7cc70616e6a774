package presigstore

import (
	"crypto/rand"
	"errors"
	"fmt"
	"io"

	"golang.org/x/crypto/chacha20poly1305"
)

// SealingKey is the 32-byte XChaCha20-Poly1305 key that seals
// presignatures at rest. Keep it in the platform's key store.
type SealingKey [chacha20poly1305.KeySize]byte

// sealVersion is the first byte of a sealed presignature.
const sealVersion = 1

// sealDomain starts the associated data, so a sealed presignature opens
// in no other context of the module.
const sealDomain = "mosaic/presigstore/sealed/v1"

// ErrSealed is returned when a sealed presignature does not open: another
// key, another id, a format version this release does not read, or
// altered bytes.
var ErrSealed = errors.New("presigstore: sealed presignature does not open")

// Seal encrypts plaintext for storage under id:
//
//	version(1) = 1 | nonce(24) | XChaCha20-Poly1305 ciphertext and tag
//
// with the domain, the version and the id as associated data. A nil rand
// means crypto/rand.
func Seal(key *SealingKey, id, plaintext []byte, rnd io.Reader) ([]byte, error) {
	if key == nil {
		return nil, fmt.Errorf("%w: nil key", ErrSealed)
	}
	if err := checkID(id); err != nil {
		return nil, err
	}
	if rnd == nil {
		rnd = rand.Reader
	}
	aead, err := chacha20poly1305.NewX(key[:])
	if err != nil {
		return nil, err
	}
	out := make([]byte, 1+aead.NonceSize(), 1+aead.NonceSize()+len(plaintext)+aead.Overhead())
	out[0] = sealVersion
	if _, err := io.ReadFull(rnd, out[1:]); err != nil {
		return nil, fmt.Errorf("presigstore: nonce: %w", err)
	}
	return aead.Seal(out, out[1:], plaintext, associated(id)), nil
}

// Open decrypts what Seal sealed under id.
func Open(key *SealingKey, id, sealed []byte) ([]byte, error) {
	if key == nil {
		return nil, fmt.Errorf("%w: nil key", ErrSealed)
	}
	aead, err := chacha20poly1305.NewX(key[:])
	if err != nil {
		return nil, err
	}
	if len(sealed) < 1+aead.NonceSize()+aead.Overhead() {
		return nil, fmt.Errorf("%w: %d bytes", ErrSealed, len(sealed))
	}
	if sealed[0] != sealVersion {
		return nil, fmt.Errorf("%w: format version %d, this release reads version %d only", ErrSealed, sealed[0], sealVersion)
	}
	nonce, ct := sealed[1:1+aead.NonceSize()], sealed[1+aead.NonceSize():]
	pt, err := aead.Open(nil, nonce, ct, associated(id))
	if err != nil {
		return nil, fmt.Errorf("%w: wrong key, wrong id or altered", ErrSealed)
	}
	return pt, nil
}

// associated is the AEAD's associated data: domain | version | id.
func associated(id []byte) []byte {
	ad := append([]byte(sealDomain), sealVersion)
	return append(ad, id...)
}
