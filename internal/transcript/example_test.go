package transcript_test

import (
	"fmt"

	"github.com/cronokirby/saferith"
	"github.com/mosaic-mpc/mosaic/internal/transcript"
)

// A prover and a verifier absorb the same statement and derive the same
// challenge.
func Example() {
	q := saferith.ModulusFromUint64(1000003)
	challenge := func() *saferith.Nat {
		t := transcript.New("example/v1")
		t.AppendBytes("session", []byte("sid-42"))
		t.AppendUint64("prover", 1)
		t.AppendNat("statement", new(saferith.Nat).SetUint64(12345))
		return t.ChallengeNat("e", q)
	}
	fmt.Println(challenge().Eq(challenge()) == 1)
	// Output: true
}
