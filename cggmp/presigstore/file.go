package presigstore

import (
	"context"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sync"

	"golang.org/x/crypto/chacha20poly1305"
)

// File is a Store in a directory, one file per presignature (see the
// package documentation for the layout and the crash guarantees). Open
// it with OpenFile and Close it when done: one File at a time may use a
// directory, which OpenFile enforces with a lock where the platform has
// one (flock).
type File struct {
	mu     sync.Mutex
	dir    string
	lock   *dirLock
	closed bool
	// crash, when set (by tests only), is called at every point where a
	// crash leaves a distinct state on disk, with the point's name.
	crash func(point string)
}

var _ Store = (*File)(nil)

// The subdirectories of a File's directory.
const (
	tmpDir   = "tmp"
	readyDir = "ready"
	takenDir = "taken"
)

// lockName is the file in a File's directory that OpenFile locks.
const lockName = "lock"

// OpenFile opens the store in dir, creating it (mode 0700) if needed,
// locks it against other Files (ErrLocked if another process, or another
// File of this one, holds it; see the package documentation for the
// platforms without a lock), and finishes what a crash left: it removes
// half-written Puts and empties the tombstones of Takes that did not get
// to it. Every file name in its subdirectories must be an id in hex.
func OpenFile(dir string) (_ *File, err error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("presigstore: %w", err)
	}
	lock, err := lockDir(filepath.Join(dir, lockName))
	if err != nil {
		return nil, err
	}
	defer func() {
		if err != nil {
			lock.release()
		}
	}()
	for _, sub := range []string{tmpDir, readyDir, takenDir} {
		if err := os.MkdirAll(filepath.Join(dir, sub), 0o700); err != nil {
			return nil, fmt.Errorf("presigstore: %w", err)
		}
	}
	if err := syncDir(dir); err != nil {
		return nil, err
	}
	f := &File{dir: dir, lock: lock}
	tmp, err := f.names(tmpDir)
	if err != nil {
		return nil, err
	}
	for _, name := range tmp {
		if err := os.Remove(filepath.Join(dir, tmpDir, name)); err != nil {
			return nil, fmt.Errorf("presigstore: %w", err)
		}
	}
	if _, err := f.names(readyDir); err != nil {
		return nil, err
	}
	taken, err := f.names(takenDir)
	if err != nil {
		return nil, err
	}
	for _, name := range taken {
		if err := emptyFile(filepath.Join(dir, takenDir, name)); err != nil {
			return nil, err
		}
	}
	return f, nil
}

// Close releases the directory's lock; every later call on f returns
// ErrClosed. Closing twice is a no-op.
func (f *File) Close() error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.closed {
		return nil
	}
	f.closed = true
	return f.lock.release()
}

// use locks f for one operation, or returns ErrClosed; the caller
// unlocks f.mu.
func (f *File) use(ctx context.Context) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	f.mu.Lock()
	if f.closed {
		f.mu.Unlock()
		return ErrClosed
	}
	return nil
}

// names lists the ids (as file names) in a subdirectory, in increasing
// order, refusing a name that is not an id in hex.
func (f *File) names(sub string) ([]string, error) {
	entries, err := os.ReadDir(filepath.Join(f.dir, sub))
	if err != nil {
		return nil, fmt.Errorf("presigstore: %w", err)
	}
	out := make([]string, 0, len(entries))
	for _, e := range entries {
		if _, err := parseName(e.Name()); err != nil {
			return nil, fmt.Errorf("presigstore: %s/%s: %w", sub, e.Name(), err)
		}
		out = append(out, e.Name())
	}
	return out, nil
}

// parseName returns the id a file name stands for.
func parseName(name string) ([]byte, error) {
	id, err := hex.DecodeString(name)
	if err != nil || hex.EncodeToString(id) != name {
		return nil, fmt.Errorf("%w: file name is not an id in lower-case hex", ErrID)
	}
	return id, checkID(id)
}

// point calls the crash hook of tests.
func (f *File) point(name string) {
	if f.crash != nil {
		f.crash(name)
	}
}

// Put writes sealed to tmp, fsyncs it, links it into ready and fsyncs
// ready before it returns.
func (f *File) Put(ctx context.Context, id, sealed []byte) error {
	if err := checkID(id); err != nil {
		return err
	}
	if err := f.use(ctx); err != nil {
		return err
	}
	defer f.mu.Unlock()
	name := hex.EncodeToString(id)
	for _, sub := range []string{readyDir, takenDir} {
		switch _, err := os.Lstat(filepath.Join(f.dir, sub, name)); {
		case err == nil:
			return ErrExists
		case !errors.Is(err, fs.ErrNotExist):
			return fmt.Errorf("presigstore: %w", err)
		}
	}
	tmp := filepath.Join(f.dir, tmpDir, name)
	f.point("put: before write")
	if err := writeSynced(tmp, sealed, f.point); err != nil {
		return err
	}
	f.point("put: after fsync file")
	if err := os.Link(tmp, filepath.Join(f.dir, readyDir, name)); err != nil {
		_ = os.Remove(tmp)
		if errors.Is(err, fs.ErrExist) {
			return ErrExists
		}
		return fmt.Errorf("presigstore: %w", err)
	}
	f.point("put: after link")
	if err := syncDir(filepath.Join(f.dir, readyDir)); err != nil {
		return err
	}
	f.point("put: after fsync ready")
	// The presignature is durable in ready; a tmp name left by a crash
	// here is removed by OpenFile.
	if err := os.Remove(tmp); err != nil {
		return fmt.Errorf("presigstore: %w", err)
	}
	f.point("put: after remove tmp")
	return nil
}

// Take takes the first ready presignature (ids in increasing hex order;
// see take).
func (f *File) Take(ctx context.Context) (id, sealed []byte, err error) {
	if err := f.use(ctx); err != nil {
		return nil, nil, err
	}
	defer f.mu.Unlock()
	ready, err := f.names(readyDir)
	if err != nil {
		return nil, nil, err
	}
	if len(ready) == 0 {
		return nil, nil, ErrEmpty
	}
	id, _ = parseName(ready[0]) // names checked it
	sealed, err = f.take(ready[0])
	if err != nil {
		return nil, nil, err
	}
	return id, sealed, nil
}

// TakeID takes the presignature stored under id (see take).
func (f *File) TakeID(ctx context.Context, id []byte) ([]byte, error) {
	if err := checkID(id); err != nil {
		return nil, err
	}
	if err := f.use(ctx); err != nil {
		return nil, err
	}
	defer f.mu.Unlock()
	name := hex.EncodeToString(id)
	switch _, err := os.Lstat(filepath.Join(f.dir, readyDir, name)); {
	case errors.Is(err, fs.ErrNotExist):
		switch _, err := os.Lstat(filepath.Join(f.dir, takenDir, name)); {
		case err == nil:
			return nil, ErrTaken
		case errors.Is(err, fs.ErrNotExist):
			return nil, ErrNotFound
		default:
			return nil, fmt.Errorf("presigstore: %w", err)
		}
	case err != nil:
		return nil, fmt.Errorf("presigstore: %w", err)
	}
	return f.take(name)
}

// take reads ready/name, renames it into taken and fsyncs both
// directories before it returns; it then empties the tombstone. The
// caller holds f.mu.
func (f *File) take(name string) ([]byte, error) {
	from, to := filepath.Join(f.dir, readyDir, name), filepath.Join(f.dir, takenDir, name)
	f.point("take: before read")
	sealed, err := os.ReadFile(from)
	if err != nil {
		return nil, fmt.Errorf("presigstore: %w", err)
	}
	f.point("take: after read")
	if err := os.Rename(from, to); err != nil {
		return nil, fmt.Errorf("presigstore: %w", err)
	}
	f.point("take: after rename")
	if err := syncDir(filepath.Join(f.dir, takenDir)); err != nil {
		return nil, err
	}
	f.point("take: after fsync taken")
	if err := syncDir(filepath.Join(f.dir, readyDir)); err != nil {
		return nil, err
	}
	f.point("take: after fsync ready")
	// The take is durable. Emptying the tombstone only erases the sealed
	// bytes; if it fails, OpenFile tries again, and the presignature,
	// already out of ready, is still the caller's.
	_ = emptyFile(to)
	f.point("take: after emptying tombstone")
	return sealed, nil
}

// List reads the header of every ready presignature.
func (f *File) List(ctx context.Context) ([]Entry, error) {
	if err := f.use(ctx); err != nil {
		return nil, err
	}
	defer f.mu.Unlock()
	ready, err := f.names(readyDir)
	if err != nil {
		return nil, err
	}
	out := make([]Entry, 0, len(ready))
	for _, name := range ready {
		header, err := readHeader(filepath.Join(f.dir, readyDir, name))
		if err != nil {
			return nil, err
		}
		id, _ := parseName(name)    // names checked it
		meta, _ := ReadMeta(header) // the zero Meta for a header that does not parse
		out = append(out, Entry{ID: id, Meta: meta})
	}
	sortEntries(out)
	return out, nil
}

// readHeader reads what ReadMeta needs of a sealed file: its header, the
// nonce and a tag's worth of bytes (the length ReadMeta checks), never
// the whole ciphertext.
func readHeader(path string) ([]byte, error) {
	r, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("presigstore: %w", err)
	}
	defer r.Close()
	buf := make([]byte, header2Size+nonceSize+chacha20poly1305.Overhead)
	n, err := io.ReadFull(r, buf)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("presigstore: %w", err)
	}
	return buf[:n], nil
}

// Len counts the ready presignatures.
func (f *File) Len(ctx context.Context) (int, error) {
	if err := f.use(ctx); err != nil {
		return 0, err
	}
	defer f.mu.Unlock()
	ready, err := f.names(readyDir)
	return len(ready), err
}

// writeSynced creates path (mode 0600) with data and fsyncs it.
func writeSynced(path string, data []byte, point func(string)) error {
	w, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return fmt.Errorf("presigstore: %w", err)
	}
	_, err = w.Write(data)
	if err == nil {
		point("put: after write")
		err = w.Sync()
	}
	if cerr := w.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("presigstore: %w", err)
	}
	return nil
}

// emptyFile truncates a tombstone to zero bytes and fsyncs it.
func emptyFile(path string) error {
	w, err := os.OpenFile(path, os.O_WRONLY, 0)
	if err != nil {
		return fmt.Errorf("presigstore: %w", err)
	}
	err = w.Truncate(0)
	if err == nil {
		err = w.Sync()
	}
	if cerr := w.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("presigstore: %w", err)
	}
	return nil
}

// syncDir fsyncs a directory, making the names created, renamed or
// removed in it durable.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return fmt.Errorf("presigstore: %w", err)
	}
	err = d.Sync()
	if cerr := d.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("presigstore: fsync %s: %w", dir, err)
	}
	return nil
}
