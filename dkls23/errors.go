package dkls23

import (
	"errors"
	"fmt"
	"io"

	"crypto/rand"

	"github.com/mosaic-mpc/mosaic/transport"
)

// Errors. Errors caused by a peer's message wrap one of these; the
// package documentation, "What an abort names", says which of them name a
// culprit every honest party agrees on.
var (
	// ErrConfig reports a configuration the machine cannot run.
	ErrConfig = errors.New("dkls23: invalid configuration")
	// ErrKey reports a Key that is missing, malformed or inconsistent.
	ErrKey = errors.New("dkls23: invalid key")
	// ErrMalformed reports a peer's message that does not decode.
	ErrMalformed = errors.New("dkls23: malformed message")
	// ErrCommitment reports an opening of the nonce commitment R_j that
	// does not match the commitment of round 1.
	ErrCommitment = errors.New("dkls23: nonce commitment does not open")
	// ErrVOLECheck reports that a peer's answer in the two-party
	// multiplication failed its consistency check (DKLs23 Protocol 5.2).
	ErrVOLECheck = errors.New("dkls23: multiplication consistency check failed")
	// ErrConsistency reports that a peer's multiplication outputs do not
	// match its public nonce or key share (the Γ checks of DKLs23
	// Protocol 3.6, round 3).
	ErrConsistency = errors.New("dkls23: multiplication inconsistent with R_j or pk_j")
	// ErrInvalidSignature reports that the combined signature does not
	// verify: some signer sent a wrong (u_j, w_j), and DKLs23 cannot tell
	// which.
	ErrInvalidSignature = errors.New("dkls23: combined signature does not verify")
	// ErrOTCheck reports that a peer's OT-extension message failed the
	// KOS15 consistency check; the pair is retired (ErrPairRetired).
	ErrOTCheck = errors.New("dkls23: OT-extension consistency check failed")
	// ErrPairRetired reports a signer whose pairwise OT setup with this
	// party is retired: an OT-extension consistency check failed with it
	// once, which may have leaked a bit of this party's OT secret, so the
	// pair must run Setup again before it signs together (Key.Retired).
	ErrPairRetired = errors.New("dkls23: pairwise OT setup retired after a failed check")
)

// SuspectError is an abort in which this party saw a peer misbehave in a
// message only the two of them saw (a pairwise multiplication, or its Γ
// checks). DKLs23 has no identifiable abort: the peer may be honest and
// this party lying, so other parties cannot take this party's word for it,
// and the run's *transport.AbortError names nobody. Suspect is what this
// party saw, for its own logs and policy.
type SuspectError struct {
	// Suspect is the peer whose message failed.
	Suspect transport.PartyID
	// Err is the failure (ErrOTCheck, ErrVOLECheck, ErrConsistency,
	// ErrMalformed).
	Err error
}

// Error implements error.
func (e *SuspectError) Error() string {
	return fmt.Sprintf("dkls23: party %d suspected: %v", e.Suspect, e.Err)
}

// Unwrap returns the failure, for errors.Is and errors.As.
func (e *SuspectError) Unwrap() error { return e.Err }

// randomScalar draws a uniform scalar from 32 bytes of rand (crypto/rand
// when nil); see uniformScalar.
func randomScalar(r io.Reader) (scalar, error) {
	if r == nil {
		r = rand.Reader
	}
	var b [32]byte
	if _, err := io.ReadFull(r, b[:]); err != nil {
		return scalar{}, fmt.Errorf("dkls23: reading randomness: %w", err)
	}
	s := uniformScalar(&b)
	clear(b[:])
	return s, nil
}

// randomNonZero draws a uniform non-zero scalar.
func randomNonZero(r io.Reader) (scalar, error) {
	for {
		s, err := randomScalar(r)
		if err != nil || !s.IsZero() {
			return s, err
		}
	}
}
