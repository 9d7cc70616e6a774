package par

import (
	"crypto/rand"
	"io"
	"sync"
)

// lockedReader serialises reads from one randomness source.
type lockedReader struct {
	mu sync.Mutex
	r  io.Reader
}

// Read fills p completely (io.ReadFull) while holding the lock, so that
// concurrent callers never interleave inside one read and a short read of
// the underlying source is never mistaken for the whole.
func (l *lockedReader) Read(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return io.ReadFull(l.r, p)
}

// LockReader returns a reader that goroutines may share: work run by For
// or Do, or several parties' Machines, often draws from the caller's one
// randomness source, and an io.Reader need not be safe for concurrent use
// (crypto/rand's is; a test's deterministic reader may not be). A reader
// LockReader already returned is returned as it is, so wrapping twice
// costs nothing; a nil r stands for crypto/rand.Reader.
func LockReader(r io.Reader) io.Reader {
	if r == nil {
		r = rand.Reader
	}
	if l, ok := r.(*lockedReader); ok {
		return l
	}
	return &lockedReader{r: r}
}
