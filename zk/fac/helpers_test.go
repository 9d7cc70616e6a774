package fac

import (
	"errors"
	"math/big"
	mrand "math/rand/v2"
	"sync"
	"testing"

	"github.com/cronokirby/saferith"
	"github.com/stretchr/testify/require"

	"github.com/mosaic-mpc/mosaic/internal/testfixtures"
	"github.com/mosaic-mpc/mosaic/internal/transcript"
	"github.com/mosaic-mpc/mosaic/paillier"
	"github.com/mosaic-mpc/mosaic/zk"
)

// fixture is a prover (party 3, with Paillier key sk) and two verifiers
// (parties 1 and 2) with their ring-Pedersen parameters, plus one honest
// proof made for verifier 1. Built once per test binary from the
// pre-generated safe primes of internal/testfixtures.
type fixture struct {
	sk        *paillier.SecretKey // prover's key (N0 = p·q)
	other     *paillier.SecretKey // another party's Paillier key
	aux1      *paillier.PedersenParams
	aux2      *paillier.PedersenParams
	auxProver *paillier.PedersenParams // the prover's own parameters
	hat1      *paillier.SecretKey      // factorisation of verifier 1's N̂
	proof     *Proof                   // honest proof, session "sid", prover 3 → verifier 1
}

const (
	testSession  = "sid"
	testProver   = 3
	testVerifier = 1
)

var (
	fixOnce sync.Once
	fix     *fixture
)

// seeded returns a deterministic randomness source for reproducible tests.
func seeded(seed uint64) *mrand.ChaCha8 {
	var s [32]byte
	s[0] = byte(seed)
	s[1] = byte(seed >> 8)
	return mrand.NewChaCha8(s)
}

func getFixture(tb testing.TB) *fixture {
	tb.Helper()
	fixOnce.Do(func() {
		f := &fixture{
			sk:    testfixtures.PaillierKey(tb, 0),
			other: testfixtures.PaillierKey(tb, 3),
			hat1:  testfixtures.PaillierKey(tb, 1),
		}
		var err error
		f.aux1, _, err = f.hat1.GeneratePedersen(seeded(1))
		require.NoError(tb, err)
		f.aux2, _, err = testfixtures.PaillierKey(tb, 2).GeneratePedersen(seeded(2))
		require.NoError(tb, err)
		f.auxProver, _, err = f.sk.GeneratePedersen(seeded(3))
		require.NoError(tb, err)
		f.proof, err = NewProof(ctx(testSession, testProver, testVerifier), f.public(), f.private(), seeded(4))
		require.NoError(tb, err)
		fix = f
	})
	if fix == nil {
		tb.Fatal("fixture setup failed")
	}
	return fix
}

func (f *fixture) public() Public {
	return Public{N0: f.sk.PublicKey(), Aux: f.aux1}
}

func (f *fixture) private() Private {
	return Private{P: f.sk.P(), Q: f.sk.Q()}
}

// ctx is a transcript bound the way a protocol binds it.
func ctx(session string, prover, verifier uint32) *transcript.Transcript {
	t := transcript.New("mosaic/test/zk")
	zk.BindContext(t, []byte(session), prover, verifier)
	return t
}

func clone(tb testing.TB, p *Proof) *Proof {
	tb.Helper()
	b, err := p.MarshalBinary()
	require.NoError(tb, err)
	q := new(Proof)
	require.NoError(tb, q.UnmarshalBinary(b))
	return q
}

func natFromBig(x *big.Int) *saferith.Nat {
	return new(saferith.Nat).SetBig(x, x.BitLen())
}

func intFromBig(x *big.Int) *saferith.Int {
	return new(saferith.Int).SetBig(x, x.BitLen())
}

// scaledBound returns 2^bits·m.
func scaledBound(bits int, m *saferith.Modulus) *big.Int {
	return new(big.Int).Lsh(m.Big(), uint(bits))
}

type failingReader struct{}

func (failingReader) Read([]byte) (int, error) { return 0, errors.New("entropy source broken") }

// reps is how many times an adversarial prover retries with fresh
// randomness: once under -short (CI's race run), three times otherwise.
func reps() int {
	if testing.Short() {
		return 1
	}
	return 3
}
