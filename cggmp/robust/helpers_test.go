package robust_test

import (
	"context"
	"crypto/rand"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/decred/dcrd/dcrec/secp256k1/v4"
	decredecdsa "github.com/decred/dcrd/dcrec/secp256k1/v4/ecdsa"
	"github.com/stretchr/testify/require"

	"github.com/mosaic-mpc/mosaic/cggmp"
	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/mosaic-mpc/mosaic/dkg"
	"github.com/mosaic-mpc/mosaic/internal/testfixtures"
	"github.com/mosaic-mpc/mosaic/paillier"
	"github.com/mosaic-mpc/mosaic/transport"
	"github.com/mosaic-mpc/mosaic/transport/memnet"
)

// fixtureBits is the Paillier modulus size of the test keys: the 2048-bit
// fixture keys, set explicitly so that the tests do not follow a change of
// the default size.
const fixtureBits = 2048

// partyIDs returns 1..n.
func partyIDs(n int) []transport.PartyID {
	ids := make([]transport.PartyID, n)
	for i := range ids {
		ids[i] = transport.PartyID(i + 1)
	}
	return ids
}

// newKeys makes th-of-n cggmp keys: a real DKG over memnet, and aux info
// assembled from the test-only Paillier fixtures of fixtureBits bits (the
// aux-info protocol has its own tests), so that signing tests stay fast.
func newKeys(t testing.TB, th, n int) map[transport.PartyID]*cggmp.Key {
	t.Helper()
	ids := partyIDs(n)
	c := curve.Secp256k1()
	nonce := make([]byte, dkg.NonceSize)
	_, err := rand.Read(nonce)
	require.NoError(t, err)
	sid, err := dkg.SessionID(dkg.Protocol, c, ids, th, nonce)
	require.NoError(t, err)
	ms := map[transport.PartyID]transport.Machine[*dkg.KeyShare]{}
	for _, id := range ids {
		m, err := dkg.New(dkg.Config{Curve: c, Threshold: th, Parties: ids, Self: id, SessionID: sid})
		require.NoError(t, err)
		ms[id] = m
	}
	net := memnet.New(ids)
	defer net.Close()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	shares, errs := memnet.RunAll(ctx, net, ms)
	require.Empty(t, errs)

	fixtures := testfixtures.PaillierKeys(t, fixtureBits)
	require.GreaterOrEqual(t, len(fixtures), n, "not enough %d-bit fixture keys", fixtureBits)
	secrets := map[transport.PartyID]*cggmp.AuxSecret{}
	aux := cggmp.AuxInfo{Parties: ids, Paillier: map[transport.PartyID]*paillier.PublicKey{}, Pedersen: map[transport.PartyID]*paillier.PedersenParams{}}
	for i, id := range ids {
		sec, err := cggmp.NewAuxSecret(fixtures[i], rand.Reader)
		require.NoError(t, err)
		secrets[id] = sec
		aux.Paillier[id] = sec.Paillier.PublicKey()
		aux.Pedersen[id] = sec.Pedersen
	}
	keys := map[transport.PartyID]*cggmp.Key{}
	for _, id := range ids {
		a := aux
		a.Self, a.Secret = id, secrets[id].Paillier
		k, err := cggmp.NewKey(shares[id], &a)
		require.NoError(t, err)
		keys[id] = k
	}
	return keys
}

// sharedKeys caches one set of keys per (t, n) for the test binary: a Key
// is immutable and safe for concurrent use.
var sharedKeys struct {
	sync.Mutex
	m map[string]map[transport.PartyID]*cggmp.Key
}

func keysFor(t testing.TB, th, n int) map[transport.PartyID]*cggmp.Key {
	t.Helper()
	sharedKeys.Lock()
	defer sharedKeys.Unlock()
	name := fmt.Sprintf("%d-of-%d", th, n)
	if sharedKeys.m == nil {
		sharedKeys.m = map[string]map[transport.PartyID]*cggmp.Key{}
	}
	if sharedKeys.m[name] == nil {
		sharedKeys.m[name] = newKeys(t, th, n)
	}
	return sharedKeys.m[name]
}

// requireValid checks sig on digest under pub twice: with cggmp's own
// verification (low S included) and with decred's ECDSA.
func requireValid(t testing.TB, pub curve.Point, digest []byte, sig *cggmp.Signature, what string) {
	t.Helper()
	require.NotNil(t, sig, what)
	require.NoError(t, cggmp.VerifyLowS(pub, digest, sig), what)
	dpub, err := secp256k1.ParsePubKey(pub.Bytes())
	require.NoError(t, err, what)
	var r, s secp256k1.ModNScalar
	require.False(t, r.SetByteSlice(sig.R.Bytes()), what)
	require.False(t, s.SetByteSlice(sig.S.Bytes()), what)
	require.True(t, decredecdsa.NewSignature(&r, &s).Verify(digest, dpub), "%s: decred refuses the signature", what)
}
