package mul

import (
	"crypto/rand"
	"testing"

	"github.com/cronokirby/saferith"
	"github.com/stretchr/testify/require"

	"github.com/mosaic-mpc/mosaic/internal/bigint"
	"github.com/mosaic-mpc/mosaic/internal/testfixtures"
	"github.com/mosaic-mpc/mosaic/paillier"
	"github.com/mosaic-mpc/mosaic/zk"
)

// fuzzSetup builds a statement and a proof whose every field is in range
// (but which does not verify) without any exponentiation, from the first
// fixture modulus without re-validating its primes: every fuzz worker runs
// the setup, which must be cheap under coverage instrumentation.
func fuzzSetup(tb testing.TB) (Public, []byte) {
	tb.Helper()
	var pair *testfixtures.PrimePair
	for _, pr := range testfixtures.PrimePairs(tb) {
		if pr.Bits == paillier.ModulusBits2048 {
			pair = &pr
			break
		}
	}
	require.NotNil(tb, pair)
	pk, err := paillier.NewPublicKey(new(saferith.Nat).Mul(pair.P, pair.Q, paillier.ModulusBits2048), paillier.WithLevel(paillier.Level112))
	require.NoError(tb, err)
	unit := func(m *saferith.Modulus) *saferith.Nat {
		x, err := bigint.SampleUnit(rand.Reader, m)
		require.NoError(tb, err)
		return x
	}
	ct := func() *paillier.Ciphertext {
		c, err := paillier.NewCiphertext(pk, unit(pk.NSquared()))
		require.NoError(tb, err)
		return c
	}
	z, err := bigint.SampleIntBits(rand.Reader, zk.L+zk.Epsilon)
	require.NoError(tb, err)
	pub := Public{N: pk, X: ct(), Y: ct(), C: ct()}
	p := &Proof{A: unit(pk.NSquared()), B: unit(pk.NSquared()), Z: z, U: unit(pk.N()), V: unit(pk.N())}
	enc, err := p.MarshalBinary()
	require.NoError(tb, err)
	_, err = DecodeProof(pub, enc)
	require.NoError(tb, err)
	return pub, enc
}

// FuzzDecodeProof: decoding never panics, and whatever decodes re-encodes to
// the same bytes (SECURITY.md case 13). DecodeProof against a fixed
// statement runs the range and unit checks too (no exponentiation).
func FuzzDecodeProof(f *testing.F) {
	pub, enc := fuzzSetup(f)
	f.Add(enc)
	f.Add(enc[:30])
	f.Add([]byte{EncodingVersion, EncodingKind, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0})
	f.Fuzz(func(t *testing.T, b []byte) {
		var q Proof
		if err := q.UnmarshalBinary(b); err != nil {
			return
		}
		out, err := q.MarshalBinary()
		require.NoError(t, err)
		require.Equal(t, b, out)
		_, _ = DecodeProof(pub, b)
	})
}
