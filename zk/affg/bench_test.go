package affg

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/mosaic-mpc/mosaic/zk/internal/zktest"
)

// Benchmarks at 2048-bit N0, N1 and N̂ (the fixture keys).

func BenchmarkProve(b *testing.B) {
	for _, tc := range []struct {
		name   string
		withSK bool
	}{{"CRT", true}, {"public key only", false}} {
		b.Run(tc.name, func(b *testing.B) {
			f := newFixture(b, nil, nil, tc.withSK)
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

// The verifier that owns N̂ checks the ring-Pedersen equations modulo its
// primes; when N̂ is also N0, as in CGGMP21, the N0² equation too.
func BenchmarkVerifyWithKey(b *testing.B) {
	for _, shape := range []struct {
		name string
		get  func(testing.TB) (*fixture, *Proof)
	}{{"N̂ a third key", shared}, {"N̂ = N0 (CGGMP21)", cggmpShaped}} {
		b.Run(shape.name, func(b *testing.B) {
			f, p := shape.get(b)
			key := zktest.FixtureOwner(b, f.pub.Aux)
			b.ReportAllocs()
			for b.Loop() {
				require.NoError(b, p.VerifyWithKey(proverTranscript(), f.pub, key))
			}
		})
	}
}
