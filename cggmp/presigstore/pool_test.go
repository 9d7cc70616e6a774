package presigstore

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/mosaic-mpc/mosaic/cggmp"
	"github.com/stretchr/testify/require"
)

// newTestPool is a pool of the solo key over st with cfg's other fields.
func newTestPool(t *testing.T, st Store, cfg Config) *Pool {
	t.Helper()
	cfg.Store = st
	if cfg.SealingKey == nil {
		cfg.SealingKey = &SealingKey{1}
	}
	if cfg.Key == nil {
		cfg.Key = soloKey(t)
	}
	p, err := NewPool(cfg)
	require.NoError(t, err)
	return p
}

// presignOne is one real presignature of the solo key.
func presignOne(t *testing.T) *cggmp.Presignature {
	t.Helper()
	p, err := presignSolo(context.Background(), soloKey(t))
	require.NoError(t, err)
	return p
}

func TestNewPoolRefusesBadConfig(t *testing.T) {
	key := soloKey(t)
	sk := &SealingKey{}
	presign := func(context.Context, *cggmp.Key) (*cggmp.Presignature, error) { return nil, nil }
	for _, tc := range []struct {
		name string
		cfg  Config
	}{
		{"no store", Config{SealingKey: sk, Key: key}},
		{"no sealing key", Config{Store: new(Memory), Key: key}},
		{"no key", Config{Store: new(Memory), SealingKey: sk}},
		{"zero key", Config{Store: new(Memory), SealingKey: sk, Key: &cggmp.Key{}}},
		{"target without presign", Config{Store: new(Memory), SealingKey: sk, Key: key, Target: 1}},
		{"negative target", Config{Store: new(Memory), SealingKey: sk, Key: key, Target: -1, Presign: presign}},
		{"negative max age", Config{Store: new(Memory), SealingKey: sk, Key: key, MaxAge: -time.Second}},
		{"backoffs inverted", Config{Store: new(Memory), SealingKey: sk, Key: key, MinBackoff: time.Minute, MaxBackoff: time.Second}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, err := NewPool(tc.cfg)
			require.ErrorIs(t, err, ErrConfig)
			require.Nil(t, p)
		})
	}
}

// TestPoolPutTake: what Put stores, Take hands out once, checked, under
// the id ID derives; the in-memory original is discarded by Put.
func TestPoolPutTake(t *testing.T) {
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
			pool := newTestPool(t, tc.open(t), Config{})
			pres := presignOne(t)
			want, err := ID(pres)
			require.NoError(t, err)
			id, err := pool.Put(ctx, pres)
			require.NoError(t, err)
			require.Equal(t, want, id)
			require.True(t, pres.Used(), "the store holds the only copy")
			_, err = pool.Put(ctx, pres)
			require.ErrorIs(t, err, cggmp.ErrPresignatureUsed)

			level, err := pool.Level(ctx)
			require.NoError(t, err)
			require.Equal(t, 1, level)
			gotID, got, err := pool.Take(ctx)
			require.NoError(t, err)
			require.Equal(t, id, gotID)
			require.NoError(t, got.CheckKey(soloKey(t)))
			require.False(t, got.Used())
			_, _, err = pool.Take(ctx)
			require.ErrorIs(t, err, ErrEmpty)
			_, err = pool.TakeID(ctx, id)
			require.ErrorIs(t, err, ErrTaken)
		})
	}
}

// TestMisuse_TakeIDMissingOrTaken: TakeID of an id the store never held,
// of one taken before (a request to sign twice with one presignature), or
// of an invalid id returns nothing and leaves the other presignatures
// alone.
func TestMisuse_TakeIDMissingOrTaken(t *testing.T) {
	ctx := context.Background()
	pool := newTestPool(t, new(Memory), Config{})
	id, err := pool.Put(ctx, presignOne(t))
	require.NoError(t, err)
	taken, err := pool.Put(ctx, presignOne(t))
	require.NoError(t, err)
	p, err := pool.TakeID(ctx, taken)
	require.NoError(t, err)
	p.Discard()
	for _, tc := range []struct {
		name string
		id   []byte
		want error
	}{
		{"never stored", bytes.Repeat([]byte{0xee}, IDSize), ErrNotFound},
		{"taken before", taken, ErrTaken},
		{"empty id", nil, ErrID},
		{"too long", make([]byte, MaxIDSize+1), ErrID},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, err := pool.TakeID(ctx, tc.id)
			require.ErrorIs(t, err, tc.want)
			require.Nil(t, p)
			level, err := pool.Level(ctx)
			require.NoError(t, err)
			require.Equal(t, 1, level, "the stored presignature stays")
		})
	}
	p, err = pool.TakeID(ctx, id)
	require.NoError(t, err)
	require.NotNil(t, p)
}

// TestMisuse_PutUnusablePresignature: nothing is stored of a nil, zero or
// used presignature, or one made with another key.
func TestMisuse_PutUnusablePresignature(t *testing.T) {
	ctx := context.Background()
	other := testKeys(t, 1)[1]
	used := presignOne(t)
	used.Discard()
	for _, tc := range []struct {
		name string
		p    *cggmp.Presignature
		key  *cggmp.Key
		want error
	}{
		{"nil", nil, nil, cggmp.ErrInvalidPresignature},
		{"zero", &cggmp.Presignature{}, nil, cggmp.ErrInvalidPresignature},
		{"used", used, nil, cggmp.ErrPresignatureUsed},
		{"another key", presignOne(t), other, cggmp.ErrPresignatureGeneration},
	} {
		t.Run(tc.name, func(t *testing.T) {
			st := new(Memory)
			pool := newTestPool(t, st, Config{Key: tc.key})
			_, err := pool.Put(ctx, tc.p)
			require.ErrorIs(t, err, tc.want)
			n, err := st.Len(ctx)
			require.NoError(t, err)
			require.Zero(t, n)
			if errors.Is(tc.want, cggmp.ErrPresignatureGeneration) {
				require.False(t, tc.p.Used(), "a refused presignature is left as it was")
			}
		})
	}
}

// TestPoolTakeRefusesWhatDoesNotOpen: a record that does not open or
// decode is out of the store and returned as an error naming its id.
func TestPoolTakeRefusesWhatDoesNotOpen(t *testing.T) {
	ctx := context.Background()
	clock := newFakeClock()
	st := new(Memory)
	pool := newTestPool(t, st, Config{Now: clock.Now})
	gen, err := cggmp.KeyGeneration(soloKey(t))
	require.NoError(t, err)
	meta := Meta{Created: clock.Now(), Generation: gen}
	other, err := Seal(&SealingKey{9}, []byte{1}, meta, []byte("p"), nil)
	require.NoError(t, err)
	require.NoError(t, st.Put(ctx, []byte{1}, other))
	garbage, err := Seal(&SealingKey{1}, []byte{2}, meta, []byte("not a presignature"), nil)
	require.NoError(t, err)
	require.NoError(t, st.Put(ctx, []byte{2}, garbage))

	id, p, err := pool.Take(ctx)
	require.ErrorIs(t, err, ErrSealed)
	require.ErrorContains(t, err, "id 01")
	require.Equal(t, []byte{1}, id)
	require.Nil(t, p)
	id, p, err = pool.Take(ctx)
	require.ErrorIs(t, err, cggmp.ErrPresignatureFormat)
	require.Equal(t, []byte{2}, id)
	require.Nil(t, p)
	_, _, err = pool.Take(ctx)
	require.ErrorIs(t, err, ErrEmpty)
}

// TestPoolExpiry: a presignature at least MaxAge old is discarded by
// Take, refused by TakeID (ErrExpired), and not counted by Level; so is a
// record of the first format, whose age is unknown. Younger ones are
// handed out.
func TestPoolExpiry(t *testing.T) {
	ctx := context.Background()
	clock := newFakeClock()
	st := new(Memory)
	pool := newTestPool(t, st, Config{Now: clock.Now, MaxAge: time.Hour})
	old, err := pool.Put(ctx, presignOne(t))
	require.NoError(t, err)
	clock.Advance(30 * time.Minute)
	young, err := pool.Put(ctx, presignOne(t))
	require.NoError(t, err)
	require.NoError(t, st.Put(ctx, []byte{1}, sealV1(t, &SealingKey{1}, []byte{1}, []byte("old format"))))

	level, err := pool.Level(ctx)
	require.NoError(t, err)
	require.Equal(t, 2, level, "the first-format record has no age")
	clock.Advance(30 * time.Minute) // old is an hour old, young half an hour
	level, err = pool.Level(ctx)
	require.NoError(t, err)
	require.Equal(t, 1, level)

	id, p, err := pool.Take(ctx)
	require.NoError(t, err)
	require.Equal(t, young, id, "the expired one and the first-format one are discarded on the way")
	require.NotNil(t, p)
	n, err := st.Len(ctx)
	require.NoError(t, err)
	require.Zero(t, n)
	_, err = pool.TakeID(ctx, old)
	require.ErrorIs(t, err, ErrTaken, "discarded means taken")

	// TakeID of an expired one: out of the store, and refused.
	third, err := pool.Put(ctx, presignOne(t))
	require.NoError(t, err)
	clock.Advance(2 * time.Hour)
	p, err = pool.TakeID(ctx, third)
	require.ErrorIs(t, err, ErrExpired)
	require.Nil(t, p)
	_, err = pool.TakeID(ctx, third)
	require.ErrorIs(t, err, ErrTaken)
}

// TestPoolRetiresOlderGeneration: after SetKey with a refreshed key
// (another generation), the presignatures of the previous one are
// refused by TakeID, discarded by Take, and not counted.
func TestPoolRetiresOlderGeneration(t *testing.T) {
	ctx := context.Background()
	pool := newTestPool(t, new(Memory), Config{})
	first, err := pool.Put(ctx, presignOne(t))
	require.NoError(t, err)
	_, err = pool.Put(ctx, presignOne(t))
	require.NoError(t, err)

	// Another key stands for the refreshed one: what matters is that its
	// generation differs.
	require.NoError(t, pool.SetKey(testKeys(t, 1)[1]))
	require.ErrorIs(t, pool.SetKey(nil), ErrConfig)
	level, err := pool.Level(ctx)
	require.NoError(t, err)
	require.Zero(t, level)
	p, err := pool.TakeID(ctx, first)
	require.ErrorIs(t, err, cggmp.ErrPresignatureGeneration)
	require.Nil(t, p)
	_, _, err = pool.Take(ctx)
	require.ErrorIs(t, err, ErrEmpty, "the other one was discarded")
}

// TestPoolRefillsToTarget: Run fills the pool to Target, refills after a
// Take, and stops with its context.
func TestPoolRefillsToTarget(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var calls atomic.Int32
	st := new(Memory)
	pool := newTestPool(t, st, Config{Target: 3, Presign: func(ctx context.Context, key *cggmp.Key) (*cggmp.Presignature, error) {
		calls.Add(1)
		return presignSolo(ctx, key)
	}})
	done := make(chan error, 1)
	go func() { done <- pool.Run(ctx) }()
	waitLevel(t, pool, 3)
	require.ErrorIs(t, pool.Run(ctx), ErrRunning)
	require.ErrorIs(t, pool.Fill(ctx), ErrRunning)

	_, p, err := pool.Take(ctx)
	require.NoError(t, err)
	p.Discard()
	waitLevel(t, pool, 3)
	time.Sleep(50 * time.Millisecond) // a full pool presigns no more
	n, err := st.Len(ctx)
	require.NoError(t, err)
	require.Equal(t, 3, n)
	require.EqualValues(t, 4, calls.Load())
	require.NoError(t, pool.Err())

	cancel()
	require.ErrorIs(t, <-done, context.Canceled)
}

// waitLevel waits until pool holds want presignatures.
func waitLevel(t *testing.T, pool *Pool, want int) {
	t.Helper()
	require.Eventually(t, func() bool {
		n, err := pool.Level(context.Background())
		return err == nil && n == want
	}, time.Minute, 5*time.Millisecond, "level %d", want)
}

// TestPoolBacksOffOnPresignErrors: a failing Presign does not stop Run,
// is reported to OnError and by Err, and is retried after waits that
// grow from MinBackoff (no busy loop); once Presign works again the pool
// fills and Err clears.
func TestPoolBacksOffOnPresignErrors(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	const failures = 4
	errPeer := errors.New("peer unreachable")
	var (
		mu       sync.Mutex
		attempts []time.Time
		reported []error
	)
	pool := newTestPool(t, new(Memory), Config{
		Target:     1,
		MinBackoff: 20 * time.Millisecond,
		MaxBackoff: 60 * time.Millisecond,
		Presign: func(ctx context.Context, key *cggmp.Key) (*cggmp.Presignature, error) {
			mu.Lock()
			attempts = append(attempts, time.Now())
			n := len(attempts)
			mu.Unlock()
			if n <= failures {
				return nil, fmt.Errorf("attempt %d: %w", n, errPeer)
			}
			return presignSolo(ctx, key)
		},
		OnError: func(err error) {
			mu.Lock()
			defer mu.Unlock()
			reported = append(reported, err)
		},
	})
	done := make(chan error, 1)
	go func() { done <- pool.Run(ctx) }()
	require.Eventually(t, func() bool { return errors.Is(pool.Err(), errPeer) }, time.Minute, time.Millisecond)
	waitLevel(t, pool, 1)
	require.NoError(t, pool.Err())
	cancel()
	require.ErrorIs(t, <-done, context.Canceled)

	mu.Lock()
	defer mu.Unlock()
	require.Len(t, attempts, failures+1)
	require.Len(t, reported, failures)
	for _, err := range reported {
		require.ErrorIs(t, err, errPeer)
	}
	// Waits of 20, 40, 60 and 60 ms (doubling, capped).
	for i, want := range []time.Duration{20, 40, 60, 60} {
		gap := attempts[i+1].Sub(attempts[i])
		require.GreaterOrEqual(t, gap, want*time.Millisecond, "wait after failure %d", i+1)
	}
}

// TestPoolRunDiscardsExpired: Run discards what expires while it waits
// and presigns a replacement.
func TestPoolRunDiscardsExpired(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	clock := newFakeClock()
	st := new(Memory)
	pool := newTestPool(t, st, Config{Target: 1, MaxAge: time.Hour, Now: clock.Now, Presign: presignSolo})
	done := make(chan error, 1)
	go func() { done <- pool.Run(ctx) }()
	waitLevel(t, pool, 1)
	list, err := st.List(ctx)
	require.NoError(t, err)
	require.Len(t, list, 1)
	first := list[0].ID

	// The fake clock jumps past the expiry. Run sleeps on a timer of an
	// hour of real time; a wake (SetKey, here with the same key) makes it
	// look again, as a Take would.
	clock.Advance(2 * time.Hour)
	require.NoError(t, pool.SetKey(soloKey(t)))
	require.Eventually(t, func() bool {
		list, err := st.List(ctx)
		return err == nil && len(list) == 1 && !bytes.Equal(list[0].ID, first)
	}, time.Minute, 5*time.Millisecond)
	_, err = pool.TakeID(ctx, first)
	require.ErrorIs(t, err, ErrTaken, "the expired one was discarded")
	cancel()
	require.ErrorIs(t, <-done, context.Canceled)
}

// TestPoolLogsNoSecrets: the log lines name the pool and ids, and carry
// none of the sealed bytes.
func TestPoolLogsNoSecrets(t *testing.T) {
	ctx := context.Background()
	var buf bytes.Buffer
	logger := slog.New(slog.NewTextHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug}))
	st := new(Memory)
	pool := newTestPool(t, st, Config{Name: "party-1", Logger: logger, Target: 2, Presign: presignSolo})
	require.NoError(t, pool.Fill(ctx))
	list, err := st.List(ctx)
	require.NoError(t, err)
	require.Len(t, list, 2)
	var tails []string
	for _, m := range st.ready {
		tails = append(tails, fmt.Sprintf("%x", m[1][len(m[1])-16:]))
	}
	_, p, err := pool.Take(ctx)
	require.NoError(t, err)
	p.Discard()

	out := buf.String()
	require.Contains(t, out, "pool=party-1")
	require.Contains(t, out, "presignature added")
	require.Contains(t, out, "presignature taken")
	for _, e := range list {
		require.Contains(t, out, fmt.Sprintf("%x", e.ID))
	}
	for _, tail := range tails {
		require.NotContains(t, out, tail, "sealed bytes in the log")
	}
}
