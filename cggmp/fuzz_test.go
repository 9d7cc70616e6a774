package cggmp

// Fuzzing of every message decoder (the envelope's is in
// complaint_test.go): decoding never panics, and whatever decodes
// re-encodes to the same bytes, so that every message has one encoding
// (SECURITY.md case 13). The seeds are valid messages; their proofs are
// opaque bytes, which the decoders leave to package zk.

import (
	"bytes"
	"crypto/rand"
	"testing"

	"github.com/cronokirby/saferith"
	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/mosaic-mpc/mosaic/internal/bigint"
	"github.com/mosaic-mpc/mosaic/internal/testfixtures"
	"github.com/mosaic-mpc/mosaic/paillier"
	"github.com/stretchr/testify/require"
)

// fuzzKeys returns three 2048-bit Paillier public keys made from the
// fixture primes without re-validating them: every fuzz worker runs the
// setup, which must be cheap under coverage instrumentation.
func fuzzKeys(tb testing.TB) []*paillier.PublicKey {
	tb.Helper()
	var keys []*paillier.PublicKey
	for _, pr := range testfixtures.PrimePairs(tb) {
		if pr.Bits != paillier.ModulusBits2048 || len(keys) == 3 {
			continue
		}
		pk, err := paillier.NewPublicKey(new(saferith.Nat).Mul(pr.P, pr.Q, pr.Bits), paillier.WithModulusBits(pr.Bits))
		require.NoError(tb, err)
		keys = append(keys, pk)
	}
	require.Len(tb, keys, 3)
	return keys
}

// fuzzCiphertext is a random valid ciphertext under pk.
func fuzzCiphertext(tb testing.TB, pk *paillier.PublicKey) *paillier.Ciphertext {
	tb.Helper()
	u, err := bigint.SampleUnit(rand.Reader, pk.NSquared())
	require.NoError(tb, err)
	ct, err := paillier.NewCiphertext(pk, u)
	require.NoError(tb, err)
	return ct
}

// fuzzPoint is a random point of secp256k1, fuzzScalar a random scalar.
func fuzzScalar(tb testing.TB) curve.Scalar {
	tb.Helper()
	s, err := curve.Secp256k1().RandomScalar(rand.Reader)
	require.NoError(tb, err)
	return s
}

func fuzzPoint(tb testing.TB) curve.Point { return curve.Secp256k1().ScalarBaseMult(fuzzScalar(tb)) }

// fuzzProofs is n stand-ins for encoded proofs.
func fuzzProofs(n int) [][]byte {
	out := make([][]byte, n)
	for i := range out {
		out[i] = []byte{1, 'p', byte(i)}
	}
	return out
}

// fuzzRoundTrip registers the seeds and checks that whatever decode
// accepts re-encodes to itself.
func fuzzRoundTrip[M interface{ MarshalBinary() ([]byte, error) }](f *testing.F, decode func([]byte) (M, error), seeds ...[]byte) {
	for _, s := range seeds {
		f.Add(s)
		f.Add(s[:len(s)/2])
	}
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, b []byte) {
		m, err := decode(b)
		if err != nil {
			return
		}
		again, err := m.MarshalBinary()
		require.NoError(t, err)
		require.True(t, bytes.Equal(b, again), "%x re-encodes as %x", b, again)
	})
}

func mustMarshal(tb testing.TB, m interface{ MarshalBinary() ([]byte, error) }) []byte {
	tb.Helper()
	b, err := m.MarshalBinary()
	require.NoError(tb, err)
	return b
}

func FuzzDecodeAuxCommitment(f *testing.F) {
	fuzzRoundTrip(f, decodeAuxCommitment, make([]byte, commitmentSize))
}

func FuzzDecodeAuxOpening(f *testing.F) {
	keys := fuzzKeys(f)
	// s and t need only be units other than ±1 for the parameters to
	// decode; nothing here relies on s ∈ ⟨t⟩.
	ped, err := paillier.NewPedersenParams(keys[0].N().Nat(), new(saferith.Nat).SetUint64(9), new(saferith.Nat).SetUint64(4), paillier.WithLevel(paillier.Level112))
	require.NoError(f, err)
	seed := mustMarshal(f, &auxOpening{N: keys[0], Pedersen: ped, Prm: fuzzProofs(1)[0],
		Rho: make([]byte, randomSize), U: make([]byte, randomSize)})
	fuzzRoundTrip(f, func(b []byte) (*auxOpening, error) {
		return decodeAuxOpening(b, paillier.ModulusBits2048)
	}, seed)
}

func FuzzDecodeAuxProofs(f *testing.F) {
	seed := mustMarshal(f, &auxProofs{Mod: []byte("mod"), Fac: fuzzProofs(2)})
	fuzzRoundTrip(f, func(b []byte) (*auxProofs, error) { return decodeAuxProofs(b, 2) }, seed)
}

func FuzzDecodePresign1(f *testing.F) {
	pk := fuzzKeys(f)[0]
	seed := mustMarshal(f, &presign1{K: fuzzCiphertext(f, pk), G: fuzzCiphertext(f, pk), Psi0: fuzzProofs(2)})
	fuzzRoundTrip(f, func(b []byte) (*presign1, error) { return decodePresign1(b, pk, 2) }, seed)
}

func FuzzDecodePresign2(f *testing.F) {
	keys := fuzzKeys(f)
	from, to := keys[0], keys[1:]
	m := &presign2{Gamma: fuzzPoint(f)}
	for _, pk := range to {
		p := fuzzProofs(3)
		m.Parts = append(m.Parts, presign2Part{
			D: fuzzCiphertext(f, pk), F: fuzzCiphertext(f, from), DHat: fuzzCiphertext(f, pk), FHat: fuzzCiphertext(f, from),
			Psi: p[0], PsiHat: p[1], PsiPrime: p[2],
		})
	}
	fuzzRoundTrip(f, func(b []byte) (*presign2, error) {
		return decodePresign2(b, curve.Secp256k1(), from, to)
	}, mustMarshal(f, m))
}

func FuzzDecodePresign3(f *testing.F) {
	seed := mustMarshal(f, &presign3{delta: fuzzScalar(f), Delta: fuzzPoint(f), S: fuzzPoint(f), PsiDoublePrime: fuzzProofs(2)})
	fuzzRoundTrip(f, func(b []byte) (*presign3, error) { return decodePresign3(b, curve.Secp256k1(), 2) }, seed)
}

// FuzzDecodeClaim fuzzes both kinds of claim: the first byte of the input
// picks the failed check.
func FuzzDecodeClaim(f *testing.F) {
	pk := fuzzKeys(f)[0]
	delta := mustMarshal(f, &identifyClaim{H: fuzzCiphertext(f, pk), Mul: []byte("mul"), Sum: fuzzProofs(2)})
	chi := mustMarshal(f, &identifyClaim{C: fuzzCiphertext(f, pk), H: fuzzCiphertext(f, pk), Mul: []byte("mul"),
		Log: fuzzProofs(2), Sum: fuzzProofs(2)})
	fuzzRoundTrip(f, func(b []byte) (*claimWithMode, error) {
		if len(b) == 0 {
			return nil, errWire
		}
		mode := identifyDelta
		if b[0]%2 == 1 {
			mode = identifyChi
		}
		m, err := decodeClaim(b[1:], mode, pk, 2)
		if err != nil {
			return nil, err
		}
		return &claimWithMode{m, b[0]}, nil
	}, append([]byte{0}, delta...), append([]byte{1}, chi...))
}

// claimWithMode re-encodes a claim with the mode byte FuzzDecodeClaim read.
type claimWithMode struct {
	*identifyClaim
	mode byte
}

func (c *claimWithMode) MarshalBinary() ([]byte, error) {
	b, err := c.identifyClaim.MarshalBinary()
	return append([]byte{c.mode}, b...), err
}

func FuzzDecodePartialSignature(f *testing.F) {
	fuzzRoundTrip(f, func(b []byte) (*partialSignature, error) { return decodePartialSignature(curve.Secp256k1(), b) }, mustMarshal(f, &partialSignature{Sigma: fuzzScalar(f)}))
}

func FuzzDecodeConfirmation(f *testing.F) {
	fuzzRoundTrip(f, func(b []byte) (confirmation, error) { return confirmation{}, decodeConfirmation(b) }, []byte{0})
}
