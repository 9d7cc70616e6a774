package transport

import (
	"errors"
	"fmt"
)

// ErrContextMismatch: a party of the run signs its messages for another
// Config.Context, that is, it holds other public inputs (another key,
// another party set) than this party. Run ends the run at once on it,
// naming nobody: which of the two holds the wrong key is not for the
// protocol to tell, and an honest party is never named for it.
var ErrContextMismatch = errors.New("transport: key mismatch: a party runs with other public inputs")

// ContextError is the reason a message from Peer was refused because its
// Context differs from this party's: the two hold different public inputs
// for the same run.
type ContextError struct {
	// Peer is the party whose message carried another context.
	Peer PartyID
}

// Error implements error.
func (e *ContextError) Error() string {
	return fmt.Sprintf("%v: party %d runs with another key or party set than this party", ErrContextMismatch, e.Peer)
}

// Unwrap returns ErrContextMismatch.
func (e *ContextError) Unwrap() error { return ErrContextMismatch }
