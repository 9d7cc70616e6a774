package ot

import (
	"crypto/rand"
	"errors"
	"fmt"
	"io"

	"github.com/mosaic-mpc/mosaic/internal/transcript"
	"github.com/mosaic-mpc/mosaic/transport"
)

// Kappa is the computational security parameter κ: the number of base OTs
// and the bit length of a row of the extension matrix (KOS15 with κ = 128).
const Kappa = 128

// extendedRows is ℓ' of KOS15 Fig. 10: count OTs rounded up to whole
// chunks of the check field, plus one more chunk of random choice bits
// whose rows are thrown away. That last chunk masks the check values, so
// that they say nothing about the real choice bits.
func extendedRows(count int) int {
	return (count+checkBits-1)/checkBits*checkBits + checkBits
}

// MessageSize is the size in bytes of every extended OT message.
const MessageSize = 32

// MaxOTs bounds the number of OTs of one extension batch, so that a peer's
// count cannot make the other party allocate without bound.
const MaxOTs = 1 << 16

// maxSessionID bounds the session id; ids are derived hashes in practice.
const maxSessionID = 256

// Errors. Every error that a peer's message causes wraps one of these and
// is returned inside a *PeerError naming that peer.
var (
	// ErrMalformed reports a message that does not decode: wrong size,
	// wrong tag, a non-canonical or identity group element, a count out
	// of range.
	ErrMalformed = errors.New("ot: malformed message")
	// ErrConsistencyCheck reports that the receiver's KOS15 consistency
	// check values do not match the sender's: the receiver cheated (or the
	// messages come from another session).
	ErrConsistencyCheck = errors.New("ot: KOS consistency check failed")
	// ErrSession reports unusable session parameters.
	ErrSession = errors.New("ot: invalid session")
	// ErrState reports a call out of order: extending before the setup,
	// setting up twice, a batch number or count other than expected.
	ErrState = errors.New("ot: call out of order")
	// ErrAborted reports use of a sender whose consistency check failed
	// once: a failed check may have leaked bits of its secret Δ, so the
	// setup must never be used again.
	ErrAborted = errors.New("ot: setup aborted after a failed check")
)

// PeerError names the party whose message caused an error.
type PeerError struct {
	// Party is the culprit.
	Party transport.PartyID
	// Err is what was wrong with its message.
	Err error
}

// Error implements error.
func (e *PeerError) Error() string { return fmt.Sprintf("ot: party %d: %v", e.Party, e.Err) }

// Unwrap returns the cause, for errors.Is and errors.As.
func (e *PeerError) Unwrap() error { return e.Err }

func blame(party transport.PartyID, err error) error { return &PeerError{Party: party, Err: err} }

// Session binds a pairwise OT setup to one run: every hash of the base OT
// and of the extension absorbs the session id and both party ids, so that
// messages replayed from another session, or between another pair, or with
// the roles swapped, do not line up (SECURITY.md's replay rule; the class of
// GHSA-7f6p-phw2-8253).
type Session struct {
	// ID is the session id, unique per setup (1 to 256 bytes), such as one
	// derived by internal/session from the key generation and the run.
	ID []byte
	// Sender is the extension sender (the base-OT receiver).
	Sender transport.PartyID
	// Receiver is the extension receiver (the base-OT sender).
	Receiver transport.PartyID
}

func (s Session) validate() error {
	switch {
	case len(s.ID) == 0 || len(s.ID) > maxSessionID:
		return fmt.Errorf("%w: session id of %d bytes", ErrSession, len(s.ID))
	case s.Sender == 0 || s.Receiver == 0:
		return fmt.Errorf("%w: party id 0", ErrSession)
	case s.Sender == s.Receiver:
		return fmt.Errorf("%w: sender and receiver are both party %d", ErrSession, s.Sender)
	}
	return nil
}

// clone copies the session id so that the caller may reuse its slice.
func (s Session) clone() Session {
	s.ID = append([]byte(nil), s.ID...)
	return s
}

// transcript starts a hash bound to the session, the ordered pair of
// parties and one purpose.
func (s Session) transcript(purpose string) *transcript.Transcript {
	t := transcript.New("mosaic/ot/v1/" + purpose)
	t.AppendBytes("session id", s.ID)
	t.AppendUint64("extension sender", uint64(s.Sender))
	t.AppendUint64("extension receiver", uint64(s.Receiver))
	return t
}

func randomBytes(r io.Reader, n int) ([]byte, error) {
	if r == nil {
		r = rand.Reader
	}
	b := make([]byte, n)
	if _, err := io.ReadFull(r, b); err != nil {
		return nil, fmt.Errorf("ot: reading randomness: %w", err)
	}
	return b, nil
}
