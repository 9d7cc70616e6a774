package affg

import (
	"crypto/rand"
	"testing"

	"github.com/cronokirby/saferith"
	"github.com/stretchr/testify/require"

	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/mosaic-mpc/mosaic/internal/bigint"
	"github.com/mosaic-mpc/mosaic/paillier"
	"github.com/mosaic-mpc/mosaic/zk"
	"github.com/mosaic-mpc/mosaic/zk/internal/zktest"
)

// fuzzSetup builds a statement and a proof whose every field is in range
// (but which does not verify) without any exponentiation, so that
// DecodeProof runs all of its checks on the seed and its mutations.
func fuzzSetup(tb testing.TB) (Public, []byte) {
	tb.Helper()
	pk0, err := paillier.NewPublicKey(zktest.FuzzModulus(tb, 0), paillier.WithLevel(paillier.Level112))
	require.NoError(tb, err)
	pk1, err := paillier.NewPublicKey(zktest.FuzzModulus(tb, 1), paillier.WithLevel(paillier.Level112))
	require.NoError(tb, err)
	// s and t only need to be units other than ±1 to pass
	// NewPedersenParams; decoding never uses s ∈ ⟨t⟩.
	aux, err := paillier.NewPedersenParams(zktest.FuzzModulus(tb, 2), new(saferith.Nat).SetUint64(9), new(saferith.Nat).SetUint64(4), paillier.WithLevel(paillier.Level112))
	require.NoError(tb, err)
	ct := func(pk *paillier.PublicKey) *paillier.Ciphertext {
		c, err := paillier.NewCiphertext(pk, zktest.FuzzUnit(tb, pk.NSquared()))
		require.NoError(tb, err)
		return c
	}
	secp := curve.Secp256k1()
	point := func() curve.Point {
		s, err := secp.RandomScalar(rand.Reader)
		require.NoError(tb, err)
		return secp.ScalarBaseMult(s)
	}
	intBits := func(bits int) *saferith.Int {
		x, err := bigint.SampleIntBits(rand.Reader, bits)
		require.NoError(tb, err)
		return x
	}
	intScaled := func(bits int) *saferith.Int {
		x, err := bigint.SampleIntScaled(rand.Reader, bits, aux.N())
		require.NoError(tb, err)
		return x
	}
	pub := Public{N0: pk0, N1: pk1, C: ct(pk0), D: ct(pk0), Y: ct(pk1), X: point(), Aux: aux}
	p := &Proof{
		A: zktest.FuzzUnit(tb, pk0.NSquared()), Bx: point(), By: zktest.FuzzUnit(tb, pk1.NSquared()),
		E: zktest.FuzzUnit(tb, aux.N()), S: zktest.FuzzUnit(tb, aux.N()), F: zktest.FuzzUnit(tb, aux.N()), T: zktest.FuzzUnit(tb, aux.N()),
		Z1: intBits(zk.L + zk.Epsilon), Z2: intBits(zk.LPrime + zk.Epsilon),
		Z3: intScaled(zk.L + zk.Epsilon), Z4: intScaled(zk.L + zk.Epsilon),
		W: zktest.FuzzUnit(tb, pk0.N()), WY: zktest.FuzzUnit(tb, pk1.N()),
	}
	enc, err := p.MarshalBinary()
	require.NoError(tb, err)
	_, err = DecodeProof(pub, enc)
	require.NoError(tb, err)
	return pub, enc
}

// FuzzDecodeProof: decoding never panics, and whatever decodes re-encodes to
// the same bytes (one encoding per proof, SECURITY.md case 13). DecodeProof
// against a fixed statement runs the range and unit checks too (no
// exponentiation).
func FuzzDecodeProof(f *testing.F) {
	pub, enc := fuzzSetup(f)
	f.Add(enc)
	f.Add(enc[:40])
	f.Add([]byte{EncodingVersion, EncodingKind, 1})
	f.Add([]byte{})
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
