package mod

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// Benchmarks at 2048-bit N (fixture key 0). Besides ns/op (wall clock, all
// cores) they report cpu-ms/op, the process CPU time per operation.

func BenchmarkModProve(b *testing.B) {
	pub, priv := testKey(b, 0)
	b.ReportAllocs()
	start := processCPU()
	for b.Loop() {
		_, err := NewProof(newTranscript("bench", 1, 2), pub, priv, nil)
		require.NoError(b, err)
	}
	reportCPU(b, start)
}

func BenchmarkModVerify(b *testing.B) {
	pub, proof := validProof(b)
	b.ReportAllocs()
	start := processCPU()
	for b.Loop() {
		require.NoError(b, proof.Verify(newTranscript("s", 1, 2), pub))
	}
	reportCPU(b, start)
}

// reportCPU reports the process CPU time since start per iteration.
func reportCPU(b *testing.B, start time.Duration) {
	b.ReportMetric(float64(processCPU()-start)/1e6/float64(b.N), "cpu-ms/op")
}
