package presigstore

import (
	"bytes"
	"context"
	"slices"
	"sync"
)

// Memory is a Store in memory: single-use within the process, and empty
// after a restart. The zero value is ready to use.
type Memory struct {
	mu    sync.Mutex
	ready [][2][]byte // id, sealed, in the order Put stored them
	ids   map[string]bool
}

var _ Store = (*Memory)(nil)

// Put stores a copy of sealed under id.
func (m *Memory) Put(ctx context.Context, id, sealed []byte) error {
	if err := checkID(id); err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.ids == nil {
		m.ids = map[string]bool{}
	}
	if m.ids[string(id)] {
		return ErrExists
	}
	m.ids[string(id)] = true
	m.ready = append(m.ready, [2][]byte{bytes.Clone(id), bytes.Clone(sealed)})
	return nil
}

// Take removes and returns the oldest presignature. Its id stays known,
// so Put refuses it afterwards.
func (m *Memory) Take(ctx context.Context) (id, sealed []byte, err error) {
	if err := ctx.Err(); err != nil {
		return nil, nil, err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if len(m.ready) == 0 {
		return nil, nil, ErrEmpty
	}
	e := m.ready[0]
	m.ready[0] = [2][]byte{}
	m.ready = m.ready[1:]
	return e[0], e[1], nil
}

// TakeID removes and returns the presignature stored under id.
func (m *Memory) TakeID(ctx context.Context, id []byte) ([]byte, error) {
	if err := checkID(id); err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	for i, e := range m.ready {
		if bytes.Equal(e[0], id) {
			m.ready = slices.Delete(m.ready, i, i+1)
			return e[1], nil
		}
	}
	if m.ids[string(id)] {
		return nil, ErrTaken
	}
	return nil, ErrNotFound
}

// List returns the available presignatures, oldest first.
func (m *Memory) List(ctx context.Context) ([]Entry, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	out := make([]Entry, 0, len(m.ready))
	for _, e := range m.ready {
		meta, _ := ReadMeta(e[1]) // the zero Meta for a header that does not parse
		out = append(out, Entry{ID: bytes.Clone(e[0]), Meta: meta})
	}
	sortEntries(out)
	return out, nil
}

// Len returns the number of presignatures available.
func (m *Memory) Len(ctx context.Context) (int, error) {
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	return len(m.ready), nil
}
