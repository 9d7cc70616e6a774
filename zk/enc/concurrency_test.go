package enc

import (
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/mosaic-mpc/mosaic/zk/internal/zktest"
)

// TestConcurrentProofsShareWitness proves to two verifiers at once from one
// witness and one statement, with and without the secret key, and verifies
// one proof from several goroutines, as a party of a signing session does
// towards its peers. saferith writes to the operands of Mul, CmpMod, … in
// place, so under -race this fails if NewProof or Verify hands a shared
// value to such an operation.
func TestConcurrentProofsShareWitness(t *testing.T) {
	f := getFixture(t)
	pub, priv := f.public(), f.private()
	pubKeyOnly := priv
	pubKeyOnly.SecretKey = nil
	pub2 := Public{N0: pub.N0, K: pub.K, Aux: f.aux2}
	cases := []struct {
		name string
		run  func() error
	}{
		{"prove to verifier 1 (CRT)", func() error {
			p, err := NewProof(zktest.Transcript(testSession, testProver, 1), pub, priv, nil)
			if err != nil {
				return err
			}
			return verifyBoth(t, p, zktest.Transcript(testSession, testProver, 1), pub)
		}},
		{"prove to verifier 2 (public key)", func() error {
			p, err := NewProof(zktest.Transcript(testSession, testProver, 2), pub2, pubKeyOnly, nil)
			if err != nil {
				return err
			}
			return verifyBoth(t, p, zktest.Transcript(testSession, testProver, 2), pub2)
		}},
		{"verify the shared proof", func() error {
			return verifyBoth(t, f.proof, zktest.Transcript(testSession, testProver, testVerifier), pub)
		}},
	}
	const workers = 2
	start := make(chan struct{})
	var wg sync.WaitGroup
	errs := make([][workers]error, len(cases))
	for i, c := range cases {
		for w := range workers {
			wg.Go(func() {
				<-start
				errs[i][w] = c.run()
			})
		}
	}
	close(start)
	wg.Wait()
	for i, c := range cases {
		for w, err := range errs[i] {
			require.NoError(t, err, "%s, worker %d", c.name, w)
		}
	}
}
