package affg

import (
	"sync"
	"testing"

	"github.com/cronokirby/saferith"
	"github.com/stretchr/testify/require"

	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/mosaic-mpc/mosaic/internal/bigint"
	"github.com/mosaic-mpc/mosaic/internal/testfixtures"
	"github.com/mosaic-mpc/mosaic/internal/transcript"
	"github.com/mosaic-mpc/mosaic/paillier"
	"github.com/mosaic-mpc/mosaic/zk"
	"github.com/mosaic-mpc/mosaic/zk/internal/zktest"
)

// Test parties: the verifier owns N0 (fixture key 0) and the ring-Pedersen
// parameters (from fixture key 2); the prover owns N1 (fixture key 1).
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
	pub      Public
	priv     Private
	sk0, sk1 *paillier.SecretKey
}

// newFixture builds a statement the way CGGMP21 presigning does: C = K_j
// under the verifier's key, D = (x ⊙ C) ⊕ enc_N0(y; ρ), Y = enc_N1(y; ρ_y).
func newFixture(tb testing.TB, x, y *saferith.Int, withSK bool) *fixture {
	tb.Helper()
	c := curve.Secp256k1()
	sk0, sk1 := testfixtures.PaillierKey(tb, 0), testfixtures.PaillierKey(tb, 1)
	pk0, pk1 := sk0.PublicKey(), sk1.PublicKey()
	if x == nil {
		x = zktest.RandomScalarInt(tb)
	}
	if y == nil {
		var err error
		y, err = bigint.SampleIntBits(nil, zk.LPrime)
		require.NoError(tb, err)
	}
	k := zktest.RandomScalarInt(tb)
	cK, _, err := pk0.Enc(nil, k)
	require.NoError(tb, err)
	rho, err := bigint.SampleUnit(nil, pk0.N())
	require.NoError(tb, err)
	rhoY, err := bigint.SampleUnit(nil, pk1.N())
	require.NoError(tb, err)
	d := pk0.Add(pk0.MulScalar(cK, x), pk0.EncWithNonce(y, rho))
	yCt := pk1.EncWithNonce(y, rhoY)
	f := &fixture{
		pub: Public{
			N0: pk0, N1: pk1, C: cK, D: d, Y: yCt,
			X:   c.ScalarBaseMult(c.ScalarFromInt(x)),
			Aux: testAux(tb),
		},
		priv: Private{X: x, Y: y, Rho: rho, RhoY: rhoY},
		sk0:  sk0, sk1: sk1,
	}
	if withSK {
		f.priv.SecretKey = sk1
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

// Shared fixture and proof for the tests that only tamper with a proof.
var (
	sharedOnce  sync.Once
	sharedFix   *fixture
	sharedProof *Proof
)

func shared(tb testing.TB) (*fixture, *Proof) {
	tb.Helper()
	sharedOnce.Do(func() {
		sharedFix = newFixture(tb, nil, nil, true)
		sharedProof = sharedFix.prove(tb)
	})
	require.NotNil(tb, sharedProof)
	return sharedFix, zktest.Clone(tb, sharedProof)
}
