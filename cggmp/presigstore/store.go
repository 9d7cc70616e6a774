package presigstore

import (
	"bytes"
	"context"
	"errors"
	"slices"
)

// Store holds sealed presignatures under ids, each taken at most once.
// Implementations are safe for concurrent use.
type Store interface {
	// Put stores sealed under id. An id present, or ever taken, is refused
	// with ErrExists: an id names one presignature for the store's life.
	// When Put returns nil the presignature is durable.
	Put(ctx context.Context, id, sealed []byte) error
	// Take removes one presignature and returns it, or ErrEmpty. Once
	// Take has returned it, no Take or TakeID (in this process or after a
	// restart) returns that id again.
	Take(ctx context.Context) (id, sealed []byte, err error)
	// TakeID is Take of the presignature stored under id: ErrTaken if it
	// was taken before, ErrNotFound if the store never held it.
	TakeID(ctx context.Context, id []byte) (sealed []byte, err error)
	// List returns the presignatures available to Take, oldest first (by
	// Meta.Created, then id), each with the metadata of its sealed header
	// (ReadMeta; the zero Meta for a header that does not parse).
	List(ctx context.Context) ([]Entry, error)
	// Len returns the number of presignatures available to Take.
	Len(ctx context.Context) (int, error)
}

// Entry is a presignature available in a Store, as List shows it.
type Entry struct {
	// ID is the id it is stored under.
	ID []byte
	// Meta is its header, not yet authenticated (ReadMeta).
	Meta Meta
}

// MaxIDSize bounds an id; ids are file names in [File].
const MaxIDSize = 64

// Errors of the stores.
var (
	// ErrEmpty is returned by Take when no presignature is available.
	ErrEmpty = errors.New("presigstore: no presignature available")
	// ErrExists is returned by Put for an id the store holds or took.
	ErrExists = errors.New("presigstore: id already stored or taken")
	// ErrID is returned for an empty or too long id.
	ErrID = errors.New("presigstore: invalid id")
	// ErrNotFound is returned by TakeID for an id the store never held.
	ErrNotFound = errors.New("presigstore: no presignature under this id")
	// ErrTaken is returned by TakeID for an id taken before: a request
	// to sign with it again is a request to reuse a nonce, and is worth
	// an alert.
	ErrTaken = errors.New("presigstore: presignature already taken")
	// ErrClosed is returned by a File used after Close.
	ErrClosed = errors.New("presigstore: store closed")
	// ErrLocked is returned by OpenFile when another File, in this
	// process or another, holds the directory.
	ErrLocked = errors.New("presigstore: directory in use by another process or File")
)

// checkID refuses ids a store cannot hold.
func checkID(id []byte) error {
	if len(id) == 0 || len(id) > MaxIDSize {
		return ErrID
	}
	return nil
}

// sortEntries orders entries oldest first, then by id; entries without a
// creation time (format version 1, or an unparsed header) come first, as
// the oldest possible.
func sortEntries(es []Entry) {
	slices.SortStableFunc(es, func(a, b Entry) int {
		if c := a.Meta.Created.Compare(b.Meta.Created); c != 0 {
			return c
		}
		return bytes.Compare(a.ID, b.ID)
	})
}
