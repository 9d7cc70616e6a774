package presigstore

import (
	"context"
	"errors"
)

// Store holds sealed presignatures under ids, each taken at most once.
// Implementations are safe for concurrent use.
type Store interface {
	// Put stores sealed under id. An id present, or ever taken, is refused
	// with ErrExists: an id names one presignature for the store's life.
	// When Put returns nil the presignature is durable.
	Put(ctx context.Context, id, sealed []byte) error
	// Take removes one presignature and returns it, or ErrEmpty. Once
	// Take has returned it, no Take (in this process or after a restart)
	// returns that id again.
	Take(ctx context.Context) (id, sealed []byte, err error)
	// Len returns the number of presignatures available to Take.
	Len(ctx context.Context) (int, error)
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
)

// checkID refuses ids a store cannot hold.
func checkID(id []byte) error {
	if len(id) == 0 || len(id) > MaxIDSize {
		return ErrID
	}
	return nil
}
