package transport

import (
	"errors"
	"fmt"
	"slices"
)

// PartyID names one party of a protocol run. Identifiers are chosen by the
// application; they only need to be distinct and non-zero. Zero is reserved:
// in Message.To it means "broadcast to every party".
type PartyID uint32

// MaxParties bounds the number of parties in one run. It keeps the echo vector
// (32 bytes per party) and every per-party table small enough to be allocated
// without trusting a peer.
const MaxParties = 1024

// Errors returned by ValidateParties, wrapped with the offending identifier.
var (
	// ErrNoParties means the party list is empty.
	ErrNoParties = errors.New("transport: empty party list")
	// ErrTooManyParties means the party list is longer than MaxParties.
	ErrTooManyParties = errors.New("transport: too many parties")
	// ErrZeroParty means the party list contains the reserved identifier 0.
	ErrZeroParty = errors.New("transport: party id 0 is reserved for broadcast")
	// ErrDuplicateParty means a party identifier appears more than once.
	ErrDuplicateParty = errors.New("transport: duplicate party id")
)

// ValidateParties checks that ids is a usable party list: non-empty, at most
// MaxParties long, without 0 and without duplicates. The order is not checked
// and ids is not modified.
func ValidateParties(ids []PartyID) error {
	if len(ids) == 0 {
		return ErrNoParties
	}
	if len(ids) > MaxParties {
		return fmt.Errorf("%w: %d > %d", ErrTooManyParties, len(ids), MaxParties)
	}
	sorted := SortedCopy(ids)
	for i, id := range sorted {
		if id == 0 {
			return ErrZeroParty
		}
		if i > 0 && sorted[i-1] == id {
			return fmt.Errorf("%w: %d", ErrDuplicateParty, id)
		}
	}
	return nil
}

// SortedCopy returns a sorted copy of ids; ids itself is left untouched so
// callers can keep their own ordering.
func SortedCopy(ids []PartyID) []PartyID {
	out := slices.Clone(ids)
	slices.Sort(out)
	return out
}

// Contains reports whether id occurs in ids.
func Contains(ids []PartyID, id PartyID) bool {
	return slices.Contains(ids, id)
}
