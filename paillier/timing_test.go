//go:build timing

package paillier_test

import (
	"crypto/rand"
	"math/big"
	"testing"

	"github.com/cronokirby/saferith"
	"github.com/stretchr/testify/require"

	"github.com/mosaic-mpc/mosaic/internal/dudect"
	"github.com/mosaic-mpc/mosaic/internal/testfixtures"
	"github.com/mosaic-mpc/mosaic/paillier"
)

// Security.md case 27, Paillier decryption. Two kinds of secret vary: the
// plaintext (0 against uniform, one key) and the key (the fixture keys with
// the lightest and the heaviest primes, uniform plaintexts). Run with
// -tags timing.
func TestTiming(t *testing.T) {
	const samples = 2000
	low, high := testfixtures.WeightExtremes(t)
	keys := [2]*paillier.SecretKey{testfixtures.PaillierKey(t, low), testfixtures.PaillierKey(t, high)}
	encrypt := func(sk *paillier.SecretKey, zero bool) *paillier.Ciphertext {
		m := new(saferith.Int)
		if !zero {
			// Uniform in [0, N/2), inside the plaintext range (−N/2, N/2].
			half := new(big.Int).Rsh(sk.PublicKey().N().Big(), 1)
			r, err := rand.Int(rand.Reader, half)
			require.NoError(t, err)
			m.SetBig(r, sk.PublicKey().BitLen())
		}
		ct, _, err := sk.Enc(rand.Reader, m)
		require.NoError(t, err)
		return ct
	}
	ops := map[string]func(*paillier.SecretKey, *paillier.Ciphertext){
		"Dec": func(sk *paillier.SecretKey, ct *paillier.Ciphertext) {
			_, err := sk.Dec(ct)
			require.NoError(t, err)
		},
		"DecWithNonce": func(sk *paillier.SecretKey, ct *paillier.Ciphertext) {
			_, _, err := sk.DecWithNonce(ct)
			require.NoError(t, err)
		},
	}
	for name, op := range ops {
		t.Run(name+"/plaintext", func(t *testing.T) {
			r, err := dudect.Measure(samples, nil, func(class int) func() {
				ct := encrypt(keys[0], class == 0)
				return func() { op(keys[0], ct) }
			})
			require.NoError(t, err)
			t.Log(r)
			require.False(t, r.Leaks(), r.String())
		})
		t.Run(name+"/key", func(t *testing.T) {
			r, err := dudect.Measure(samples, nil, func(class int) func() {
				sk := keys[class]
				ct := encrypt(sk, false)
				return func() { op(sk, ct) }
			})
			require.NoError(t, err)
			t.Log(r)
			require.False(t, r.Leaks(), r.String())
		})
	}
}
