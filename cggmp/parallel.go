package cggmp

import (
	"github.com/mosaic-mpc/mosaic/internal/par"
	"github.com/mosaic-mpc/mosaic/transport"
)

// parallelMap runs f for every party on up to GOMAXPROCS goroutines, all
// finished before it returns, and returns the errors in the order of ids.
// Verifying the peers' proofs in parallel is the main speed-up of a round
// (docs/architecture.md, "Performance design").
func parallelMap(ids []transport.PartyID, f func(transport.PartyID) error) []error {
	return par.Errors(len(ids), func(i int) error { return f(ids[i]) })
}
