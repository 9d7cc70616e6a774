package presigstore

import (
	"crypto/rand"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/mosaic-mpc/mosaic/cggmp"
	"golang.org/x/crypto/chacha20poly1305"
)

// SealingKey is the 32-byte XChaCha20-Poly1305 key that seals
// presignatures at rest. Keep it in the platform's key store.
type SealingKey [chacha20poly1305.KeySize]byte

// The versions of the sealed format. Version 1 had no metadata; version 2
// carries the creation time and the key generation in its header.
const (
	sealVersion1 = 1
	sealVersion2 = 2
)

// The domains that start the associated data of each version, so a
// sealed presignature opens in no other context of the module.
const (
	sealDomain1 = "mosaic/presigstore/sealed/v1"
	sealDomain2 = "mosaic/presigstore/sealed/v2"
)

// Sizes of the sealed format's fields.
const (
	nonceSize    = chacha20poly1305.NonceSizeX
	header1Size  = 1
	header2Size  = 1 + 8 + cggmp.KeyGenerationSize
	minSealedLen = header1Size + nonceSize + chacha20poly1305.Overhead
)

// maxCreated bounds the creation time (in Unix seconds), far beyond any
// real clock, so that every accepted value converts to a time.Time.
const maxCreated = 1 << 40

// ErrSealed is returned when a sealed presignature does not open: another
// key, another id, a format version this release does not read, or
// altered bytes.
var ErrSealed = errors.New("presigstore: sealed presignature does not open")

// Meta is what a sealed presignature carries in the clear beside its
// ciphertext, authenticated by the seal: enough to discard an expired or
// retired presignature without the sealing key.
type Meta struct {
	// Version is the sealed format's version: 2 for what Seal writes, 1
	// for records of the first release (which carry no metadata), 0 when
	// the header did not parse.
	Version byte
	// Created is when the presignature was sealed, to the second; zero
	// for format version 1, which did not record it.
	Created time.Time
	// Generation is cggmp.KeyGeneration of the key the presignature was
	// made with; nil for format version 1.
	Generation []byte
}

// Seal encrypts plaintext for storage under id, in format version 2:
//
//	version(1) = 2 | created(8) | generation(32) | nonce(24) | ciphertext and tag
//
// with created the Unix time in seconds (big-endian, from 1 to 2^40), and
// the domain, the header (version, created, generation) and the id as
// associated data: the header is in the clear, so a pool can judge a
// presignature's age and key generation without opening it, and cannot
// be altered without the record failing to open. A nil rand means
// crypto/rand.
func Seal(key *SealingKey, id []byte, meta Meta, plaintext []byte, rnd io.Reader) ([]byte, error) {
	if key == nil {
		return nil, fmt.Errorf("%w: nil key", ErrSealed)
	}
	if err := checkID(id); err != nil {
		return nil, err
	}
	if secs := meta.Created.Unix(); secs <= 0 || secs > maxCreated {
		return nil, fmt.Errorf("presigstore: creation time %v out of range", meta.Created)
	}
	if len(meta.Generation) != cggmp.KeyGenerationSize {
		return nil, fmt.Errorf("presigstore: key generation of %d bytes, want %d", len(meta.Generation), cggmp.KeyGenerationSize)
	}
	if rnd == nil {
		rnd = rand.Reader
	}
	aead, err := chacha20poly1305.NewX(key[:])
	if err != nil {
		return nil, err
	}
	out := make([]byte, header2Size+nonceSize, header2Size+nonceSize+len(plaintext)+aead.Overhead())
	out[0] = sealVersion2
	binary.BigEndian.PutUint64(out[1:9], uint64(meta.Created.Unix()))
	copy(out[9:header2Size], meta.Generation)
	nonce := out[header2Size:]
	if _, err := io.ReadFull(rnd, nonce); err != nil {
		return nil, fmt.Errorf("presigstore: nonce: %w", err)
	}
	return aead.Seal(out, nonce, plaintext, associated(sealDomain2, out[:header2Size], id)), nil
}

// ReadMeta parses the header of a sealed presignature without opening
// it. The metadata is not authenticated until Open succeeds: use it to
// choose which presignature to take or to discard, never to trust one.
// Bytes too short for their version's header and unknown versions are
// ErrSealed.
func ReadMeta(sealed []byte) (Meta, error) {
	if len(sealed) == 0 {
		return Meta{}, fmt.Errorf("%w: empty", ErrSealed)
	}
	switch sealed[0] {
	case sealVersion1:
		if len(sealed) < minSealedLen {
			return Meta{}, fmt.Errorf("%w: %d bytes", ErrSealed, len(sealed))
		}
		return Meta{Version: sealVersion1}, nil
	case sealVersion2:
		if len(sealed) < header2Size+nonceSize+chacha20poly1305.Overhead {
			return Meta{}, fmt.Errorf("%w: %d bytes", ErrSealed, len(sealed))
		}
		secs := binary.BigEndian.Uint64(sealed[1:9])
		if secs == 0 || secs > maxCreated {
			return Meta{}, fmt.Errorf("%w: creation time %d", ErrSealed, secs)
		}
		return Meta{
			Version:    sealVersion2,
			Created:    time.Unix(int64(secs), 0),
			Generation: append([]byte(nil), sealed[9:header2Size]...),
		}, nil
	default:
		return Meta{}, fmt.Errorf("%w: format version %d, this release reads versions 1 and 2", ErrSealed, sealed[0])
	}
}

// Open decrypts what Seal sealed under id, and returns its metadata, now
// authenticated. It also opens records of format version 1, whose Meta
// has no creation time or generation.
func Open(key *SealingKey, id, sealed []byte) ([]byte, Meta, error) {
	if key == nil {
		return nil, Meta{}, fmt.Errorf("%w: nil key", ErrSealed)
	}
	meta, err := ReadMeta(sealed)
	if err != nil {
		return nil, Meta{}, err
	}
	aead, err := chacha20poly1305.NewX(key[:])
	if err != nil {
		return nil, Meta{}, err
	}
	hs, domain := header1Size, sealDomain1
	if meta.Version == sealVersion2 {
		hs, domain = header2Size, sealDomain2
	}
	nonce, ct := sealed[hs:hs+nonceSize], sealed[hs+nonceSize:]
	pt, err := aead.Open(nil, nonce, ct, associated(domain, sealed[:hs], id))
	if err != nil {
		return nil, Meta{}, fmt.Errorf("%w: wrong key, wrong id or altered", ErrSealed)
	}
	return pt, meta, nil
}

// associated is the AEAD's associated data: domain | header | id. The
// header of version 1 is its version byte alone.
func associated(domain string, header, id []byte) []byte {
	ad := make([]byte, 0, len(domain)+len(header)+len(id))
	ad = append(ad, domain...)
	ad = append(ad, header...)
	return append(ad, id...)
}
