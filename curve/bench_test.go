package curve

import (
	"crypto/rand"
	"fmt"
	"runtime"
	"testing"
	"time"

	"github.com/mosaic-mpc/mosaic/internal/cputime"
)

// Benchmarks for the operations protocols spend their time in, on both
// curves. Run with: go test -run x -bench . ./curve

// cpuLoop runs f in a b.Loop and reports the CPU time of the benchmark's
// thread per iteration (cpu-ns/op): on a shared, oversubscribed machine it
// is far steadier than the wall clock. Off Linux there is no thread clock
// and only the standard metrics appear.
func cpuLoop(b *testing.B, f func()) {
	b.Helper()
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	b.ReportAllocs()
	start := cputime.Thread()
	for b.Loop() {
		f()
	}
	cputime.Report(b, cputime.Thread()-start, time.Nanosecond)
}

func benchScalar(b *testing.B, c Curve) Scalar {
	b.Helper()
	s, err := c.RandomScalar(rand.Reader)
	if err != nil {
		b.Fatal(err)
	}
	return s
}

func BenchmarkScalarMult(b *testing.B) {
	for _, c := range curves {
		b.Run(c.Name(), func(b *testing.B) {
			p := c.ScalarBaseMult(benchScalar(b, c))
			k := benchScalar(b, c)
			cpuLoop(b, func() {
				p.ScalarMult(k)
			})
		})
	}
}

func BenchmarkVarTimeScalarMult(b *testing.B) {
	for _, c := range curves {
		b.Run(c.Name(), func(b *testing.B) {
			p := c.ScalarBaseMult(benchScalar(b, c))
			k := benchScalar(b, c)
			cpuLoop(b, func() {
				p.VarTimeScalarMult(k)
			})
		})
	}
}

func BenchmarkScalarBaseMult(b *testing.B) {
	for _, c := range curves {
		b.Run(c.Name(), func(b *testing.B) {
			k := benchScalar(b, c)
			c.ScalarBaseMult(k) // build secp256k1's table outside the timing
			cpuLoop(b, func() {
				c.ScalarBaseMult(k)
			})
		})
	}
}

func BenchmarkVarTimeMultiScalarMult2(b *testing.B) {
	for _, c := range curves {
		b.Run(c.Name(), func(b *testing.B) {
			ss := []Scalar{benchScalar(b, c), benchScalar(b, c)}
			ps := []Point{c.Generator(), c.ScalarBaseMult(benchScalar(b, c))}
			cpuLoop(b, func() {
				c.VarTimeMultiScalarMult(ss, ps)
			})
		})
	}
}

func BenchmarkPointAdd(b *testing.B) {
	for _, c := range curves {
		b.Run(c.Name(), func(b *testing.B) {
			p := c.ScalarBaseMult(benchScalar(b, c))
			q := c.ScalarBaseMult(benchScalar(b, c))
			cpuLoop(b, func() {
				p.Add(q)
			})
		})
	}
}

func BenchmarkHashToScalar(b *testing.B) {
	dst := []byte("mosaic-bench-v1")
	msg := make([]byte, 64)
	for _, c := range curves {
		b.Run(c.Name(), func(b *testing.B) {
			cpuLoop(b, func() {
				c.HashToScalar(dst, msg)
			})
		})
	}
}

func BenchmarkDecodePoint(b *testing.B) {
	for _, c := range curves {
		b.Run(c.Name(), func(b *testing.B) {
			enc := c.ScalarBaseMult(benchScalar(b, c)).Bytes()
			cpuLoop(b, func() {
				if _, err := c.DecodePoint(enc, false); err != nil {
					b.Fatal(err)
				}
			})
		})
	}
}

func BenchmarkScalarInvert(b *testing.B) {
	for _, c := range curves {
		b.Run(c.Name(), func(b *testing.B) {
			k := benchScalar(b, c)
			cpuLoop(b, func() {
				k.Invert()
			})
		})
	}
}

// BenchmarkVarTimeMultiScalarMultN covers the sizes the protocols use: a
// Schnorr verification (2-3), Feldman checks (t), FROST aggregation of 67
// signers (134 points with the binding nonces) and a 100-party DKG batch.
func BenchmarkVarTimeMultiScalarMultN(b *testing.B) {
	for _, c := range curves {
		for _, n := range []int{1, 2, 3, 7, 16, 32, 67, 100, 134, 256, 1024} {
			b.Run(fmt.Sprintf("%s/n=%d", c.Name(), n), func(b *testing.B) {
				ss := make([]Scalar, n)
				ps := make([]Point, n)
				for i := range ss {
					ss[i] = benchScalar(b, c)
					ps[i] = c.ScalarBaseMult(benchScalar(b, c))
				}
				cpuLoop(b, func() {
					c.VarTimeMultiScalarMult(ss, ps)
				})
			})
		}
	}
}
