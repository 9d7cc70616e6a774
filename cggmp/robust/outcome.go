package robust

import (
	"errors"
	"slices"

	"github.com/mosaic-mpc/mosaic/transport"
)

// Outcome is what an attempt that ended without a signature proved, in
// the form every honest signer of the attempt holds the same of after the
// agreement layer's conclusion (docs/agreement.md): the culprits of the
// verdict and the blames accepted in the conclusion.
type Outcome struct {
	// Culprits are the parties the verdict named: on self-verifying
	// evidence (an equivocation, a lying echo or view), or because more
	// parties blamed them than may be malicious.
	Culprits []transport.PartyID
	// Blames maps each author of an accepted blame to the parties it
	// blamed (transport.BlameError), named or not.
	Blames map[transport.PartyID][]transport.PartyID
	// Err is the attempt's error, kept as the evidence.
	Err error
}

// OutcomeOf reads an attempt's outcome from the error a signer's machine
// ended with: the culprits of its *transport.AbortError and the blames of
// the *transport.BlameError in its chain. An error without an AbortError
// gives an outcome that names nobody.
func OutcomeOf(err error) Outcome {
	o := Outcome{Err: err, Culprits: transport.Culprits(err)}
	var be *transport.BlameError
	if errors.As(err, &be) {
		o.Blames = make(map[transport.PartyID][]transport.PartyID, len(be.Blames))
		for a, ps := range be.Blames {
			o.Blames[a] = slices.Clone(ps)
		}
	}
	return o
}
