package bigint

// Per-multiplication cost of the Montgomery code at every kernel size
// (test-only; math/big only draws the operands).

import (
	"crypto/rand"
	"fmt"
	"math/big"
	"runtime"
	"testing"
	"time"

	"github.com/cronokirby/saferith"

	"github.com/mosaic-mpc/mosaic/internal/cputime"
)

// benchModulus returns a random odd n-limb modulus with its top bit set.
func benchModulus(tb testing.TB, n int) *saferith.Modulus {
	tb.Helper()
	mb, err := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), uint(64*n)))
	if err != nil {
		tb.Fatal(err)
	}
	mb.SetBit(mb, 64*n-1, 1)
	mb.SetBit(mb, 0, 1)
	return saferith.ModulusFromNat(natFromBig(mb))
}

// BenchmarkMontMul times one Montgomery multiplication (mul, as the
// exponentiations call it) and its row work alone, by the whole-
// multiplication IFMA kernel (ifma) and by the row kernels (rows), reporting
// the benchmark thread's CPU time (cpu-ns/op), steadier than the wall clock
// on a shared machine.
func BenchmarkMontMul(b *testing.B) {
	for _, n := range kernelLimbs {
		m := benchModulus(b, n)
		mt := newMontgomery(m)
		x := append([]uint64(nil), mt.rr...)
		y := append([]uint64(nil), mt.rr...)
		t := make([]uint64, 2*n+1)
		var mi *montgomery
		var xi, yi []uint64
		if ifmaKernel(n) {
			mi = newMontgomeryIFMA(m)
			xi = append([]uint64(nil), mi.rr...)
			yi = append([]uint64(nil), mi.rr...)
		}
		for _, c := range []struct {
			name string
			f    func()
		}{
			{"mul", func() { mt.mul(x, x, y, t) }},
			{"ifma", func() { mi.mul(xi, xi, yi, t) }},
			{"rows", func() { clear(t); montRows(t, x, y, mt.m, mt.m0inv) }},
		} {
			b.Run(fmt.Sprintf("limbs=%d/%s", n, c.name), func(b *testing.B) {
				skipIfKernelsUnusable(b, n)
				if c.name == "ifma" && mi == nil {
					b.Skip("no IFMA kernel on this CPU")
				}
				runtime.LockOSThread()
				defer runtime.UnlockOSThread()
				b.ReportAllocs()
				start := cputime.Thread()
				for b.Loop() {
					c.f()
				}
				cputime.Report(b, cputime.Thread()-start, time.Nanosecond)
			})
		}
	}
}
