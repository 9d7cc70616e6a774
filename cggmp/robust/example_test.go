package robust_test

import (
	"errors"
	"fmt"

	"github.com/mosaic-mpc/mosaic/cggmp/robust"
	"github.com/mosaic-mpc/mosaic/transport"
)

// The plan of a 3-of-5 key: party 1 equivocates (the verdict names it),
// party 2 falls silent (the other signers blame it, which names nobody in
// a set of t). The outcomes here are written by hand; robust.Sign reads
// them from each attempt's error with robust.OutcomeOf.
func Example() {
	plan, err := robust.NewPlan([]transport.PartyID{1, 2, 3, 4, 5}, 3)
	if err != nil {
		panic(err)
	}
	outcomes := []robust.Outcome{
		{Culprits: []transport.PartyID{1}, Err: errors.New("equivocation")},
		{Blames: map[transport.PartyID][]transport.PartyID{3: {2}, 4: {2}}, Err: errors.New("timeout")},
	}
	for _, o := range outcomes {
		signers, err := plan.Next()
		if err != nil {
			panic(err)
		}
		if _, err := plan.Record(signers, o); err != nil {
			panic(err)
		}
		fmt.Println("attempt", plan.Attempts(), "among", signers, "failed:", o.Err)
	}
	signers, err := plan.Next()
	if err != nil {
		panic(err)
	}
	fmt.Println("next attempt among", signers)
	for _, c := range plan.Culprits() {
		fmt.Println("culprit", c.Party, "from attempt", c.Attempt)
	}
	// Output:
	// attempt 1 among [1 2 3] failed: equivocation
	// attempt 2 among [2 3 4] failed: timeout
	// next attempt among [3 4 5]
	// culprit 1 from attempt 1
	// culprit 2 from attempt 2
}
