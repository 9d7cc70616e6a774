package cggmp

import (
	"io"
	"sync"
)

// lockedReader serialises reads from a caller's randomness source: rounds
// prove to several peers in parallel, and an io.Reader need not be safe for
// concurrent use (crypto/rand's is; a test's deterministic reader may not
// be).
type lockedReader struct {
	mu sync.Mutex
	r  io.Reader
}

func (l *lockedReader) Read(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.r.Read(p)
}

// lockReader wraps r once.
func lockReader(r io.Reader) io.Reader {
	if l, ok := r.(*lockedReader); ok {
		return l
	}
	return &lockedReader{r: r}
}
