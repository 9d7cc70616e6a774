package presigstore

import (
	"context"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
)

// File is a Store in a directory, one file per presignature (see the
// package documentation for the layout and the crash guarantees). Open
// it with OpenFile; one process at a time may use a directory.
type File struct {
	mu  sync.Mutex
	dir string
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

// OpenFile opens the store in dir, creating it (mode 0700) if needed, and
// finishes what a crash left: it removes half-written Puts and empties the
// tombstones of Takes that did not get to it. Every file name in it must
// be an id in hex.
func OpenFile(dir string) (*File, error) {
	for _, sub := range []string{tmpDir, readyDir, takenDir} {
		if err := os.MkdirAll(filepath.Join(dir, sub), 0o700); err != nil {
			return nil, fmt.Errorf("presigstore: %w", err)
		}
	}
	if err := syncDir(dir); err != nil {
		return nil, err
	}
	f := &File{dir: dir}
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
	if err := ctx.Err(); err != nil {
		return err
	}
	f.mu.Lock()
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

// Take reads the first ready presignature (ids in increasing hex order),
// renames it into taken and fsyncs both directories before it returns; it
// then empties the tombstone.
func (f *File) Take(ctx context.Context) (id, sealed []byte, err error) {
	if err := ctx.Err(); err != nil {
		return nil, nil, err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	ready, err := f.names(readyDir)
	if err != nil {
		return nil, nil, err
	}
	if len(ready) == 0 {
		return nil, nil, ErrEmpty
	}
	name := ready[0]
	id, _ = parseName(name) // names checked it
	from, to := filepath.Join(f.dir, readyDir, name), filepath.Join(f.dir, takenDir, name)
	f.point("take: before read")
	sealed, err = os.ReadFile(from)
	if err != nil {
		return nil, nil, fmt.Errorf("presigstore: %w", err)
	}
	f.point("take: after read")
	if err := os.Rename(from, to); err != nil {
		return nil, nil, fmt.Errorf("presigstore: %w", err)
	}
	f.point("take: after rename")
	if err := syncDir(filepath.Join(f.dir, takenDir)); err != nil {
		return nil, nil, err
	}
	f.point("take: after fsync taken")
	if err := syncDir(filepath.Join(f.dir, readyDir)); err != nil {
		return nil, nil, err
	}
	f.point("take: after fsync ready")
	// The take is durable. Emptying the tombstone only erases the sealed
	// bytes; if it fails, OpenFile tries again, and the presignature,
	// already out of ready, is still the caller's.
	_ = emptyFile(to)
	f.point("take: after emptying tombstone")
	return id, sealed, nil
}

// Len counts the ready presignatures.
func (f *File) Len(ctx context.Context) (int, error) {
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	f.mu.Lock()
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
