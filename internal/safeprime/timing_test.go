//go:build timing

package safeprime_test

import (
	"math/bits"
	"testing"

	"github.com/cronokirby/saferith"
	"github.com/stretchr/testify/require"

	"github.com/mosaic-mpc/mosaic/internal/dudect"
	"github.com/mosaic-mpc/mosaic/internal/safeprime"
)

// SECURITY.md case 27, safeprime.Verify, which runs on every key load on
// the secret primes. Two pairs of classes: the lightest and the heaviest
// of the 1024-bit fixture primes (what the other timing tests compare),
// and two 256-bit safe primes whose p'−1 has 1 and 64 trailing zero bits,
// the extremes of the number of squarings a textbook Miller–Rabin round
// runs (here the padding of every round, mrPaddedS). Run with -tags
// timing.
func TestTiming(t *testing.T) {
	ps := fixturePrimes(t, 1024)
	light, heavy := ps[0], ps[0]
	for _, p := range ps {
		if weight(p) < weight(light) {
			light = p
		}
		if weight(p) > weight(heavy) {
			heavy = p
		}
	}
	t.Logf("weights %d and %d", weight(light), weight(heavy))
	s1 := safeprime.SafePrimeWithTwoAdicity(t, 256, 1)
	s64 := safeprime.SafePrimeWithTwoAdicity(t, 256, 64)
	for _, tc := range []struct {
		name    string
		bits    int
		classes [2]*saferith.Nat
		samples int
	}{
		{"weight", 1024, [2]*saferith.Nat{light, heavy}, 2000},
		{"two-adicity", 256, [2]*saferith.Nat{new(saferith.Nat).SetBig(s1, 256), new(saferith.Nat).SetBig(s64, 256)}, 10000},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for _, p := range tc.classes {
				require.NoError(t, safeprime.Verify(nil, p, tc.bits))
			}
			r, err := dudect.Measure(tc.samples, nil, func(class int) func() {
				p := tc.classes[class]
				return func() {
					if err := safeprime.Verify(nil, p, tc.bits); err != nil {
						t.Error(err)
					}
				}
			})
			require.NoError(t, err)
			t.Log(r)
			require.False(t, r.Leaks(), r.String())
		})
	}
}

// weight is the number of set bits of p.
func weight(p *saferith.Nat) int {
	w := 0
	for _, b := range p.Bytes() {
		w += bits.OnesCount8(b)
	}
	return w
}
