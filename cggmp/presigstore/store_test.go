package presigstore

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/binary"
	"encoding/hex"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/mosaic-mpc/mosaic/cggmp"
	"github.com/stretchr/testify/require"
	"golang.org/x/crypto/chacha20poly1305"
)

func TestStores(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct {
		name string
		open func(t *testing.T) Store
	}{
		{"memory", func(*testing.T) Store { return new(Memory) }},
		{"file", func(t *testing.T) Store {
			st, err := OpenFile(t.TempDir())
			require.NoError(t, err)
			t.Cleanup(func() { require.NoError(t, st.Close()) })
			return st
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			st := tc.open(t)
			_, _, err := st.Take(ctx)
			require.ErrorIs(t, err, ErrEmpty)
			require.ErrorIs(t, st.Put(ctx, nil, []byte("x")), ErrID)
			require.ErrorIs(t, st.Put(ctx, make([]byte, MaxIDSize+1), []byte("x")), ErrID)

			require.NoError(t, st.Put(ctx, []byte{1}, []byte("one")))
			require.NoError(t, st.Put(ctx, []byte{2}, []byte("two")))
			require.ErrorIs(t, st.Put(ctx, []byte{1}, []byte("again")), ErrExists, "an id held")
			n, err := st.Len(ctx)
			require.NoError(t, err)
			require.Equal(t, 2, n)

			id, sealed, err := st.Take(ctx)
			require.NoError(t, err)
			require.Equal(t, []byte{1}, id)
			require.Equal(t, []byte("one"), sealed)
			require.ErrorIs(t, st.Put(ctx, []byte{1}, []byte("one")), ErrExists, "an id taken comes back never")

			id, _, err = st.Take(ctx)
			require.NoError(t, err)
			require.Equal(t, []byte{2}, id)
			_, _, err = st.Take(ctx)
			require.ErrorIs(t, err, ErrEmpty)

			cancelled, cancel := context.WithCancel(ctx)
			cancel()
			require.ErrorIs(t, st.Put(cancelled, []byte{3}, nil), context.Canceled)
			_, _, err = st.Take(cancelled)
			require.ErrorIs(t, err, context.Canceled)
			_, err = st.TakeID(cancelled, []byte{3})
			require.ErrorIs(t, err, context.Canceled)
			_, err = st.List(cancelled)
			require.ErrorIs(t, err, context.Canceled)
		})
	}
}

// TestStoresTakeID: TakeID takes exactly the id asked for, refuses one
// taken before (ErrTaken) and one never stored (ErrNotFound), and List
// shows what is ready, oldest first by the sealed header's time.
func TestStoresTakeID(t *testing.T) {
	ctx := context.Background()
	sk := &SealingKey{1}
	gen := bytes.Repeat([]byte{7}, cggmp.KeyGenerationSize)
	seal := func(id byte, created int64) []byte {
		b, err := Seal(sk, []byte{id}, Meta{Created: time.Unix(created, 0), Generation: gen}, []byte("p"), nil)
		require.NoError(t, err)
		return b
	}
	for _, tc := range []struct {
		name string
		open func(t *testing.T) Store
	}{
		{"memory", func(*testing.T) Store { return new(Memory) }},
		{"file", func(t *testing.T) Store {
			st, err := OpenFile(t.TempDir())
			require.NoError(t, err)
			t.Cleanup(func() { require.NoError(t, st.Close()) })
			return st
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			st := tc.open(t)
			require.NoError(t, st.Put(ctx, []byte{1}, seal(1, 300)))
			require.NoError(t, st.Put(ctx, []byte{2}, seal(2, 100)))
			require.NoError(t, st.Put(ctx, []byte{3}, []byte("no header")))
			list, err := st.List(ctx)
			require.NoError(t, err)
			require.Len(t, list, 3)
			require.Equal(t, []byte{3}, list[0].ID, "no creation time sorts first")
			require.Zero(t, list[0].Meta.Version, "a header that does not parse")
			require.Equal(t, []byte{2}, list[1].ID)
			require.Equal(t, time.Unix(100, 0), list[1].Meta.Created)
			require.Equal(t, gen, list[1].Meta.Generation)
			require.Equal(t, []byte{1}, list[2].ID)

			for _, step := range []struct {
				id   byte
				want error
			}{
				{2, nil},
				{2, ErrTaken},
				{9, ErrNotFound},
				{1, nil},
			} {
				sealed, err := st.TakeID(ctx, []byte{step.id})
				if step.want != nil {
					require.ErrorIs(t, err, step.want, "id %d", step.id)
					require.Nil(t, sealed)
					continue
				}
				require.NoError(t, err)
				_, meta, err := Open(sk, []byte{step.id}, sealed)
				require.NoError(t, err, "id %d", step.id)
				require.Equal(t, byte(2), meta.Version)
			}
			_, err = st.TakeID(ctx, nil)
			require.ErrorIs(t, err, ErrID)
			id, _, err := st.Take(ctx)
			require.NoError(t, err)
			require.Equal(t, []byte{3}, id, "TakeID took the others")
			n, err := st.Len(ctx)
			require.NoError(t, err)
			require.Zero(t, n)
		})
	}
}

func TestFileSurvivesReopen(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	st, err := OpenFile(dir)
	require.NoError(t, err)
	require.NoError(t, st.Put(ctx, []byte{1}, []byte("one")))
	require.NoError(t, st.Put(ctx, []byte{2}, []byte("two")))
	_, _, err = st.Take(ctx)
	require.NoError(t, err)
	require.NoError(t, st.Close())
	// What a crash leaves: a half-written Put and a tombstone not yet
	// emptied.
	require.NoError(t, os.WriteFile(filepath.Join(dir, tmpDir, "03"), []byte("half"), 0o600))
	require.NoError(t, os.WriteFile(filepath.Join(dir, takenDir, "04"), []byte("sealed"), 0o600))

	st, err = OpenFile(dir)
	require.NoError(t, err)
	n, err := st.Len(ctx)
	require.NoError(t, err)
	require.Equal(t, 1, n)
	require.NoFileExists(t, filepath.Join(dir, tmpDir, "03"))
	info, err := os.Stat(filepath.Join(dir, takenDir, "04"))
	require.NoError(t, err)
	require.Zero(t, info.Size(), "OpenFile empties tombstones")
	require.ErrorIs(t, st.Put(ctx, []byte{1}, nil), ErrExists, "taken before the restart")
	require.ErrorIs(t, st.Put(ctx, []byte{4}, nil), ErrExists)
	id, _, err := st.Take(ctx)
	require.NoError(t, err)
	require.Equal(t, []byte{2}, id)
	require.NoError(t, st.Close())
	require.NoError(t, st.Close(), "closing twice")
	_, _, err = st.Take(ctx)
	require.ErrorIs(t, err, ErrClosed)
	require.ErrorIs(t, st.Put(ctx, []byte{5}, nil), ErrClosed)
	_, err = st.List(ctx)
	require.ErrorIs(t, err, ErrClosed)
}

func TestOpenFileRefusesForeignNames(t *testing.T) {
	for _, tc := range []struct {
		name string // written into ready/ before the second OpenFile; "" for none
		want error
	}{
		{"notes.txt", ErrID},
		{"0A", ErrID},
		{"", nil},
		{"00", nil}, // a valid one-byte id
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			st, err := OpenFile(dir)
			require.NoError(t, err)
			require.NoError(t, st.Close())
			if tc.name != "" {
				require.NoError(t, os.WriteFile(filepath.Join(dir, readyDir, tc.name), nil, 0o600))
			}
			st, err = OpenFile(dir)
			if tc.want != nil {
				require.ErrorIs(t, err, tc.want)
				require.Nil(t, st)
				// A refused OpenFile releases the lock it took.
				require.NoError(t, os.Remove(filepath.Join(dir, readyDir, tc.name)))
				st, err = OpenFile(dir)
			}
			require.NoError(t, err)
			require.NoError(t, st.Close())
		})
	}
}

func TestSealOpen(t *testing.T) {
	key := &SealingKey{1, 2, 3}
	other := &SealingKey{9}
	id := []byte("id-1")
	meta := Meta{Created: time.Unix(1_700_000_000, 0), Generation: bytes.Repeat([]byte{5}, cggmp.KeyGenerationSize)}
	sealed, err := Seal(key, id, meta, []byte("presignature"), nil)
	require.NoError(t, err)
	pt, got, err := Open(key, id, sealed)
	require.NoError(t, err)
	require.Equal(t, []byte("presignature"), pt)
	require.Equal(t, Meta{Version: 2, Created: meta.Created, Generation: meta.Generation}, got)
	head, err := ReadMeta(sealed)
	require.NoError(t, err)
	require.Equal(t, got, head, "the header reads without the key")
	again, err := Seal(key, id, meta, []byte("presignature"), nil)
	require.NoError(t, err)
	require.NotEqual(t, sealed, again, "a fresh nonce each time")

	edit := func(f func(b []byte)) []byte { b := bytes.Clone(sealed); f(b); return b }
	for _, tc := range []struct {
		name, msg string
		key       *SealingKey
		id, b     []byte
	}{
		{"wrong key", "wrong key", other, id, sealed},
		{"nil key", "nil key", nil, id, sealed},
		{"other id", "wrong id", key, []byte("id-2"), sealed},
		{"newer version", "format version 3, this release reads versions 1 and 2", key, id, edit(func(b []byte) { b[0] = 3 })},
		{"another creation time", "altered", key, id, edit(func(b []byte) { b[8]-- })},
		{"other generation", "altered", key, id, edit(func(b []byte) { b[9] ^= 1 })},
		{"no creation time", "creation time 0", key, id, edit(func(b []byte) { clear(b[1:9]) })},
		{"altered", "altered", key, id, edit(func(b []byte) { b[len(b)-1] ^= 1 })},
		{"short", "bytes", key, id, sealed[:60]},
		{"empty", "empty", key, id, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			pt, _, err := Open(tc.key, tc.id, tc.b)
			require.ErrorIs(t, err, ErrSealed)
			require.ErrorContains(t, err, tc.msg)
			require.Nil(t, pt)
		})
	}

	for _, tc := range []struct {
		name string
		meta Meta
	}{
		{"no creation time", Meta{Generation: meta.Generation}},
		{"before 1970", Meta{Created: time.Unix(-5, 0), Generation: meta.Generation}},
		{"no generation", Meta{Created: meta.Created}},
		{"short generation", Meta{Created: meta.Created, Generation: []byte{1}}},
	} {
		t.Run("seal refuses "+tc.name, func(t *testing.T) {
			_, err := Seal(key, id, tc.meta, []byte("p"), nil)
			require.Error(t, err)
		})
	}
}

// sealV1 seals as the first release did (format version 1: no header but
// the version), for the compatibility tests.
func sealV1(t testing.TB, key *SealingKey, id, plaintext []byte) []byte {
	aead, err := chacha20poly1305.NewX(key[:])
	require.NoError(t, err)
	out := make([]byte, 1+aead.NonceSize())
	out[0] = 1
	_, err = rand.Read(out[1:])
	require.NoError(t, err)
	ad := append(append([]byte("mosaic/presigstore/sealed/v1"), 1), id...)
	return aead.Seal(out, out[1:], plaintext, ad)
}

// TestOpenReadsFormatVersion1: records of the first release still open,
// with no creation time or generation in their Meta.
func TestOpenReadsFormatVersion1(t *testing.T) {
	key := &SealingKey{4}
	sealed := sealV1(t, key, []byte{1}, []byte("old presignature"))
	pt, meta, err := Open(key, []byte{1}, sealed)
	require.NoError(t, err)
	require.Equal(t, []byte("old presignature"), pt)
	require.Equal(t, Meta{Version: 1}, meta)
	_, _, err = Open(key, []byte{2}, sealed)
	require.ErrorIs(t, err, ErrSealed)
}

// FuzzOpen: opening never panics, and nothing but what Seal made under
// the key and id opens.
func FuzzOpen(f *testing.F) {
	key := &SealingKey{7}
	meta := Meta{Created: time.Unix(1_700_000_000, 0), Generation: make([]byte, cggmp.KeyGenerationSize)}
	// A fixed nonce, so that every fuzz worker makes the same seeds.
	sealed, err := Seal(key, []byte{1}, meta, []byte("presignature"), bytes.NewReader(make([]byte, 24)))
	require.NoError(f, err)
	f.Add(sealed)
	f.Add(sealed[:50])
	f.Add([]byte{1})
	f.Add(append([]byte{1}, sealed[41:]...))
	f.Fuzz(func(t *testing.T, b []byte) {
		pt, got, err := Open(key, []byte{1}, b)
		if err != nil {
			require.ErrorIs(t, err, ErrSealed)
			return
		}
		require.Equal(t, sealed, b, "only what Seal made opens")
		require.Equal(t, []byte("presignature"), pt)
		require.Equal(t, meta.Created, got.Created)
	})
}

// FuzzReadMeta: the header parser never panics, refuses with ErrSealed,
// and what it accepts is a known version with a creation time that
// re-encodes to the same bytes.
func FuzzReadMeta(f *testing.F) {
	meta := Meta{Created: time.Unix(1_700_000_000, 0), Generation: make([]byte, cggmp.KeyGenerationSize)}
	sealed, err := Seal(&SealingKey{7}, []byte{1}, meta, nil, bytes.NewReader(make([]byte, 24)))
	require.NoError(f, err)
	f.Add(sealed)
	f.Add(sealed[:9])
	f.Add(append([]byte{1}, make([]byte, 40)...))
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, b []byte) {
		m, err := ReadMeta(b)
		if err != nil {
			require.ErrorIs(t, err, ErrSealed)
			require.Zero(t, m.Version)
			return
		}
		switch m.Version {
		case 1:
			require.Zero(t, m.Created)
			require.Nil(t, m.Generation)
		case 2:
			require.Equal(t, b[1:9], binary.BigEndian.AppendUint64(nil, uint64(m.Created.Unix())))
			require.Equal(t, b[9:41], m.Generation)
		default:
			t.Fatalf("version %d accepted", m.Version)
		}
	})
}

// FuzzParseName: a file name is an id exactly when it is the id's
// lower-case hex.
func FuzzParseName(f *testing.F) {
	f.Add("00")
	f.Add("0A")
	f.Add("")
	f.Fuzz(func(t *testing.T, name string) {
		id, err := parseName(name)
		if err != nil {
			require.ErrorIs(t, err, ErrID)
			return
		}
		require.Equal(t, name, hex.EncodeToString(id))
	})
}
