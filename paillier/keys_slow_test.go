//go:build slow

package paillier_test

import (
	"context"
	"crypto/rand"
	"log/slog"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/mosaic-mpc/mosaic/paillier"
)

// TestSlowGenerateKey generates a real key: two 1024-bit safe primes, from
// under a second to many seconds by luck (every other test uses the
// fixtures of internal/testfixtures).
func TestSlowGenerateKey(t *testing.T) {
	var calls int
	sk, err := paillier.GenerateKey(context.Background(), nil,
		paillier.WithProgress(func(paillier.KeyGenProgress) { calls++ }),
		paillier.WithLogger(slog.New(slog.DiscardHandler)))
	require.NoError(t, err)
	require.Positive(t, calls, "progress was reported")
	require.Equal(t, paillier.DefaultModulusBits, sk.PublicKey().BitLen())
	// Round trip through validation proves p, q are Blum safe primes.
	data, err := sk.MarshalBinary()
	require.NoError(t, err)
	var back paillier.SecretKey
	require.NoError(t, back.UnmarshalBinary(data))
	ct, _, err := sk.PublicKey().Enc(rand.Reader, intFrom(99))
	require.NoError(t, err)
	m, err := back.Dec(ct)
	require.NoError(t, err)
	require.Equal(t, 1, int(m.Eq(intFrom(99))))
}
