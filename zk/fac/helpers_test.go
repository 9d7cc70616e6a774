package fac

import (
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/mosaic-mpc/mosaic/internal/testfixtures"
	"github.com/mosaic-mpc/mosaic/paillier"
	"github.com/mosaic-mpc/mosaic/zk/internal/zktest"
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
		f.auxProver, _, err = f.sk.GeneratePedersen(zktest.Seeded("3"))
		require.NoError(tb, err)
		f.proof, err = NewProof(zktest.Transcript(testSession, testProver, testVerifier), f.public(), f.private(), zktest.Seeded("4"))
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
