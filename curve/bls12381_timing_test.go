//go:build timing

package curve

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/mosaic-mpc/mosaic/internal/dudect"
)

// SECURITY.md case 27 for BLS12-381 G1: the scalar 1 against uniform
// scalars through every operation that may see a secret share (a partial
// BLS signature multiplies a G2 point by the share with the same circl
// window code, which package bls times), and as the control a loop whose
// length is the scalar's bit length, which the harness must flag. Run with
// -tags timing.
func TestTimingBLS12381G1(t *testing.T) {
	const samples = 5000
	c := BLS12381G1()
	p := c.ScalarBaseMult(mustRandom(t, c))
	ops := []struct {
		name     string
		op       func(Scalar)
		variable bool
	}{
		{"ScalarBaseMult", func(s Scalar) { c.ScalarBaseMult(s) }, false},
		{"ScalarMult", func(s Scalar) { p.ScalarMult(s) }, false},
		{"Invert", func(s Scalar) { s.Invert() }, false},
		{"bit-length loop (control)", func(s Scalar) {
			acc := c.Identity()
			for i := 0; i < s.Nat().TrueLen(); i++ {
				acc = acc.Add(p)
			}
		}, true},
	}
	for _, o := range ops {
		t.Run(o.name, func(t *testing.T) {
			r, err := dudect.Measure(samples, nil, func(class int) func() {
				s := mustRandom(t, c)
				if class == 0 {
					s = c.ScalarFromUint64(1)
				}
				return func() { o.op(s) }
			})
			require.NoError(t, err)
			t.Log(r)
			require.Equal(t, o.variable, r.Leaks(), r.String())
		})
	}
}
