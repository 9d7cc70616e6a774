package enc

import (
	"sync"
	"testing"

	"github.com/cronokirby/saferith"
	"github.com/stretchr/testify/require"

	"github.com/mosaic-mpc/mosaic/internal/bigint"
	"github.com/mosaic-mpc/mosaic/internal/testfixtures"
	"github.com/mosaic-mpc/mosaic/paillier"
	"github.com/mosaic-mpc/mosaic/zk"
	"github.com/mosaic-mpc/mosaic/zk/internal/zktest"
)

// fixture is a prover (party 3, with Paillier key sk and a ciphertext K of
// a random k ∈ ±2^ℓ) and two verifiers (parties 1 and 2) with their
// ring-Pedersen parameters, plus one honest proof made for verifier 1. Built
// once per test binary from the pre-generated safe primes of
// internal/testfixtures.
type fixture struct {
	sk    *paillier.SecretKey // prover's key
	other *paillier.SecretKey // another party's Paillier key
	aux1  *paillier.PedersenParams
	aux2  *paillier.PedersenParams
	hat1  *paillier.SecretKey // factorisation of verifier 1's N̂
	k     *saferith.Int
	ct    *paillier.Ciphertext
	rho   *saferith.Nat
	proof *Proof // honest proof, session "sid", prover 3 → verifier 1
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

func getFixture(tb testing.TB) *fixture {
	tb.Helper()
	fixOnce.Do(func() {
		f := &fixture{
			sk:    testfixtures.PaillierKey(tb, 0),
			other: testfixtures.PaillierKey(tb, 3),
			hat1:  testfixtures.PaillierKey(tb, 1),
		}
		var err error
		f.aux1, _, err = f.hat1.GeneratePedersen(zktest.Seeded("1"))
		require.NoError(tb, err)
		f.aux2, _, err = testfixtures.PaillierKey(tb, 2).GeneratePedersen(zktest.Seeded("2"))
		require.NoError(tb, err)
		f.k, err = bigint.SampleIntBits(zktest.Seeded("3"), zk.L)
		require.NoError(tb, err)
		f.ct, f.rho, err = f.sk.Enc(zktest.Seeded("4"), f.k)
		require.NoError(tb, err)
		f.proof, err = NewProof(zktest.Transcript(testSession, testProver, testVerifier), f.public(), f.private(), zktest.Seeded("5"))
		require.NoError(tb, err)
		fix = f
	})
	if fix == nil {
		tb.Fatal("fixture setup failed")
	}
	return fix
}

func (f *fixture) public() Public {
	return Public{N0: f.sk.PublicKey(), K: f.ct.Nat(), Aux: f.aux1}
}

func (f *fixture) private() Private {
	return Private{Plaintext: f.k, Nonce: f.rho, SecretKey: f.sk}
}
