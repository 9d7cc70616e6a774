package presigstore

import (
	"context"
	"crypto/rand"
	"sync"
	"testing"
	"time"

	"github.com/mosaic-mpc/mosaic/cggmp"
	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/mosaic-mpc/mosaic/dkg"
	"github.com/mosaic-mpc/mosaic/internal/testfixtures"
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
	ids := make([]transport.PartyID, n)
	for i := range ids {
		ids[i] = transport.PartyID(i + 1)
	}
	c := curve.Secp256k1()
	nonce := make([]byte, dkg.NonceSize)
	_, err := rand.Read(nonce)
	require.NoError(tb, err)
	sid, err := dkg.SessionID(dkg.Protocol, c, ids, n, nonce)
	require.NoError(tb, err)
	ms := map[transport.PartyID]transport.Machine[*dkg.KeyShare]{}
	for _, id := range ids {
		m, err := dkg.New(dkg.Config{Curve: c, Threshold: n, Parties: ids, Self: id, SessionID: sid})
		require.NoError(tb, err)
		ms[id] = m
	}
	shares := runAll(tb, ids, ms)

	fixtures := testfixtures.PaillierKeys(tb, paillier.ModulusBits2048)
	pks := map[transport.PartyID]*paillier.PublicKey{}
	peds := map[transport.PartyID]*paillier.PedersenParams{}
	secrets := map[transport.PartyID]*paillier.SecretKey{}
	for i, id := range ids {
		sec, err := cggmp.NewAuxSecret(fixtures[i%len(fixtures)], rand.Reader)
		require.NoError(tb, err)
		secrets[id], pks[id], peds[id] = sec.Paillier, sec.Paillier.PublicKey(), sec.Pedersen
	}
	keys := map[transport.PartyID]*cggmp.Key{}
	for _, id := range ids {
		aux := &cggmp.AuxInfo{Parties: ids, Self: id, Secret: secrets[id], Paillier: pks, Pedersen: peds}
		k, err := cggmp.NewKey(shares[id], aux)
		require.NoError(tb, err)
		keys[id] = k
	}
	return keys
}

// runAll runs one machine per party over an in-memory network.
func runAll[Out any](tb testing.TB, ids []transport.PartyID, ms map[transport.PartyID]transport.Machine[Out]) map[transport.PartyID]Out {
	tb.Helper()
	net := memnet.New(ids)
	defer net.Close()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	out, errs := memnet.RunAll(ctx, net, ms)
	require.Empty(tb, errs)
	return out
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

// presignAll runs presigning among every holder of keys and returns each
// one's presignature.
func presignAll(tb testing.TB, keys map[transport.PartyID]*cggmp.Key) map[transport.PartyID]*cggmp.Presignature {
	tb.Helper()
	sid := make([]byte, 32)
	_, err := rand.Read(sid)
	require.NoError(tb, err)
	var ids []transport.PartyID
	for id := range keys {
		ids = append(ids, id)
	}
	ms := map[transport.PartyID]transport.Machine[*cggmp.Presignature]{}
	for _, id := range ids {
		m, err := cggmp.NewPresign(cggmp.PresignConfig{Key: keys[id], Signers: ids, SessionID: sid})
		require.NoError(tb, err)
		ms[id] = m
	}
	return runAll(tb, ids, ms)
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
