package main

import (
	"encoding/hex"
	"io"
	"sync"
)

func hexString(b []byte) string { return hex.EncodeToString(b) }

// lockedWriter serializes writes from the server's goroutines.
type lockedWriter struct {
	mu sync.Mutex
	w  io.Writer
}

// String returns what was written, when w is a strings.Builder.
func (l *lockedWriter) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	if b, ok := l.w.(interface{ String() string }); ok {
		return b.String()
	}
	return ""
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}
