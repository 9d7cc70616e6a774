package frost

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/mosaic-mpc/mosaic/curve"
)

func TestLagrange(t *testing.T) {
	for _, c := range []curve.Curve{curve.Secp256k1(), curve.Edwards25519()} {
		t.Run(c.Name(), func(t *testing.T) {
			ids := []curve.Scalar{c.ScalarFromUint64(1), c.ScalarFromUint64(3), c.ScalarFromUint64(4)}
			// Interpolating f(x) = 5 + 2x + 7x^2 at 0 from f(1), f(3), f(4).
			f := func(x uint64) curve.Scalar { return c.ScalarFromUint64(5 + 2*x + 7*x*x) }
			sum := c.NewScalar()
			for _, id := range ids {
				l, err := lagrangeCoefficient(c, ids, id)
				require.NoError(t, err)
				x := id.Bytes()
				v := uint64(x[0] | x[31]) // 1, 3 or 4 in either byte order
				sum = sum.Add(l.Mul(f(v)))
				// invert agrees with the curve's inverse.
				require.True(t, invert(c, id).Equal(id.Invert()))
			}
			require.True(t, sum.Equal(c.ScalarFromUint64(5)))

			_, err := lagrangeCoefficient(c, ids, c.ScalarFromUint64(2))
			require.ErrorIs(t, err, ErrUnknownIdentifier)
			_, err = lagrangeCoefficient(c, ids, c.NewScalar())
			require.ErrorIs(t, err, ErrInvalidIdentifier)
			_, err = lagrangeCoefficient(c, append(ids, c.ScalarFromUint64(3)), c.ScalarFromUint64(3))
			require.ErrorIs(t, err, ErrDuplicateIdentifier)
			_, err = lagrangeCoefficient(c, append(ids, c.NewScalar()), c.ScalarFromUint64(3))
			require.ErrorIs(t, err, ErrInvalidIdentifier)
		})
	}
}
