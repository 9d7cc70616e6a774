package presigstore

import (
	"bytes"
	"context"
	"encoding/hex"
	"os"
	"path/filepath"
	"testing"

	"github.com/mosaic-mpc/mosaic/cggmp"
	"github.com/stretchr/testify/require"
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
}

func TestOpenFileRefusesForeignNames(t *testing.T) {
	for _, name := range []string{"notes.txt", "0A", "", "00"} {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			_, err := OpenFile(dir)
			require.NoError(t, err)
			if name == "" || name == "00" {
				// "00" is a valid one-byte id: the store opens.
				if name == "00" {
					require.NoError(t, os.WriteFile(filepath.Join(dir, readyDir, name), nil, 0o600))
				}
				_, err = OpenFile(dir)
				require.NoError(t, err)
				return
			}
			require.NoError(t, os.WriteFile(filepath.Join(dir, readyDir, name), nil, 0o600))
			_, err = OpenFile(dir)
			require.ErrorIs(t, err, ErrID)
		})
	}
}

func TestSealOpen(t *testing.T) {
	key := &SealingKey{1, 2, 3}
	other := &SealingKey{9}
	id := []byte("id-1")
	sealed, err := Seal(key, id, []byte("presignature"), nil)
	require.NoError(t, err)
	pt, err := Open(key, id, sealed)
	require.NoError(t, err)
	require.Equal(t, []byte("presignature"), pt)
	again, err := Seal(key, id, []byte("presignature"), nil)
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
		{"newer version", "format version 2, this release reads version 1 only", key, id, edit(func(b []byte) { b[0] = 2 })},
		{"altered", "altered", key, id, edit(func(b []byte) { b[len(b)-1] ^= 1 })},
		{"short", "bytes", key, id, sealed[:20]},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Open(tc.key, tc.id, tc.b)
			require.ErrorIs(t, err, ErrSealed)
			require.ErrorContains(t, err, tc.msg)
		})
	}
}

func TestPutRefusesUnusablePresignature(t *testing.T) {
	ctx := context.Background()
	st := new(Memory)
	for _, tc := range []struct {
		name string
		p    *cggmp.Presignature
	}{
		{"nil", nil},
		{"zero", &cggmp.Presignature{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Put(ctx, st, &SealingKey{}, tc.p, nil)
			require.ErrorIs(t, err, cggmp.ErrInvalidPresignature)
			n, err := st.Len(ctx)
			require.NoError(t, err)
			require.Zero(t, n)
		})
	}
	_, err := Put(ctx, nil, &SealingKey{}, nil, nil)
	require.Error(t, err)
}

func TestTakeRefusesWhatDoesNotOpen(t *testing.T) {
	ctx := context.Background()
	st := new(Memory)
	require.NoError(t, st.Put(ctx, []byte{1}, []byte("not sealed")))
	sk := &SealingKey{1}
	sealed, err := Seal(sk, []byte{2}, []byte("not a presignature"), nil)
	require.NoError(t, err)
	require.NoError(t, st.Put(ctx, []byte{2}, sealed))

	id, p, err := Take(ctx, st, sk, nil)
	require.ErrorIs(t, err, ErrSealed)
	require.Equal(t, []byte{1}, id)
	require.Nil(t, p)
	id, p, err = Take(ctx, st, sk, nil)
	require.ErrorIs(t, err, cggmp.ErrPresignatureFormat)
	require.Equal(t, []byte{2}, id)
	require.Nil(t, p)
	_, _, err = Take(ctx, st, sk, nil)
	require.ErrorIs(t, err, ErrEmpty)
}

// FuzzOpen: opening never panics, and nothing but what Seal made under
// the key and id opens.
func FuzzOpen(f *testing.F) {
	key := &SealingKey{7}
	// A fixed nonce, so that every fuzz worker makes the same seed.
	sealed, err := Seal(key, []byte{1}, []byte("presignature"), bytes.NewReader(make([]byte, 24)))
	require.NoError(f, err)
	f.Add(sealed)
	f.Add(sealed[:30])
	f.Fuzz(func(t *testing.T, b []byte) {
		pt, err := Open(key, []byte{1}, b)
		if err != nil {
			require.ErrorIs(t, err, ErrSealed)
			return
		}
		require.Equal(t, sealed, b, "only what Seal made opens")
		require.Equal(t, []byte("presignature"), pt)
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
