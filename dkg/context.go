package dkg

import (
	"crypto/ed25519"
	"fmt"

	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/mosaic-mpc/mosaic/internal/session"
	"github.com/mosaic-mpc/mosaic/transport"
)

// runContext returns the run context of a key generation
// (transport.Config.Context): a digest of the public inputs every party
// must hold the same of: the curve, the threshold, the sorted parties and,
// in a run with identities, every party's identity key. Parties that
// differ in any of them end the run at once with
// transport.ErrContextMismatch naming nobody, instead of blaming each other
// for messages that fail against their own parameters. parties are sorted
// and validated; a party without a key in a non-nil ids is ErrConfig.
func runContext(c curve.Curve, t int, parties []transport.PartyID, ids map[transport.PartyID]ed25519.PublicKey) ([]byte, error) {
	tr := session.StartContext(Protocol)
	tr.AppendBytes("curve", []byte(c.Name()))
	tr.AppendUint64("t", uint64(t))
	tr.AppendUint64("party-count", uint64(len(parties)))
	for _, p := range parties {
		tr.AppendUint64("party", uint64(p))
	}
	if ids != nil {
		if err := session.AppendIdentities(tr, "identity", parties, ids); err != nil {
			return nil, fmt.Errorf("%w: %w", ErrConfig, err)
		}
	}
	return session.FinishContext(tr), nil
}
