package robust_test

import (
	"fmt"
	"sync"
	"testing"

	"github.com/decred/dcrd/dcrec/secp256k1/v4"
	decredecdsa "github.com/decred/dcrd/dcrec/secp256k1/v4/ecdsa"
	"github.com/stretchr/testify/require"

	"github.com/mosaic-mpc/mosaic/cggmp"
	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/mosaic-mpc/mosaic/internal/keytest"
	"github.com/mosaic-mpc/mosaic/paillier"
	"github.com/mosaic-mpc/mosaic/transport"
)

// fixtureLevel is the security level of the test keys: the 2048-bit
// fixture keys, set explicitly so that the tests do not follow the default
// (3072 bits).
const fixtureLevel = paillier.Level112

// partyIDs returns 1..n.
func partyIDs(n int) []transport.PartyID { return keytest.IDs(n) }

// newKeys makes th-of-n cggmp keys: a real DKG over memnet, and aux info
// assembled from the test-only Paillier fixtures of fixtureLevel (the
// aux-info protocol has its own tests), so that signing tests stay fast.
func newKeys(t testing.TB, th, n int) map[transport.PartyID]*cggmp.Key {
	t.Helper()
	return keytest.ECDSAKeys(t, th, n, fixtureLevel)
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
