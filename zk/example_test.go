package zk_test

import (
	"fmt"

	"github.com/cronokirby/saferith"
	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/mosaic-mpc/mosaic/internal/transcript"
	"github.com/mosaic-mpc/mosaic/zk"
)

// Every proof of package zk starts its transcript the same way: the proof's
// name (StartProof), then the session, the prover and the verifier
// (BindContext). A challenge drawn after that is the same for prover and
// verifier, and different for any other session, prover or verifier, so a
// proof made for one verifier is useless to replay to another (SECURITY.md
// cases 14 and 15).
func Example() {
	q := curve.Secp256k1().Order()
	challenge := func(session string, prover, verifier uint32) *saferith.Int {
		t := transcript.New("mosaic/example")
		zk.StartProof(t, "mosaic/zk/example/v1")
		zk.BindContext(t, []byte(session), prover, verifier)
		// ... the statement and the commitments would be absorbed here ...
		return zk.ChallengeSymmetric(t, "e", q)
	}
	e := challenge("session-1", 1, 2)
	fmt.Println("prover and verifier agree:", e.Eq(challenge("session-1", 1, 2)) == 1)
	fmt.Println("another verifier:", e.Eq(challenge("session-1", 1, 3)) == 1)
	fmt.Println("another session:", e.Eq(challenge("session-2", 1, 2)) == 1)

	// e is drawn without bias from [-q, q].
	_, _, qBelow := q.Nat().Cmp(e.Abs())
	fmt.Println("|e| <= q:", qBelow != 1)

	fmt.Println("ℓ, ε, ℓ':", zk.L, zk.Epsilon, zk.LPrime)
	fmt.Println("Πmod and Πprm repetitions:", zk.Repetitions)
	// Output:
	// prover and verifier agree: true
	// another verifier: false
	// another session: false
	// |e| <= q: true
	// ℓ, ε, ℓ': 256 512 1280
	// Πmod and Πprm repetitions: 128
}
