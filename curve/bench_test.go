package curve

import (
	"crypto/rand"
	"testing"
)

// Benchmarks for the operations protocols spend their time in, on both
// curves. Run with: go test -run x -bench . ./curve

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
			b.ReportAllocs()
			for b.Loop() {
				p.ScalarMult(k)
			}
		})
	}
}

func BenchmarkVarTimeScalarMult(b *testing.B) {
	for _, c := range curves {
		b.Run(c.Name(), func(b *testing.B) {
			p := c.ScalarBaseMult(benchScalar(b, c))
			k := benchScalar(b, c)
			b.ReportAllocs()
			for b.Loop() {
				p.VarTimeScalarMult(k)
			}
		})
	}
}

func BenchmarkScalarBaseMult(b *testing.B) {
	for _, c := range curves {
		b.Run(c.Name(), func(b *testing.B) {
			k := benchScalar(b, c)
			c.ScalarBaseMult(k) // build secp256k1's table outside the timing
			b.ReportAllocs()
			for b.Loop() {
				c.ScalarBaseMult(k)
			}
		})
	}
}

func BenchmarkVarTimeMultiScalarMult2(b *testing.B) {
	for _, c := range curves {
		b.Run(c.Name(), func(b *testing.B) {
			ss := []Scalar{benchScalar(b, c), benchScalar(b, c)}
			ps := []Point{c.Generator(), c.ScalarBaseMult(benchScalar(b, c))}
			b.ReportAllocs()
			for b.Loop() {
				c.VarTimeMultiScalarMult(ss, ps)
			}
		})
	}
}

func BenchmarkPointAdd(b *testing.B) {
	for _, c := range curves {
		b.Run(c.Name(), func(b *testing.B) {
			p := c.ScalarBaseMult(benchScalar(b, c))
			q := c.ScalarBaseMult(benchScalar(b, c))
			b.ReportAllocs()
			for b.Loop() {
				p.Add(q)
			}
		})
	}
}

func BenchmarkHashToScalar(b *testing.B) {
	dst := []byte("mosaic-bench-v1")
	msg := make([]byte, 64)
	for _, c := range curves {
		b.Run(c.Name(), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				c.HashToScalar(dst, msg)
			}
		})
	}
}

func BenchmarkDecodePoint(b *testing.B) {
	for _, c := range curves {
		b.Run(c.Name(), func(b *testing.B) {
			enc := c.ScalarBaseMult(benchScalar(b, c)).Bytes()
			b.ReportAllocs()
			for b.Loop() {
				if _, err := c.DecodePoint(enc, false); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkScalarInvert(b *testing.B) {
	for _, c := range curves {
		b.Run(c.Name(), func(b *testing.B) {
			k := benchScalar(b, c)
			b.ReportAllocs()
			for b.Loop() {
				k.Invert()
			}
		})
	}
}
