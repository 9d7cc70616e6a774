package presigstore

import (
	"context"
	"crypto/rand"
	"sync"
	"testing"
	"time"

	"github.com/mosaic-mpc/mosaic/cggmp"
	"github.com/mosaic-mpc/mosaic/internal/keytest"
	"github.com/mosaic-mpc/mosaic/paillier"
	"github.com/mosaic-mpc/mosaic/transport"
	"github.com/mosaic-mpc/mosaic/transport/memnet"
	"github.com/stretchr/testify/require"
)

// testKeys makes n-of-n CGGMP keys (parties 1..n) with the 2048-bit
// fixture Paillier keys, named explicitly so that a change of the default
// modulus size does not slow these tests: a real DKG, and aux info
// assembled from the fixtures. A 1-of-1 key presigns in one party's run,
// the cheapest real presignature.
func testKeys(tb testing.TB, n int) map[transport.PartyID]*cggmp.Key {
	tb.Helper()
	return keytest.ECDSAKeys(tb, n, n, paillier.Level112)
}

// soloKeys holds the 1-of-1 key most tests share (soloKey).
var soloKeys struct {
	once sync.Once
	key  *cggmp.Key
}

// soloKey returns one 1-of-1 key per test binary; a Key is immutable.
func soloKey(tb testing.TB) *cggmp.Key {
	tb.Helper()
	soloKeys.once.Do(func() { soloKeys.key = testKeys(tb, 1)[1] })
	require.NotNil(tb, soloKeys.key, "the solo key failed in the first test that asked for it")
	return soloKeys.key
}

// presignSolo runs presigning for a 1-of-1 key: a Config.Presign.
func presignSolo(ctx context.Context, key *cggmp.Key) (*cggmp.Presignature, error) {
	sid := make([]byte, 32)
	if _, err := rand.Read(sid); err != nil {
		return nil, err
	}
	m, err := cggmp.NewPresign(cggmp.PresignConfig{Key: key, Signers: []transport.PartyID{1}, SessionID: sid})
	if err != nil {
		return nil, err
	}
	net := memnet.New([]transport.PartyID{1})
	defer net.Close()
	out, errs := memnet.RunAll(ctx, net, map[transport.PartyID]transport.Machine[*cggmp.Presignature]{1: m})
	if err := errs[1]; err != nil {
		return nil, err
	}
	return out[1], nil
}

// fakeClock is a Config.Now that tests move by hand.
type fakeClock struct {
	mu  sync.Mutex
	now time.Time
}

func newFakeClock() *fakeClock { return &fakeClock{now: time.Unix(1_700_000_000, 0)} }

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}
