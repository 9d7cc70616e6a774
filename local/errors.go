package local

import (
	"errors"
	"fmt"

	"github.com/mosaic-mpc/mosaic/transport"
)

// ErrInput reports a bad argument from the caller: a missing context, an
// empty or invalid party list, a threshold out of range, a party without
// a share, a party without an identity key or with another one than its
// key share records, a negative timeout. Nothing has been run when it is
// returned.
var ErrInput = errors.New("local: invalid input")

// ErrDisagree reports that the parties of a signing run finished with
// different signatures, which honest parties never do.
var ErrDisagree = errors.New("local: parties disagree on the signature")

// PartyError is the failure of one party: its Machine could not be made
// from its configuration, or its run ended in an error. Err is the
// protocol's error; a *transport.AbortError among them names the culprits.
type PartyError struct {
	// Party is the party that failed.
	Party transport.PartyID
	// Err is why.
	Err error
}

// Error names the party and its error.
func (e *PartyError) Error() string {
	return fmt.Sprintf("local: party %d: %v", e.Party, e.Err)
}

// Unwrap returns Err, for errors.Is and errors.As.
func (e *PartyError) Unwrap() error { return e.Err }

// partyErr wraps err as party id's, or returns nil.
func partyErr(id transport.PartyID, err error) error {
	if err == nil {
		return nil
	}
	return &PartyError{Party: id, Err: err}
}
