package safeprime_test

import (
	"fmt"
	"testing"

	"github.com/cronokirby/saferith"
	"github.com/stretchr/testify/require"

	"github.com/mosaic-mpc/mosaic/internal/safeprime"
	"github.com/mosaic-mpc/mosaic/internal/testfixtures"
)

// fixturePrimes returns the safe primes of the bits-bit fixture keys
// (internal/testfixtures): both primes of every pair.
func fixturePrimes(tb testing.TB, bits int) []*saferith.Nat {
	tb.Helper()
	var out []*saferith.Nat
	for _, pr := range testfixtures.PrimePairs(tb) {
		if pr.Bits == 2*bits {
			out = append(out, pr.P, pr.Q)
		}
	}
	require.NotEmpty(tb, out)
	return out
}

// BenchmarkVerify times Verify on the fixture primes of 2048-bit and
// 3072-bit Paillier keys, as every key load runs it on both primes.
func BenchmarkVerify(b *testing.B) {
	for _, size := range []int{1024, 1536} {
		ps := fixturePrimes(b, size)
		b.Run(fmt.Sprint(size), func(b *testing.B) {
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				if err := safeprime.Verify(nil, ps[i%len(ps)], size); err != nil {
					b.Fatal(err)
				}
				i++
			}
		})
	}
}

// Verify accepts every fixture prime (real safe primes of the sizes keys
// use).
func TestVerifyFixturePrimes(t *testing.T) {
	for _, size := range []int{1024, 1536} {
		for i, p := range fixturePrimes(t, size) {
			require.NoError(t, safeprime.Verify(nil, p, size), "%d-bit prime %d", size, i)
		}
	}
}
