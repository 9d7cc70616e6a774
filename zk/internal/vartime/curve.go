package vartime

// Variable time: public values only (see doc.go).

import (
	"fmt"

	"github.com/cronokirby/saferith"

	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/mosaic-mpc/mosaic/zk"
)

// CheckCurve returns the group equation of the proofs that carry a point
// commitment (Πlog*, Πaff-g) as an extra check for CheckEquations:
// z·g − e·X = want on curve c. Its error, prefixed with proof and naming
// the equation as written, wraps zk.ErrVerify.
func CheckCurve(proof, equation string, c curve.Curve, z, e *saferith.Int, g, x, want curve.Point) func() error {
	return func() error {
		lhs := c.VarTimeMultiScalarMult(
			[]curve.Scalar{c.ScalarFromInt(z), c.ScalarFromInt(e).Negate()},
			[]curve.Point{g, x})
		if !lhs.Equal(want) {
			return fmt.Errorf("%s: equation %s: %w", proof, equation, zk.ErrVerify)
		}
		return nil
	}
}
