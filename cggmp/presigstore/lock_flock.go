//go:build darwin || dragonfly || freebsd || illumos || linux || netbsd || openbsd || solaris

package presigstore

import (
	"errors"
	"fmt"
	"os"

	"golang.org/x/sys/unix"
)

// dirLock is an exclusive flock(2) on a File's lock file. flock locks
// belong to the open file description: a second OpenFile of the same
// directory conflicts even within one process, and the kernel releases
// the lock when the process dies, so a crash never leaves the directory
// locked.
type dirLock struct {
	f *os.File
}

// lockSupported reports whether OpenFile locks the directory on this
// platform.
const lockSupported = true

// lockDir creates (mode 0600) and locks path, or returns ErrLocked
// without waiting if another open file holds the lock.
func lockDir(path string) (*dirLock, error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("presigstore: %w", err)
	}
	for {
		err = unix.Flock(int(f.Fd()), unix.LOCK_EX|unix.LOCK_NB)
		if !errors.Is(err, unix.EINTR) {
			break
		}
	}
	if err != nil {
		_ = f.Close()
		if errors.Is(err, unix.EWOULDBLOCK) {
			return nil, fmt.Errorf("%w: %s", ErrLocked, path)
		}
		return nil, fmt.Errorf("presigstore: lock %s: %w", path, err)
	}
	return &dirLock{f: f}, nil
}

// release unlocks and closes the lock file (closing alone would release
// it; the explicit unlock says so).
func (l *dirLock) release() error {
	if l == nil || l.f == nil {
		return nil
	}
	uerr := unix.Flock(int(l.f.Fd()), unix.LOCK_UN)
	cerr := l.f.Close()
	l.f = nil
	if err := errors.Join(uerr, cerr); err != nil {
		return fmt.Errorf("presigstore: unlock: %w", err)
	}
	return nil
}
