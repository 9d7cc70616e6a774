package frost

import (
	"fmt"

	"github.com/mosaic-mpc/mosaic/dkg"
	"github.com/mosaic-mpc/mosaic/internal/session"
	"github.com/mosaic-mpc/mosaic/internal/transcript"
	"github.com/mosaic-mpc/mosaic/transport"
)

// NonceSize is the minimum length of the fresh nonce a session id is
// derived from (as for dkg.SessionID). It has nothing to do with FROST's
// signing nonces (SigningNonces), which Commit draws itself.
const NonceSize = dkg.NonceSize

// SessionID derives the id of one NewSign run from the family of Protocol
// (not its version: internal/session says why), everything that defines
// the run and a fresh random nonce of at least NonceSize bytes that every signer agreed on beforehand,
// for example sent by whoever requests the signature. What defines the run
// is the ciphersuite, the group's public key package (group key, possibly
// taproot-tweaked, minimum signers and every participant's verifying
// share), the signing set (sorted) and the message. It refuses a short
// nonce, an invalid suite, a key package of another suite and an invalid
// signing set (fewer than the minimum, or a signer without a verifying
// share) with an error wrapping ErrConfig. Every signer computes the same
// id from the same public inputs; the ids of different protocols, or of
// runs that differ in any input, never coincide.
//
// The id is mosaic's and is hashed with internal/transcript; it is not one
// of RFC 9591's hashes, which stay byte for byte the RFC's.
func SessionID(suite Ciphersuite, pub *PublicKeyPackage, signers []transport.PartyID, message, nonce []byte) ([]byte, error) {
	if err := suite.check(); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrConfig, err)
	}
	if pub == nil || pub.groupKey == nil {
		return nil, fmt.Errorf("%w: missing public key package", ErrConfig)
	}
	if pub.Suite() != suite {
		return nil, fmt.Errorf("%w: public key package of %s, want %s", ErrConfig, pub.Suite(), suite)
	}
	if err := checkSigners(pub, signers); err != nil {
		return nil, err
	}
	tr, err := session.Start(Protocol, nonce)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrConfig, err)
	}
	if err := appendSigning(tr, suite, pub, signers, message); err != nil {
		return nil, err
	}
	return session.Finish(tr, nonce), nil
}

// appendSigning absorbs what defines a signing into tr: the suite, the
// public key package (minimum signers, group key, every participant's
// identifier and verifying share), the sorted signing set and the message.
// SessionID and the run context (runContext) both bind these, so a change
// to one changes both. The caller has checked pub and signers.
func appendSigning(tr *transcript.Transcript, suite Ciphersuite, pub *PublicKeyPackage, signers []transport.PartyID, message []byte) error {
	tr.AppendBytes("suite", []byte(suite.ContextString()))
	tr.AppendUint64("min-signers", uint64(pub.MinSigners()))
	tr.AppendPoint("group-key", pub.GroupKey())
	ids := pub.Identifiers()
	tr.AppendUint64("n", uint64(len(ids)))
	for _, id := range ids {
		share, _ := pub.VerifyingShare(id)
		tr.AppendBytes("identifier", id.transcriptBytes())
		tr.AppendPoint("verifying-share", share)
	}
	if err := session.AppendParties(tr, "signer", signers); err != nil {
		return fmt.Errorf("%w: %w", ErrConfig, err)
	}
	tr.AppendBytes("message", message)
	return nil
}
