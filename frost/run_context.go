package frost

import (
	"fmt"

	"github.com/mosaic-mpc/mosaic/internal/identities"
	"github.com/mosaic-mpc/mosaic/internal/session"
	"github.com/mosaic-mpc/mosaic/transport"
)

// runContext returns the run context of a NewSign run
// (transport.Config.Context): a digest of the public inputs every signer
// must hold the same of. They are what SessionID binds (the suite, the
// public key package with its group key, minimum and every verifying
// share, the signing set and the message) and, in a run with identities,
// every signer's identity key. Signers that differ in any of them end the
// run at once with transport.ErrContextMismatch naming nobody, rather than
// blaming each other for shares that fail against their own key or
// message. NewSign has checked cfg, and signingIdentity has narrowed the
// identity to the signers.
func runContext(cfg SignConfig, id *transport.Identity) ([]byte, error) {
	tr := session.StartContext(Protocol)
	if err := appendSigning(tr, cfg.Suite, cfg.Public, cfg.Signers, cfg.Message); err != nil {
		return nil, err
	}
	if id != nil {
		if err := session.AppendIdentities(tr, "identity", cfg.Signers, id.Peers); err != nil {
			return nil, fmt.Errorf("%w: %w", ErrConfig, err)
		}
	}
	return session.FinishContext(tr), nil
}

// signingIdentity returns the identity NewSign passes to the transport
// (identities.ForRun): nil for a nil id, and otherwise a copy of id (the
// caller's is left alone) whose Peers hold the identity keys of the signers
// only, since id may list every holder of the key, and whose MaxFaulty,
// when left zero, is the key's minimum number of signers less one, capped
// to len(signers)-1. With a 1-of-n key that is zero, which the transport
// reads as len(signers)-1: only self-verifying evidence names anyone, as
// in any run without an honest majority. A signer without a valid key is
// an error wrapping ErrConfig and transport.ErrIdentity.
func signingIdentity(id *transport.Identity, minSigners int, signers []transport.PartyID) (*transport.Identity, error) {
	run, err := identities.ForRun(id, signers, min(minSigners-1, len(signers)-1))
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrConfig, err)
	}
	return run, nil
}
