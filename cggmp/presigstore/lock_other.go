//go:build !(darwin || dragonfly || freebsd || illumos || linux || netbsd || openbsd || solaris)

package presigstore

// dirLock is nothing on platforms without flock(2) (Windows, js/wasm,
// wasip1, AIX, Plan 9): OpenFile does not lock the directory there, and
// keeping a second process away from it is the caller's duty (see the
// package documentation).
type dirLock struct{}

// lockSupported reports whether OpenFile locks the directory on this
// platform.
const lockSupported = false

// lockDir locks nothing.
func lockDir(string) (*dirLock, error) { return &dirLock{}, nil }

// release releases nothing.
func (*dirLock) release() error { return nil }
