package logstar

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/mosaic-mpc/mosaic/internal/bigint"
	"github.com/mosaic-mpc/mosaic/zk"
	"github.com/mosaic-mpc/mosaic/zk/internal/zktest"
)

// Benchmarks at 2048-bit N0 and N̂ (the fixture keys).

func BenchmarkProve(b *testing.B) {
	for _, tc := range []struct {
		name   string
		withSK bool
	}{{"CRT", true}, {"public key only", false}} {
		b.Run(tc.name, func(b *testing.B) {
			f := newFixture(b, nil, tc.withSK, false)
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

// The wide statement of the identification phase: a witness of an MtA
// sum's size (±2^(ℓ'+ε+4)), masked by ±2^WideMaskBits.
func BenchmarkWide(b *testing.B) {
	x, err := bigint.SampleIntBits(nil, zk.LPrime+zk.Epsilon+4)
	require.NoError(b, err)
	f := newFixture(b, x, true, false)
	f.pub.Wide = true
	p, err := NewProof(proverTranscript(), f.pub, f.priv, nil)
	require.NoError(b, err)
	b.Run("prove", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			_, err := NewProof(proverTranscript(), f.pub, f.priv, nil)
			require.NoError(b, err)
		}
	})
	b.Run("verify", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			require.NoError(b, p.Verify(proverTranscript(), f.pub))
		}
	})
	key := zktest.FixtureOwner(b, f.pub.Aux)
	b.Run("verify with key", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			require.NoError(b, p.VerifyWithKey(proverTranscript(), f.pub, key))
		}
	})
}
