package mod

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/mosaic-mpc/mosaic/internal/cputime"
	"github.com/mosaic-mpc/mosaic/zk/internal/zktest"
)

// Benchmarks at 2048-bit N (fixture key 0). Besides ns/op (wall clock, all
// cores) they report cpu-ms/op, the process CPU time per operation.

func BenchmarkModProve(b *testing.B) {
	pub, priv := testKey(b, 0)
	b.ReportAllocs()
	start := cputime.Process()
	for b.Loop() {
		_, err := NewProof(zktest.Transcript("bench", 1, 2), pub, priv, nil)
		require.NoError(b, err)
	}
	cputime.Report(b, cputime.Process()-start, time.Millisecond)
}

func BenchmarkModVerify(b *testing.B) {
	pub, proof := validProof(b)
	b.ReportAllocs()
	start := cputime.Process()
	for b.Loop() {
		require.NoError(b, proof.Verify(zktest.Transcript("s", 1, 2), pub))
	}
	cputime.Report(b, cputime.Process()-start, time.Millisecond)
}
