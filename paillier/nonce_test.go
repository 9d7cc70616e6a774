package paillier_test

// Test-only use of math/big as an independent reference.

import (
	"crypto/rand"
	"errors"
	"math/big"
	"testing"

	"github.com/cronokirby/saferith"
	"github.com/stretchr/testify/require"

	"github.com/mosaic-mpc/mosaic/internal/bigint"
	"github.com/mosaic-mpc/mosaic/internal/testfixtures"
	"github.com/mosaic-mpc/mosaic/paillier"
)

type failingReader struct{}

func (failingReader) Read([]byte) (int, error) { return 0, errors.New("no entropy") }

// TestSampleNonce checks the owner's fast nonces against the slow
// computation and for the distribution properties the proofs rely on.
func TestSampleNonce(t *testing.T) {
	for _, keyIndex := range []int{0, 1} {
		sk := testfixtures.PaillierKey(t, keyIndex)
		pk := sk.PublicKey()
		n, p, q := pk.NNat().Big(), sk.P().Big(), sk.Q().Big()
		nSq := new(big.Int).Mul(n, n)
		one := big.NewInt(1)
		// 64 draws: all of one Legendre symbol mod p or q has probability
		// about 2^-61 per key.
		const draws = 64
		seenP, seenQ := map[string]bool{}, map[string]bool{}
		legendreP, legendreQ := map[int]int{}, map[int]int{}
		for range draws {
			rho, rhoN, err := sk.SampleNonce(rand.Reader)
			require.NoError(t, err)
			r := rho.Big()
			// ρ ∈ Z*_N.
			require.Equal(t, 1, r.Sign())
			require.Negative(t, r.Cmp(n))
			require.Equal(t, 0, new(big.Int).GCD(nil, nil, r, n).Cmp(one))
			// ρ^N mod N² equals the slow computation.
			require.Equal(t, 0, new(big.Int).Exp(r, n, nSq).Cmp(rhoN.Big()))
			require.True(t, pk.EncWithNonce(new(saferith.Int), rho).Nat().Eq(rhoN) == 1)
			rp, rq := new(big.Int).Mod(r, p), new(big.Int).Mod(r, q)
			seenP[rp.String()], seenQ[rq.String()] = true, true
			// A generator's powers are squares and non-squares alike; a
			// wrong "generator" of the squares would give only +1.
			legendreP[big.Jacobi(rp, p)]++
			legendreQ[big.Jacobi(rq, q)]++
		}
		require.Len(t, seenP, draws, "ρ mod p repeats")
		require.Len(t, seenQ, draws, "ρ mod q repeats")
		for _, l := range []map[int]int{legendreP, legendreQ} {
			require.Positive(t, l[1])
			require.Positive(t, l[-1])
		}
	}
}

func TestEncFresh(t *testing.T) {
	sk := testfixtures.PaillierKey(t, 2)
	pk := sk.PublicKey()
	wide, err := bigint.SampleIntBits(rand.Reader, 2144) // a Πdec-sized mask, wider than N/2
	require.NoError(t, err)
	tests := []struct {
		name string
		m    *saferith.Int
	}{
		{"zero", intFrom(0)},
		{"negative", intFrom(-987654321)},
		{"wider than N/2", wide},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ct, rho, err := sk.EncFresh(rand.Reader, tc.m)
			require.NoError(t, err)
			// Same ciphertext as the slow encryption with the same nonce.
			require.True(t, pk.EncWithNonce(tc.m, rho).Equal(ct))
			require.True(t, sk.EncWithNonce(tc.m, rho).Equal(ct))
			nonce, err := sk.Nonce(ct)
			require.NoError(t, err)
			require.Equal(t, 1, int(nonce.Eq(rho)))
			got, err := sk.Dec(ct)
			require.NoError(t, err)
			want := new(saferith.Int).SetModSymmetric(tc.m.Mod(pk.N()), pk.N())
			require.Equal(t, 1, int(got.Eq(want)))
		})
	}
}

func TestSampleNonceErrors(t *testing.T) {
	sk := testfixtures.PaillierKey(t, 0)
	tests := []struct {
		name string
		run  func() error
	}{
		{"SampleNonce, failing reader", func() error { _, _, err := sk.SampleNonce(failingReader{}); return err }},
		{"EncFresh, failing reader", func() error { _, _, err := sk.EncFresh(failingReader{}, intFrom(1)); return err }},
		{"Enc, failing reader", func() error { _, _, err := sk.Enc(failingReader{}, intFrom(1)); return err }},
		{"EncFresh, nil plaintext", func() error { _, _, err := sk.EncFresh(nil, nil); return err }},
		{"zero SecretKey", func() error { _, _, err := new(paillier.SecretKey).SampleNonce(nil); return err }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			require.Error(t, tc.run())
		})
	}
	_, _, err := sk.SampleNonce(failingReader{})
	require.ErrorIs(t, err, bigint.ErrRandom)
}

// TestSampleNonceCopiedKey: a key decoded into a value (UnmarshalBinary
// copies the struct) still samples correct nonces.
func TestSampleNonceCopiedKey(t *testing.T) {
	data, err := testfixtures.PaillierKey(t, 1).MarshalBinary()
	require.NoError(t, err)
	var sk paillier.SecretKey
	require.NoError(t, sk.UnmarshalBinary(data))
	ct, rho, err := sk.Enc(rand.Reader, intFrom(42))
	require.NoError(t, err)
	require.True(t, sk.PublicKey().EncWithNonce(intFrom(42), rho).Equal(ct))
}

func TestNonceGenerators(t *testing.T) {
	for i := range 3 {
		tables, err := paillier.CheckNonceGenerators(testfixtures.PaillierKey(t, i))
		require.NoError(t, err)
		if !tables {
			t.Log("no fixed-base tables on this platform: fallback path")
		}
	}
}
