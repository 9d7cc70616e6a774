package dec

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/mosaic-mpc/mosaic/zk/internal/zktest"
)

// Benchmarks at 2048-bit N0 and N̂ (the fixture keys), with a plaintext of
// the size met in the identification phase.

func BenchmarkProve(b *testing.B) {
	for _, tc := range []struct {
		name   string
		withSK bool
	}{{"CRT", true}, {"public key only", false}} {
		b.Run(tc.name, func(b *testing.B) {
			f := newFixture(b, nil, tc.withSK)
			b.ReportAllocs()
			for b.Loop() {
				_, err := NewProof(proverTranscript(), f.pub, f.priv, nil)
				require.NoError(b, err)
			}
		})
	}
}

func BenchmarkVerify(b *testing.B) {
	f, p := shared(b)
	b.ReportAllocs()
	for b.Loop() {
		require.NoError(b, p.Verify(proverTranscript(), f.pub))
	}
}

// The verifier that owns N̂ (as in CGGMP21) checks the ring-Pedersen
// equation modulo its primes.
func BenchmarkVerifyWithKey(b *testing.B) {
	f, p := shared(b)
	key := zktest.FixtureOwner(b, f.pub.Aux)
	b.ReportAllocs()
	for b.Loop() {
		require.NoError(b, p.VerifyWithKey(proverTranscript(), f.pub, key))
	}
}
