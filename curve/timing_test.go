//go:build timing

package curve

import (
	"crypto/rand"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/mosaic-mpc/mosaic/internal/dudect"
)

// Security.md case 27, secret scalar multiplication: a scalar of weight 1
// (the scalar 1) against uniform ones. The variable-time multiplication,
// timed the same way, must be flagged: it shows that the harness sees a
// leak of this kind on this machine. Run with -tags timing.
func TestTiming(t *testing.T) {
	const samples = 20000
	for _, c := range []Curve{Secp256k1(), Edwards25519()} {
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
			t.Run(c.Name()+"/"+o.name, func(t *testing.T) {
				r, err := dudect.Measure(samples, nil, func(class int) func() {
					s := c.ScalarFromUint64(1)
					if class == 1 {
						s = mustRandom(t, c)
					}
					return func() { o.op(s) }
				})
				require.NoError(t, err)
				t.Log(r)
				require.Equal(t, o.variable, r.Leaks(), r.String())
			})
		}
	}
}

func mustRandom(t *testing.T, c Curve) Scalar {
	s, err := c.RandomScalar(rand.Reader)
	require.NoError(t, err)
	return s
}
