//go:build timing

package curve

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/mosaic-mpc/mosaic/internal/dudect"
)

// SECURITY.md case 27 for P-256: the scalar 1 against uniform scalars
// through every operation that may see a secret. TestTiming's
// variable-time control is not repeated: P-256's VarTime functions are
// the constant-time ones, so they must not leak either. Single field
// operations (Mul, about 230 ns) are left out as in TestTiming: at that
// size the harness flags a fixed random scalar against fresh random ones
// too, for decred's secp256k1 as much as for bigmod, so a verdict there
// says nothing about the value. Run with -tags timing.
func TestTimingP256(t *testing.T) {
	const samples = 20000
	c := P256()
	p := c.ScalarBaseMult(mustRandom(t, c))
	ops := map[string]func(Scalar){
		"ScalarBaseMult":    func(s Scalar) { c.ScalarBaseMult(s) },
		"ScalarMult":        func(s Scalar) { p.ScalarMult(s) },
		"Invert":            func(s Scalar) { s.Invert() },
		"VarTimeScalarMult": func(s Scalar) { p.VarTimeScalarMult(s) },
	}
	for name, op := range ops {
		t.Run(name, func(t *testing.T) {
			r, err := dudect.Measure(samples, nil, func(class int) func() {
				s := c.ScalarFromUint64(1)
				if class == 1 {
					s = mustRandom(t, c)
				}
				return func() { op(s) }
			})
			require.NoError(t, err)
			t.Log(r)
			require.False(t, r.Leaks(), r.String())
		})
	}
}
