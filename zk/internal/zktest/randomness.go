package zktest

import (
	"crypto/rand"
	"crypto/sha3"
	"errors"
	"io"
	"testing"

	"github.com/cronokirby/saferith"
	"github.com/stretchr/testify/require"

	"github.com/mosaic-mpc/mosaic/internal/bigint"
)

// Seeded returns a deterministic randomness stream, the SHAKE128 output for
// seed, so that a test that samples (fixtures, adversarial provers,
// forgeries counted against a bound) has the same outcome on every run.
func Seeded(seed string) io.Reader {
	h := sha3.NewSHAKE128()
	h.Write([]byte(seed))
	return h
}

// ErrEntropy is what FailingReader returns.
var ErrEntropy = errors.New("zktest: entropy source broken")

// FailingReader is a randomness source whose every read fails with
// ErrEntropy: a prover given it must abort with an error, never fall back
// to other randomness.
type FailingReader struct{}

// Read implements io.Reader and always fails.
func (FailingReader) Read([]byte) (int, error) { return 0, ErrEntropy }

// Retries is how many times an adversarial prover tries again with fresh
// randomness: once under -short (the race run), three times otherwise.
func Retries() int {
	if testing.Short() {
		return 1
	}
	return 3
}

// FuzzUnit returns a random unit modulo m, for a fuzz target's valid
// starting values.
func FuzzUnit(tb testing.TB, m *saferith.Modulus) *saferith.Nat {
	tb.Helper()
	x, err := bigint.SampleUnit(rand.Reader, m)
	require.NoError(tb, err)
	return x
}
