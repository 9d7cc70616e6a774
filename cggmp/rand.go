package cggmp

import (
	"io"

	"github.com/mosaic-mpc/mosaic/internal/par"
)

// lockReader serialises reads from a caller's randomness source: rounds
// prove to several peers in parallel, and an io.Reader need not be safe for
// concurrent use (crypto/rand's is; a test's deterministic reader may not
// be).
func lockReader(r io.Reader) io.Reader { return par.LockReader(r) }
