package vss

import (
	"errors"
	"fmt"
)

// Sentinel errors. Errors returned by this package wrap one of these (and
// wrap curve.ErrWrongCurve, curve.ErrIdentity or curve decoding errors where
// those are the cause); test with errors.Is.
var (
	ErrThreshold        = errors.New("vss: threshold out of range")
	ErrNoIDs            = errors.New("vss: empty identifier set")
	ErrZeroID           = errors.New("vss: identifier is zero")
	ErrDuplicateID      = errors.New("vss: duplicate identifier")
	ErrIDNotInSet       = errors.New("vss: identifier not in the set")
	ErrNilValue         = errors.New("vss: nil scalar or point")
	ErrNoShares         = errors.New("vss: no shares")
	ErrCommitmentLength = errors.New("vss: commitment has the wrong number of points")
	ErrIdentityConstant = errors.New("vss: commitment constant term is the identity")
	ErrNonZeroConstant  = errors.New("vss: zero-sharing commitment has a non-identity constant term")
	ErrShareMismatch    = errors.New("vss: share does not match the commitment")
)

// IDError reports which entry of an identifier list (or share list) is bad.
// Err is one of ErrZeroID, ErrDuplicateID, ErrNilValue or a wrapped
// curve.ErrWrongCurve.
type IDError struct {
	// Position is the index of the offending entry in the list passed in.
	Position int
	// Err is the reason.
	Err error
}

// Error implements error.
func (e *IDError) Error() string {
	return fmt.Sprintf("identifier at position %d: %v", e.Position, e.Err)
}

// Unwrap returns the reason, so errors.Is(err, ErrDuplicateID) works.
func (e *IDError) Unwrap() error { return e.Err }
