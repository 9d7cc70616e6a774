package refresh

import (
	"crypto/ed25519"
	"fmt"

	"github.com/mosaic-mpc/mosaic/internal/identities"
	"github.com/mosaic-mpc/mosaic/transport"
)

// runIdentity returns the identity a run among parties passes to the
// transport: nil without id, and otherwise a copy of id narrowed to the
// parties, whose MaxFaulty defaults to maxFaulty (identities.ForKey). When
// the key has a record of identity keys, every party of the run that the
// record holds a key for must have that key in id.Peers: a run signed
// with other keys than the key's record is refused. Errors wrap ErrConfig.
func runIdentity(id *transport.Identity, record map[transport.PartyID]ed25519.PublicKey, parties []transport.PartyID, maxFaulty int) (*transport.Identity, error) {
	run, err := identities.ForKey(id, parties, maxFaulty, record)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrConfig, err)
	}
	return run, nil
}

// heldIdentities is the record of identity keys for the shares a refresh
// or a resharing makes for holders: the run's keys when it has an
// identity (which agree with the old record, runIdentity); else the old
// record's keys when it holds one for every holder, as in every refresh
// of a key with a record; else none.
func heldIdentities(run *transport.Identity, record map[transport.PartyID]ed25519.PublicKey, holders []transport.PartyID) map[transport.PartyID]ed25519.PublicKey {
	if run != nil {
		return identities.Restrict(run.Peers, holders)
	}
	if record == nil {
		return nil
	}
	return identities.Restrict(record, holders)
}
