package mul

import (
	"sync"
	"testing"

	"github.com/cronokirby/saferith"
	"github.com/stretchr/testify/require"

	"github.com/mosaic-mpc/mosaic/internal/bigint"
	"github.com/mosaic-mpc/mosaic/internal/testfixtures"
	"github.com/mosaic-mpc/mosaic/internal/transcript"
	"github.com/mosaic-mpc/mosaic/paillier"
	"github.com/mosaic-mpc/mosaic/zk/internal/zktest"
)

const (
	testSession  = "test session"
	testProver   = 2
	testVerifier = 0 // Πmul is broadcast in the identification phase
)

func proverTranscript() *transcript.Transcript {
	return zktest.Transcript(testSession, testProver, testVerifier)
}

type fixture struct {
	pub  Public
	priv Private
	sk   *paillier.SecretKey
}

// newFixture builds the identification statement: X = K = enc(k; ρ_x),
// Y = G = enc(γ), C = H = (k ⊙ G) ⊕ enc(0; ρ).
func newFixture(tb testing.TB, x *saferith.Int, withSK bool) *fixture {
	tb.Helper()
	sk := testfixtures.PaillierKey(tb, 1)
	pk := sk.PublicKey()
	if x == nil {
		x = zktest.RandomScalarInt(tb)
	}
	rhoX, err := bigint.SampleUnit(nil, pk.N())
	require.NoError(tb, err)
	rho, err := bigint.SampleUnit(nil, pk.N())
	require.NoError(tb, err)
	capY, _, err := pk.Enc(nil, zktest.RandomScalarInt(tb))
	require.NoError(tb, err)
	capC := pk.Add(pk.MulScalar(capY, x), pk.EncWithNonce(new(saferith.Int), rho))
	f := &fixture{
		pub:  Public{N: pk, X: pk.EncWithNonce(x, rhoX), Y: capY, C: capC},
		priv: Private{X: x, Rho: rho, RhoX: rhoX},
		sk:   sk,
	}
	if withSK {
		f.priv.SecretKey = sk
	}
	return f
}

func (f *fixture) prove(tb testing.TB) *Proof {
	tb.Helper()
	p, err := NewProof(proverTranscript(), f.pub, f.priv, nil)
	require.NoError(tb, err)
	return p
}

func (f *fixture) verify(p *Proof) error {
	return p.Verify(proverTranscript(), f.pub)
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

// zOffset returns the offset of z's sign byte in an encoding.
func zOffset(tb testing.TB, b []byte) int {
	tb.Helper()
	off := 2
	for range 2 { // A, B
		off += 2 + (int(b[off])<<8 | int(b[off+1]))
	}
	require.Less(tb, off, len(b))
	return off
}
