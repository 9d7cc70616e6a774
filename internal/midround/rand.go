package midround

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/sha256"
	"io"
	"testing"
)

// Rand returns a deterministic randomness source, the same stream for the
// same label in every process: the AES-256-CTR keystream under
// SHA-256(domain || label). A fuzzed run must repeat the honest run it was
// seeded from byte for byte, so every party, key and nonce of it draws from
// a Rand of its own label. It panics outside a test binary: predictable
// randomness protects nothing.
func Rand(tb testing.TB, label string) io.Reader {
	if tb == nil || !testing.Testing() {
		panic("midround: deterministic randomness used outside a test")
	}
	key := sha256.Sum256([]byte("mosaic/internal/midround/rand\x00" + label))
	block, err := aes.NewCipher(key[:])
	if err != nil {
		tb.Fatalf("midround: %v", err) // unreachable: a 32-byte key
	}
	return &cipher.StreamReader{S: cipher.NewCTR(block, make([]byte, aes.BlockSize)), R: zeros{}}
}

// zeros reads as an endless run of zero bytes, which the keystream turns
// into the stream itself.
type zeros struct{}

func (zeros) Read(p []byte) (int, error) {
	clear(p)
	return len(p), nil
}
