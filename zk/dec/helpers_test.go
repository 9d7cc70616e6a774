package dec

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
	"github.com/mosaic-mpc/mosaic/zk"
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

// identificationSizedY returns a random y of the size of an MtA sum in the
// identification phase: ±2^(ℓ'+ε+4).
func identificationSizedY(tb testing.TB) *saferith.Int {
	y, err := bigint.SampleIntBits(rand.Reader, zk.LPrime+zk.Epsilon+4)
	require.NoError(tb, err)
	return y
}

// newFixture encrypts y under the prover's key and claims x = y mod q. The
// witness comes back from decryption, as in the identification phase.
func newFixture(tb testing.TB, y *saferith.Int, withSK bool) *fixture {
	tb.Helper()
	sk0 := testfixtures.PaillierKey(tb, 1)
	pk0 := sk0.PublicKey()
	if y == nil {
		y = identificationSizedY(tb)
	}
	c, _, err := pk0.Enc(nil, y)
	require.NoError(tb, err)
	plain, rho, err := sk0.DecWithNonce(c)
	require.NoError(tb, err)
	require.Equal(tb, saferith.Choice(1), plain.Eq(y))
	f := &fixture{
		pub: Public{
			N0: pk0, C: c,
			X:   curve.Secp256k1().ScalarFromInt(y),
			Aux: testAux(tb),
		},
		priv: Private{Y: plain, Rho: rho},
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
		sharedFix = newFixture(tb, nil, true)
		sharedProof = sharedFix.prove(tb)
	})
	require.NotNil(tb, sharedProof)
	return sharedFix, zktest.Clone(tb, sharedProof)
}

// offsets returns the offset of γ and of z1's sign byte in an encoding.
func offsets(tb testing.TB, b []byte) (gammaAt, z1At int) {
	tb.Helper()
	off := 3
	for range 3 { // S, T, A
		off += 2 + (int(b[off])<<8 | int(b[off+1]))
	}
	require.Less(tb, off+32, len(b))
	return off, off + 32
}
