package logstar

import (
	"crypto/rand"
	"sync"
	"testing"

	"github.com/cronokirby/saferith"
	"github.com/stretchr/testify/require"

	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/mosaic-mpc/mosaic/internal/bigint"
	"github.com/mosaic-mpc/mosaic/internal/testfixtures"
	"github.com/mosaic-mpc/mosaic/internal/transcript"
	"github.com/mosaic-mpc/mosaic/paillier"
	"github.com/mosaic-mpc/mosaic/zk/internal/zktest"
)

// Test parties: the prover owns N0 (fixture key 1); the verifier owns the
// ring-Pedersen parameters (from fixture key 2).
const (
	testSession  = "test session"
	testProver   = 2
	testVerifier = 1
)

// testAux is the verifier's ring-Pedersen parameters (fixture key 2).
func testAux(tb testing.TB) *paillier.PedersenParams {
	tb.Helper()
	return zktest.Pedersen(tb, 2)
}

func proverTranscript() *transcript.Transcript {
	return zktest.Transcript(testSession, testProver, testVerifier)
}

type fixture struct {
	pub  Public
	priv Private
	sk0  *paillier.SecretKey
}

func randomScalar(tb testing.TB) curve.Scalar {
	s, err := curve.Secp256k1().RandomScalar(rand.Reader)
	require.NoError(tb, err)
	return s
}

// newFixture builds C = enc_N0(x; ρ) and X = x·g for a random base g (as Γ
// in presigning), or the generator when generator is set.
func newFixture(tb testing.TB, x *saferith.Int, withSK, generator bool) *fixture {
	tb.Helper()
	c := curve.Secp256k1()
	sk0 := testfixtures.PaillierKey(tb, 1)
	pk0 := sk0.PublicKey()
	if x == nil {
		x = new(saferith.Int).SetNat(randomScalar(tb).Nat())
	}
	g := c.Generator()
	if !generator {
		g = c.ScalarBaseMult(randomScalar(tb))
	}
	rho, err := bigint.SampleUnit(nil, pk0.N())
	require.NoError(tb, err)
	f := &fixture{
		pub: Public{
			N0: pk0, C: pk0.EncWithNonce(x, rho),
			X: g.ScalarMult(c.ScalarFromInt(x)), G: g,
			Aux: testAux(tb),
		},
		priv: Private{X: x, Rho: rho},
		sk0:  sk0,
	}
	if withSK {
		f.priv.SecretKey = sk0
	}
	return f
}

func (f *fixture) prove(tb testing.TB) *Proof {
	tb.Helper()
	p, err := NewProof(proverTranscript(), f.pub, f.priv, nil)
	require.NoError(tb, err)
	return p
}

func (f *fixture) verify(tb testing.TB, p *Proof) error {
	tb.Helper()
	return verifyBoth(tb, p, proverTranscript(), f.pub)
}

var (
	sharedOnce  sync.Once
	sharedFix   *fixture
	sharedProof *Proof
)

func shared(tb testing.TB) (*fixture, *Proof) {
	tb.Helper()
	sharedOnce.Do(func() {
		sharedFix = newFixture(tb, nil, true, false)
		sharedProof = sharedFix.prove(tb)
	})
	require.NotNil(tb, sharedProof)
	return sharedFix, zktest.Clone(tb, sharedProof)
}

// offsets returns the offset of Y and of z1's sign byte in an encoding.
func offsets(tb testing.TB, b []byte) (yAt, z1At int) {
	tb.Helper()
	off := 3
	skipNat := func() { off += 2 + (int(b[off])<<8 | int(b[off+1])) }
	skipNat() // S
	skipNat() // A
	yAt = off
	off += 33 // Y
	skipNat() // D
	require.Less(tb, off, len(b))
	return yAt, off
}
