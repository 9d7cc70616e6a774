package session

import (
	"errors"
	"fmt"

	"github.com/mosaic-mpc/mosaic/internal/transcript"
	"github.com/mosaic-mpc/mosaic/transport"
)

// MinNonce is the minimum length of the fresh nonce a session id is derived
// from: 16 bytes, so that two honestly drawn nonces collide with
// probability below 2^-64 even after 2^32 runs.
const MinNonce = 16

// IDSize is the length of every session id.
const IDSize = 32

// domain separates session ids from every other transcript. v2: the
// family replaced the full protocol name (see the package doc).
const domain = "mosaic/session-id/v2"

// ErrShortNonce reports a nonce shorter than MinNonce.
var ErrShortNonce = errors.New("session: nonce too short")

// Start checks the nonce and returns a transcript that has absorbed the
// family of protocol (the whole name if it carries no "/v<N>" version).
// The caller absorbs what defines the run and calls Finish with the same
// nonce.
func Start(protocol string, nonce []byte) (*transcript.Transcript, error) {
	if len(nonce) < MinNonce {
		return nil, fmt.Errorf("%w: %d bytes, want at least %d", ErrShortNonce, len(nonce), MinNonce)
	}
	family := protocol
	if f, _, ok := transport.ParseProtocol(protocol); ok {
		family = f
	}
	tr := transcript.New(domain)
	tr.AppendBytes("protocol-family", []byte(family))
	return tr, nil
}

// AppendParties validates ids (transport.ValidateParties) and absorbs them
// sorted, after their count, under label.
func AppendParties(tr *transcript.Transcript, label string, ids []transport.PartyID) error {
	if err := transport.ValidateParties(ids); err != nil {
		return fmt.Errorf("%s list: %w", label, err)
	}
	tr.AppendUint64(label+"-count", uint64(len(ids)))
	for _, p := range transport.SortedCopy(ids) {
		tr.AppendUint64(label, uint64(p))
	}
	return nil
}

// Finish absorbs the nonce last and returns the IDSize-byte session id.
func Finish(tr *transcript.Transcript, nonce []byte) []byte {
	tr.AppendBytes("nonce", nonce)
	return tr.ChallengeBytes("sid", IDSize)
}
