package zktest

import (
	"crypto/rand"
	"errors"
	"sync"
	"testing"

	"github.com/cronokirby/saferith"
	"github.com/stretchr/testify/require"

	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/mosaic-mpc/mosaic/internal/testfixtures"
	"github.com/mosaic-mpc/mosaic/paillier"
	"github.com/mosaic-mpc/mosaic/zk"
)

// IntOf returns v as a saferith.Int.
func IntOf(v int64) *saferith.Int {
	abs, neg := v, saferith.Choice(0)
	if v < 0 {
		abs, neg = -v, 1
	}
	return new(saferith.Int).SetUint64(uint64(abs)).Neg(neg)
}

// PowerOfTwo returns 2^bits, or −2^bits: the edges of the proofs' ranges.
func PowerOfTwo(bits int, negative bool) *saferith.Int {
	n := new(saferith.Nat).Lsh(new(saferith.Nat).SetUint64(1), uint(bits), bits+1)
	neg := saferith.Choice(0)
	if negative {
		neg = 1
	}
	return new(saferith.Int).SetNat(n).Neg(neg)
}

// Plus returns x + v.
func Plus(x *saferith.Int, v int64) *saferith.Int {
	return new(saferith.Int).Add(x, IntOf(v), -1)
}

// RandomScalarInt returns a uniform secp256k1 scalar as an integer.
func RandomScalarInt(tb testing.TB) *saferith.Int {
	tb.Helper()
	s, err := curve.Secp256k1().RandomScalar(rand.Reader)
	require.NoError(tb, err)
	return new(saferith.Int).SetNat(s.Nat())
}

// RequireErrorIs asserts that err wraps at least one of targets.
func RequireErrorIs(tb testing.TB, err error, targets ...error) {
	tb.Helper()
	require.Error(tb, err)
	for _, t := range targets {
		if errors.Is(err, t) {
			return
		}
	}
	tb.Fatalf("error %q wraps none of %v", err, targets)
}

// pedersenCache holds the ring-Pedersen parameters of fixture keys, which
// take a second each to generate, for the life of a test binary.
var pedersenCache struct {
	sync.Mutex
	params map[int]*paillier.PedersenParams
}

// Pedersen returns ring-Pedersen parameters on fixture key i's modulus
// (the verifier's, in the proofs' tests), generated once per test binary.
func Pedersen(tb testing.TB, i int) *paillier.PedersenParams {
	tb.Helper()
	sk := testfixtures.PaillierKey(tb, i)
	pedersenCache.Lock()
	defer pedersenCache.Unlock()
	if pp, ok := pedersenCache.params[i]; ok {
		return pp
	}
	pp, _, err := sk.GeneratePedersen(nil)
	require.NoError(tb, err)
	if pedersenCache.params == nil {
		pedersenCache.params = map[int]*paillier.PedersenParams{}
	}
	pedersenCache.params[i] = pp
	return pp
}

// RequireProverModulusRefused runs each entry point of a proof (NewProof,
// Verify, VerifyWithKey, DecodeProof, by name) on a statement whose N̂ is
// the prover's own Paillier modulus, and requires zk.ErrProverModulus from
// every one.
func RequireProverModulusRefused(t *testing.T, calls map[string]func() error) {
	t.Helper()
	for name, call := range calls {
		t.Run(name, func(t *testing.T) {
			require.ErrorIs(t, call(), zk.ErrProverModulus)
		})
	}
}
