package transport

import (
	"errors"
	"fmt"
)

// asAbort turns an error from protocol code into the run's AbortError:
// an *AbortError keeps its culprits and gets the protocol and round filled
// in; anything else is a local failure that blames nobody.
func (m *machine[Out]) asAbort(round int, err error) *AbortError {
	var ae *AbortError
	if errors.As(err, &ae) {
		c := NewAbortError(ae.Protocol, ae.Round, ae.Reason, ae.Err, ae.Culprits...)
		if c.Protocol == "" {
			c.Protocol = m.protocol
		}
		if c.Round == 0 {
			c.Round = round
		}
		return c
	}
	return NewAbortError(m.protocol, round, "local failure", fmt.Errorf("%w: %w", ErrLocal, err))
}

// fail makes err the machine's permanent state.
func (m *machine[Out]) fail(err error) *AbortError {
	if m.err == nil {
		m.err = m.asAbort(m.round, err)
		m.pending = nil
		m.seen = nil
	}
	return m.err
}

func (m *machine[Out]) takeRefused() []error {
	r := m.refused
	m.refused = nil
	return r
}

// joinRefused reports refused buffered messages: one *MessageError as is,
// several joined (errors.As still finds them).
func joinRefused(errs []error) error {
	switch len(errs) {
	case 0:
		return nil
	case 1:
		return errs[0]
	}
	return errors.Join(errs...)
}

// failure is an abort this party found, on its way to becoming the run's
// outcome. firsthand says that its culprits are this party's own finding
// about messages addressed to it (a Finalize that blamed them, a timeout),
// which it vouches for in the conclusion; an echo mismatch or a peer's
// notice is not.
type failure struct {
	ae        *AbortError
	firsthand bool
}

// Error implements error, so that a failure can travel as one.
func (f *failure) Error() string { return f.ae.Error() }

// Unwrap returns the abort.
func (f *failure) Unwrap() error { return f.ae }

// asFailure turns an error of the round framework into a failure: a
// *failure as it is, anything else as an abort that vouches for nothing.
func asFailure(err error) *failure {
	var f *failure
	if errors.As(err, &f) {
		return f
	}
	var ae *AbortError
	if errors.As(err, &ae) {
		return &failure{ae: ae}
	}
	return &failure{ae: NewAbortError("", 0, "local failure", fmt.Errorf("%w: %w", ErrLocal, err))}
}

// abort ends the run on f: at once in a run without identities, and
// through the conclusion (conclude.go) in a run with them, where it returns
// this party's first notice.
func (m *machine[Out]) abort(f *failure) ([]*Message, error) {
	if m.id == nil {
		return nil, m.fail(f.ae)
	}
	if f.ae.Protocol == "" {
		f.ae.Protocol = m.protocol
	}
	if f.ae.Round == 0 {
		f.ae.Round = max(m.round, 1)
	}
	return m.sendable(m.conclude(f)), nil
}

// abortAndAdvance is abort followed by whatever the conclusion can already
// do (in a run of one party, all of it).
func (m *machine[Out]) abortAndAdvance(f *failure) ([]*Message, error) {
	out, err := m.abort(f)
	if err != nil {
		return out, err
	}
	more, err := m.advance()
	return append(out, more...), err
}
