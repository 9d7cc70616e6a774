//go:build timing

package curve

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/mosaic-mpc/mosaic/internal/dudect"
)

// SECURITY.md case 27 for the Stark curve: the scalar 1 against uniform
// scalars through every operation that may see a secret, and the
// variable-time multiplication as the control the harness must flag (it
// skips zero windows, and the scalar 1 has 63 of them). Run with -tags
// timing.
func TestTimingStark(t *testing.T) {
	const samples = 20000
	c := Stark()
	p := c.ScalarBaseMult(mustRandom(t, c))
	ops := []struct {
		name     string
		op       func(Scalar)
		variable bool
	}{
		{"ScalarBaseMult", func(s Scalar) { c.ScalarBaseMult(s) }, false},
		{"ScalarMult", func(s Scalar) { p.ScalarMult(s) }, false},
		{"Invert", func(s Scalar) { s.Invert() }, false},
		{"VarTimeScalarMult (control)", func(s Scalar) { p.VarTimeScalarMult(s) }, true},
	}
	for _, o := range ops {
		t.Run(o.name, func(t *testing.T) {
			r, err := dudect.Measure(samples, nil, func(class int) func() {
				// Both classes draw a random scalar, so that their set-up
				// disturbs the caches alike (the 96 KiB base table does
				// not fit in L1); class 0 then uses 1 instead.
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
