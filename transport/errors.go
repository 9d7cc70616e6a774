package transport

import (
	"errors"
	"fmt"
	"slices"
	"strings"
)

// Sentinel errors. They are wrapped by *MessageError (a refused message) or
// *AbortError (a failed run); test them with errors.Is.
var (
	// ErrUnknownSender: the sender is not one of Config.Parties, or is the
	// receiving party itself.
	ErrUnknownSender = errors.New("transport: unknown sender")
	// ErrDuplicate: an identical copy of a message already accepted.
	ErrDuplicate = errors.New("transport: duplicate message")
	// ErrWrongSession: the message belongs to another session.
	ErrWrongSession = errors.New("transport: wrong session id")
	// ErrWrongProtocol: the message belongs to another protocol or version.
	ErrWrongProtocol = errors.New("transport: wrong protocol")
	// ErrVersionMismatch: a peer speaks another version of this party's
	// protocol, or of the wire encoding. It comes with a *VersionError
	// naming the peer and both versions.
	ErrVersionMismatch = errors.New("transport: version mismatch")
	// ErrWrongRecipient: a direct message addressed to another party.
	ErrWrongRecipient = errors.New("transport: wrong recipient")
	// ErrBadRound: a round this machine has left, or cannot reach, or a
	// message kind (broadcast or direct) that its round does not use.
	ErrBadRound = errors.New("transport: unexpected round or message kind")
	// ErrEquivocation: a sender sent two different messages for the same
	// round and kind.
	ErrEquivocation = errors.New("transport: equivocation")
	// ErrEchoMismatch: the echo check of a broadcast round failed.
	ErrEchoMismatch = errors.New("transport: echo broadcast mismatch")
	// ErrTimeout: the run made no progress within the round timeout.
	ErrTimeout = errors.New("transport: round timeout")
	// ErrNotDone: Result was called before the machine finished.
	ErrNotDone = errors.New("transport: protocol not finished")
	// ErrFinished: a message arrived after the machine finished, or Start
	// was called twice.
	ErrFinished = errors.New("transport: protocol already finished or started")
	// ErrLocal: the run failed for a local reason (a protocol bug, a
	// randomness failure, an invalid configuration), not because of a peer.
	ErrLocal = errors.New("transport: local failure")
)

// AbortError reports that a run is over. Culprits lists the parties whose
// messages caused the failure (sorted, without duplicates); it is empty for
// a local failure. Honest parties that see the same messages name the same
// culprits.
type AbortError struct {
	// Protocol and Round locate the failure.
	Protocol string
	Round    int
	// Culprits are the parties blamed, in increasing order.
	Culprits []PartyID
	// Reason is a short human-readable description of the failed check.
	Reason string
	// Err is the underlying cause, usually one of the sentinels above or an
	// error from a protocol's validation; it may be nil.
	Err error
}

// NewAbortError returns an AbortError with culprits sorted and de-duplicated.
// Protocol code may leave protocol and round empty inside Round.Finalize: the
// round framework fills them in.
func NewAbortError(protocol string, round int, reason string, err error, culprits ...PartyID) *AbortError {
	c := SortedCopy(culprits)
	c = slices.Compact(c)
	if len(c) == 0 {
		c = nil
	}
	return &AbortError{Protocol: protocol, Round: round, Culprits: c, Reason: reason, Err: err}
}

// Error implements error.
func (e *AbortError) Error() string {
	var b strings.Builder
	b.WriteString("transport: abort")
	if e.Protocol != "" {
		fmt.Fprintf(&b, " in %s", e.Protocol)
	}
	if e.Round != 0 {
		fmt.Fprintf(&b, " round %d", e.Round)
	}
	if len(e.Culprits) > 0 {
		b.WriteString(", culprits")
		for i, id := range e.Culprits {
			if i > 0 {
				b.WriteByte(',')
			}
			fmt.Fprintf(&b, " %d", id)
		}
	}
	if e.Reason != "" {
		fmt.Fprintf(&b, ": %s", e.Reason)
	}
	if e.Err != nil {
		fmt.Fprintf(&b, ": %v", e.Err)
	}
	return b.String()
}

// Unwrap returns the underlying cause.
func (e *AbortError) Unwrap() error { return e.Err }

// MessageError reports that one message was refused. It is not fatal: the
// machine's state is exactly as before the message was delivered, and the
// run continues. From names the party the message claims to come from.
type MessageError struct {
	// From is the sender the message names (not necessarily a party).
	From PartyID
	// Round is the round the message names.
	Round int
	// Err is the reason, wrapping one of the sentinels above.
	Err error
}

// Error implements error.
func (e *MessageError) Error() string {
	return fmt.Sprintf("transport: refused message from %d, round %d: %v", e.From, e.Round, e.Err)
}

// Unwrap returns the reason the message was refused.
func (e *MessageError) Unwrap() error { return e.Err }

// Culprits returns the parties blamed by the first *AbortError in err's
// chain, or nil if there is none. A *MessageError blames nobody: a refused
// message may be a network artefact (a replay, a late copy).
func Culprits(err error) []PartyID {
	var ae *AbortError
	if errors.As(err, &ae) {
		return slices.Clone(ae.Culprits)
	}
	return nil
}
