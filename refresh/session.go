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
const (
	// Protocol is proactive refresh.
	Protocol = "mosaic/refresh/v1"
	// RepairProtocol is share repair. Version 2: the lost party only
	// listens (in version 1 it also sent echo-only messages in rounds 3
	// and 4).
	RepairProtocol = "mosaic/repair/v2"
	// ReshareProtocol is resharing to a new committee.
	ReshareProtocol = "mosaic/reshare/v1"
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
	if err := appendParties(tr, "helper", helpers); err != nil {
		return nil, err
	}
	tr.AppendUint64("lost", uint64(lost))
	return session.Finish(tr, nonce), nil
}

// ReshareSessionID derives the id of one resharing run: the old key's
// public data, the dealers (sorted), the new committee (sorted), its
// threshold and a fresh nonce.
func ReshareSessionID(old *Public, dealers, newParties []transport.PartyID, newThreshold int, nonce []byte) ([]byte, error) {
	tr, err := sessionTranscript(ReshareProtocol, old, nonce)
	if err != nil {
		return nil, err
	}
	if err := appendParties(tr, "dealer", dealers); err != nil {
		return nil, err
	}
	if err := appendParties(tr, "new-party", newParties); err != nil {
		return nil, err
	}
	if newThreshold < 1 {
		return nil, fmt.Errorf("%w: new threshold %d", ErrConfig, newThreshold)
	}
	tr.AppendUint64("new-t", uint64(newThreshold))
	return session.Finish(tr, nonce), nil
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
	return tr, nil
}

func appendParties(tr *transcript.Transcript, label string, ids []transport.PartyID) error {
	if err := session.AppendParties(tr, label, ids); err != nil {
		return fmt.Errorf("%w: %w", ErrConfig, err)
	}
	return nil
}
