package refresh

import (
	"fmt"

	"github.com/mosaic-mpc/mosaic/dkg"
	"github.com/mosaic-mpc/mosaic/internal/session"
	"github.com/mosaic-mpc/mosaic/internal/transcript"
	"github.com/mosaic-mpc/mosaic/transport"
)

// Protocol names and versions, carried in every message; their families
// are bound into the session ids. Each family differs from dkg.Protocol's,
// so no message or session id of one protocol is accepted by another.
//
// Each version was bumped when every message came to bind the run context
// (a digest of the key's public data, the run's party sets and identity
// keys) and a run with identities came to end with a confirmation round:
// a peer of the older version would otherwise be refused as holding
// another key instead of being named as running another version.
const (
	// Protocol is proactive refresh. Version 2: the run context and
	// confirmation.
	Protocol = "mosaic/refresh/v2"
	// RepairProtocol is share repair. Version 2: the lost party only
	// listens (in version 1 it also sent echo-only messages in rounds 3
	// and 4). Version 3: the run context and confirmation.
	RepairProtocol = "mosaic/repair/v3"
	// ReshareProtocol is resharing to a new committee. Version 2: the run
	// context and confirmation.
	ReshareProtocol = "mosaic/reshare/v2"
)

// NonceSize is the minimum length of the fresh nonce every session id is
// derived from (as for dkg.SessionID).
const NonceSize = dkg.NonceSize

// SessionID derives the id of one refresh run in the style of
// dkg.SessionID, from the key's public data (curve, ordered parties,
// threshold, group key, every public share and the chain code) and a fresh
// random nonce all parties agreed on beforehand. Binding the public shares
// ties the run to one generation of shares: after a refresh they change,
// so a run can never be replayed against the refreshed key.
func SessionID(pub *Public, nonce []byte) ([]byte, error) {
	tr, err := sessionTranscript(Protocol, pub, nonce)
	if err != nil {
		return nil, err
	}
	return session.Finish(tr, nonce), nil
}

// RepairSessionID derives the id of one repair run: the key's public data,
// the helpers (sorted), the party whose share is repaired and a fresh nonce.
func RepairSessionID(pub *Public, helpers []transport.PartyID, lost transport.PartyID, nonce []byte) ([]byte, error) {
	tr, err := sessionTranscript(RepairProtocol, pub, nonce)
	if err != nil {
		return nil, err
	}
	if err := appendRepair(tr, helpers, lost); err != nil {
		return nil, err
	}
	return session.Finish(tr, nonce), nil
}

// appendRepair absorbs what a repair adds to the key: the helpers (sorted)
// and the lost party. Session ids and run contexts both bind it.
func appendRepair(tr *transcript.Transcript, helpers []transport.PartyID, lost transport.PartyID) error {
	if err := appendParties(tr, "helper", helpers); err != nil {
		return err
	}
	tr.AppendUint64("lost", uint64(lost))
	return nil
}

// ReshareSessionID derives the id of one resharing run: the old key's
// public data, the dealers (sorted), the new committee (sorted), its
// threshold and a fresh nonce.
func ReshareSessionID(old *Public, dealers, newParties []transport.PartyID, newThreshold int, nonce []byte) ([]byte, error) {
	tr, err := sessionTranscript(ReshareProtocol, old, nonce)
	if err != nil {
		return nil, err
	}
	if err := appendReshare(tr, dealers, newParties, newThreshold); err != nil {
		return nil, err
	}
	return session.Finish(tr, nonce), nil
}

// appendReshare absorbs what a resharing adds to the old key: the dealers
// and the new committee (each sorted) and its threshold. Session ids and
// run contexts both bind it.
func appendReshare(tr *transcript.Transcript, dealers, newParties []transport.PartyID, newThreshold int) error {
	if err := appendParties(tr, "dealer", dealers); err != nil {
		return err
	}
	if err := appendParties(tr, "new-party", newParties); err != nil {
		return err
	}
	if newThreshold < 1 {
		return fmt.Errorf("%w: new threshold %d", ErrConfig, newThreshold)
	}
	tr.AppendUint64("new-t", uint64(newThreshold))
	return nil
}

// sessionTranscript starts a session-id transcript (internal/session, which
// binds the protocol's family) with everything that defines the key.
func sessionTranscript(protocol string, pub *Public, nonce []byte) (*transcript.Transcript, error) {
	if pub == nil {
		return nil, fmt.Errorf("%w: no public key data", ErrConfig)
	}
	if err := pub.Validate(); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrConfig, err)
	}
	tr, err := session.Start(protocol, nonce)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrConfig, err)
	}
	appendKey(tr, pub)
	return tr, nil
}

// appendKey absorbs the public data of a valid key that session ids and
// run contexts bind: the curve, the parties, the threshold, the group key,
// every public share and the chain code. The record of identity keys is
// left to the run context (runContext), so that a key's session ids are
// what they were before keys had that record.
func appendKey(tr *transcript.Transcript, pub *Public) {
	tr.AppendBytes("curve", []byte(pub.Curve.Name()))
	tr.AppendUint64("n", uint64(len(pub.Parties)))
	for _, p := range pub.Parties {
		tr.AppendUint64("party", uint64(p))
	}
	tr.AppendUint64("t", uint64(pub.Threshold))
	tr.AppendPoint("group-key", pub.GroupKey)
	for _, p := range pub.Parties {
		tr.AppendPoint("public-share", pub.PublicShares[p])
	}
	tr.AppendBytes("chain-code", pub.ChainCode)
}

func appendParties(tr *transcript.Transcript, label string, ids []transport.PartyID) error {
	if err := session.AppendParties(tr, label, ids); err != nil {
		return fmt.Errorf("%w: %w", ErrConfig, err)
	}
	return nil
}
