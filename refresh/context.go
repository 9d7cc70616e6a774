package refresh

import (
	"fmt"

	"github.com/mosaic-mpc/mosaic/internal/session"
	"github.com/mosaic-mpc/mosaic/internal/transcript"
	"github.com/mosaic-mpc/mosaic/transport"
)

// runContext returns the run context (transport.Config.Context) of a run
// of protocol among parties on the key pub: a digest of the public inputs
// every party must hold the same of. They are the key's public data (what
// session ids bind: curve, threshold, parties, group key, every public
// share, chain code; and its record of identity keys), what bind adds (a
// repair's helpers and lost party, a resharing's dealers, new committee
// and threshold; nil for a refresh) and, in a run with identities, every
// run party's identity key. Parties that differ in any of them end the
// run at once with transport.ErrContextMismatch naming nobody, instead of
// blaming each other for values that fail against their own key. pub has
// passed Validate; errors wrap ErrConfig.
func runContext(protocol string, pub *Public, parties []transport.PartyID, id *transport.Identity, bind func(*transcript.Transcript) error) ([]byte, error) {
	tr := session.StartContext(protocol)
	appendKey(tr, pub)
	if pub.Identities != nil {
		if err := session.AppendIdentities(tr, "record-identity", pub.Parties, pub.Identities); err != nil {
			return nil, fmt.Errorf("%w: %w", ErrConfig, err)
		}
	}
	if bind != nil {
		if err := bind(tr); err != nil {
			return nil, err
		}
	}
	if id != nil {
		if err := session.AppendIdentities(tr, "identity", parties, id.Peers); err != nil {
			return nil, fmt.Errorf("%w: %w", ErrConfig, err)
		}
	}
	return session.FinishContext(tr), nil
}
