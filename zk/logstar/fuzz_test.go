package logstar

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
// (but which does not verify) without any exponentiation.
func fuzzSetup(tb testing.TB) (Public, []byte) {
	tb.Helper()
	pk0, err := paillier.NewPublicKey(zktest.FuzzModulus(tb, 1), paillier.WithLevel(paillier.Level112))
	require.NoError(tb, err)
	aux, err := paillier.NewPedersenParams(zktest.FuzzModulus(tb, 2), new(saferith.Nat).SetUint64(9), new(saferith.Nat).SetUint64(4), paillier.WithLevel(paillier.Level112))
	require.NoError(tb, err)
	c, err := paillier.NewCiphertext(pk0, zktest.FuzzUnit(tb, pk0.NSquared()))
	require.NoError(tb, err)
	secp := curve.Secp256k1()
	point := func() curve.Point {
		s, err := secp.RandomScalar(rand.Reader)
		require.NoError(tb, err)
		return secp.ScalarBaseMult(s)
	}
	z1, err := bigint.SampleIntBits(rand.Reader, zk.L+zk.Epsilon)
	require.NoError(tb, err)
	z3, err := bigint.SampleIntScaled(rand.Reader, zk.L+zk.Epsilon, aux.N())
	require.NoError(tb, err)
	pub := Public{N0: pk0, C: c, X: point(), G: point(), Aux: aux}
	p := &Proof{
		S: zktest.FuzzUnit(tb, aux.N()), A: zktest.FuzzUnit(tb, pk0.NSquared()), Y: point(), D: zktest.FuzzUnit(tb, aux.N()),
		Z1: z1, Z2: zktest.FuzzUnit(tb, pk0.N()), Z3: z3,
	}
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
	f.Add(enc[:50])
	f.Add([]byte{EncodingVersion, EncodingKind, 1})
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
