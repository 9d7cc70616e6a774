//go:build timing

package bls

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/mosaic-mpc/mosaic/dkg"
	"github.com/mosaic-mpc/mosaic/internal/dudect"
)

// SECURITY.md case 27 for the secret-share operation of threshold BLS:
// PartialSign multiplies H(m) in G2 by the share x_i. Class 0 signs with
// the share 1, class 1 with a uniform share, the message fixed; the
// control multiplies only as many times as the share has bits, which the
// harness must flag. Run with -tags timing.
func TestTimingPartialSign(t *testing.T) {
	const samples = 3000
	c := curve.BLS12381G1()
	msg := []byte("timing")
	share := func(x curve.Scalar) *dkg.KeyShare {
		return &dkg.KeyShare{Curve: c, Threshold: 1, Self: 1, Secret: x, GroupKey: c.Generator()}
	}
	h := HashToG2(msg, []byte(DSTPOP))
	ops := []struct {
		name     string
		op       func(curve.Scalar)
		variable bool
	}{
		{"PartialSign", func(x curve.Scalar) { _, _ = POP().PartialSign(share(x), msg) }, false},
		{"bit-length loop (control)", func(x curve.Scalar) {
			acc := new(Signature)
			for i := 0; i < x.Nat().TrueLen(); i++ {
				acc.p.Add(&acc.p, &h.p)
			}
		}, true},
	}
	for _, o := range ops {
		t.Run(o.name, func(t *testing.T) {
			r, err := dudect.Measure(samples, nil, func(class int) func() {
				x, err := c.RandomScalar(nil)
				require.NoError(t, err)
				if class == 0 {
					x = c.ScalarFromUint64(1)
				}
				return func() { o.op(x) }
			})
			require.NoError(t, err)
			t.Log(r)
			require.Equal(t, o.variable, r.Leaks(), r.String())
		})
	}
}
