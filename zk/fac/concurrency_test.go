package fac

import (
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/mosaic-mpc/mosaic/zk/internal/zktest"
)

// TestConcurrentProofsShareWitness proves to two verifiers at once from one
// witness (p, q), and verifies one proof with and without N̂'s key from
// several goroutines, as in CGGMP21 aux-info where a party answers every
// peer at once. saferith writes to the operands of Mul, Cmp, Eq, … in
// place, so under -race this fails if a shared value reaches one of them.
func TestConcurrentProofsShareWitness(t *testing.T) {
	f := getFixture(t)
	priv := f.private()
	pub1 := f.public()
	pub2 := Public{N0: pub1.N0, Aux: f.aux2}
	cases := []struct {
		name string
		run  func() error
	}{
		{"prove to verifier 1", func() error {
			p, err := NewProof(zktest.Transcript(testSession, testProver, 1), pub1, priv, nil)
			if err != nil {
				return err
			}
			return p.VerifyWithKey(zktest.Transcript(testSession, testProver, 1), pub1, f.hat1)
		}},
		{"prove to verifier 2", func() error {
			p, err := NewProof(zktest.Transcript(testSession, testProver, 2), pub2, priv, nil)
			if err != nil {
				return err
			}
			return p.Verify(zktest.Transcript(testSession, testProver, 2), pub2)
		}},
		{"verify the shared proof", func() error {
			return f.proof.Verify(zktest.Transcript(testSession, testProver, testVerifier), pub1)
		}},
		{"verify the shared proof with the key", func() error {
			return f.proof.VerifyWithKey(zktest.Transcript(testSession, testProver, testVerifier), pub1, f.hat1)
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
