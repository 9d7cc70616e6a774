package safeprime

// Tests cross-check with math/big's ProbablyPrime: test-only, on values that
// are thrown away.

import (
	"context"
	"crypto/rand"
	"errors"
	"math/big"
	"sync/atomic"
	"testing"

	"github.com/cronokirby/saferith"
	"github.com/stretchr/testify/require"
)

func checkSafePrime(t *testing.T, p *saferith.Nat, bits int) {
	t.Helper()
	pb := p.Big()
	require.Equal(t, bits, pb.BitLen())
	require.Equal(t, uint(1), pb.Bit(bits-2), "second top bit set")
	require.Equal(t, int64(3), new(big.Int).Mod(pb, big.NewInt(4)).Int64())
	require.True(t, pb.ProbablyPrime(20))
	q := new(big.Int).Rsh(pb, 1)
	require.True(t, q.ProbablyPrime(20))
	require.Equal(t, bits, p.AnnouncedLen())
	require.NoError(t, Verify(nil, p, bits))
}

func TestGenerate(t *testing.T) {
	generateSizes(t, 32, 33, 64, 100, 256, 512)
}

// generateSizes generates and checks one safe prime of each size. The
// 1024-bit one, whose time varies by seconds from draw to draw, is in
// TestSlowGenerate (build tag slow).
func generateSizes(t *testing.T, sizes ...int) {
	for _, bits := range sizes {
		t.Run(big.NewInt(int64(bits)).String(), func(t *testing.T) {
			p, err := Generate(context.Background(), nil, bits)
			require.NoError(t, err)
			checkSafePrime(t, p, bits)
		})
	}
}

func TestGenerateSingleWorkerSmallSieve(t *testing.T) {
	var calls atomic.Int64
	p, err := Generate(context.Background(), rand.Reader, 256,
		WithWorkers(1), WithSieveLimit(1000), WithWindow(128),
		WithProgress(func(Progress) { calls.Add(1) }))
	require.NoError(t, err)
	checkSafePrime(t, p, 256)
}

func TestGenerateProgress(t *testing.T) {
	var last Progress
	p, err := Generate(context.Background(), nil, 512, WithWindow(1024), WithProgress(func(pr Progress) {
		require.GreaterOrEqual(t, pr.Sieved, last.Sieved)
		last = pr
	}))
	require.NoError(t, err)
	checkSafePrime(t, p, 512)
	require.NotZero(t, last.Sieved)
}

func TestGenerateCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := Generate(ctx, nil, 1024)
	require.ErrorIs(t, err, context.Canceled)
}

type failingReader struct{}

func (failingReader) Read([]byte) (int, error) { return 0, errors.New("boom") }

func TestGenerateRandomFailure(t *testing.T) {
	_, err := Generate(context.Background(), failingReader{}, 256)
	require.ErrorIs(t, err, ErrRandom)
}

func TestGenerateBadSize(t *testing.T) {
	_, err := Generate(context.Background(), nil, 16)
	require.ErrorIs(t, err, ErrBitLength)
}

func TestVerifyRejects(t *testing.T) {
	// 2^61−1 is prime but (p−1)/2 is not; 1019 = 2·509+1 is a safe prime but
	// too small for MinBits. Values built from known primes.
	mersenne := new(big.Int).Sub(new(big.Int).Lsh(big.NewInt(1), 61), big.NewInt(1))
	// A 64-bit safe prime found by Generate, perturbed.
	p, err := Generate(context.Background(), nil, 64)
	require.NoError(t, err)
	pb := p.Big()
	tests := []struct {
		name string
		v    *big.Int
		bits int
	}{
		{"prime not safe", mersenne, 61},
		{"p plus 4", new(big.Int).Add(pb, big.NewInt(4)), 64},
		{"p plus 12", new(big.Int).Add(pb, big.NewInt(12)), 64},
		{"product", new(big.Int).Mul(big.NewInt(4294967291), big.NewInt(4294967279)), 64},
		{"1 mod 4", new(big.Int).Sub(pb, big.NewInt(2)), 64},
		{"wrong size", pb, 65},
		{"carmichael-like", mustBig("3825123056546413051"), 62}, // strong pseudoprime to bases 2..23 (OEIS A014233)
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			n := new(saferith.Nat).SetBig(tc.v, tc.v.BitLen())
			require.ErrorIs(t, Verify(nil, n, tc.bits), ErrNotSafePrime)
		})
	}
	require.NoError(t, Verify(nil, p, 64))
}

func mustBig(s string) *big.Int {
	v, ok := new(big.Int).SetString(s, 10)
	if !ok {
		panic(s)
	}
	return v
}

func TestMillerRabinPseudoprime(t *testing.T) {
	// 3825123056546413051 passes base 2 but is composite (OEIS A014233 entry).
	n := mustBig("3825123056546413051")
	ok, err := millerRabin(rand.Reader, n.Bytes(), 0, true)
	require.NoError(t, err)
	require.True(t, ok, "strong pseudoprime to base 2")
	ok, err = millerRabin(rand.Reader, n.Bytes(), 20, true)
	require.NoError(t, err)
	require.False(t, ok)
}

func TestHelpers(t *testing.T) {
	require.Equal(t, 3, trailingZeros([]byte{0x01, 0x08}))
	require.Equal(t, []byte{0x00, 0x81}, shiftRight([]byte{0x01, 0x02}, 1))
	require.Equal(t, []byte{0x00, 0x10}, shiftRight([]byte{0x10, 0x00}, 8))
	for _, r := range []uint32{5, 7, 11, 13, 65521, 4194301} {
		require.Equal(t, uint64(1), uint64(modInverse32(12%r, r))*12%uint64(r), "r=%d", r)
		require.Equal(t, modInverse32(12%r, r), inverse12(r), "r=%d", r)
	}
}

func BenchmarkGenerate1024(b *testing.B) {
	if testing.Short() {
		b.Skip("slow")
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Generate(context.Background(), nil, 1024); err != nil {
			b.Fatal(err)
		}
	}
}
