package frost

import (
	"fmt"

	"github.com/cronokirby/saferith"

	"github.com/mosaic-mpc/mosaic/curve"
)

// lagrangeCoefficient returns λ_i = Π_{j≠i} x_j / (x_j − x_i), the Lagrange
// coefficient at 0 of participant i over the set ids (RFC 9591 section 4.2,
// derive_interpolating_value). It has the signature of
// vss.LagrangeCoefficient so the two can be swapped. The callers pass the
// sorted, duplicate-free identifiers of a validated SigningPackage; a zero
// id, an i outside ids or a duplicate of i is still reported as an error.
// Identifiers are public, but the arithmetic is the constant-time scalar
// arithmetic of package curve anyway.
func lagrangeCoefficient(c curve.Curve, ids []curve.Scalar, i curve.Scalar) (curve.Scalar, error) {
	if i == nil || i.IsZero() {
		return nil, fmt.Errorf("%w: zero", ErrInvalidIdentifier)
	}
	num := c.ScalarFromUint64(1)
	den := c.ScalarFromUint64(1)
	found := false
	for _, x := range ids {
		if x.Equal(i) {
			if found {
				return nil, fmt.Errorf("%w in interpolation set", ErrDuplicateIdentifier)
			}
			found = true
			continue
		}
		if x.IsZero() {
			return nil, fmt.Errorf("%w: zero in interpolation set", ErrInvalidIdentifier)
		}
		num = num.Mul(x)
		den = den.Mul(x.Sub(i))
	}
	if !found {
		return nil, fmt.Errorf("%w: not in the interpolation set", ErrUnknownIdentifier)
	}
	if den.IsZero() {
		return nil, fmt.Errorf("%w in interpolation set", ErrDuplicateIdentifier)
	}
	return num.Mul(invert(c, den)), nil
}

// invert returns 1/s for non-zero s. For secp256k1, saferith's
// constant-time modular inverse is several times faster than the
// exponentiation in curve's Scalar.Invert; for edwards25519 the curve's
// addition chain is as fast.
func invert(c curve.Curve, s curve.Scalar) curve.Scalar {
	if c.ID() != curve.IDSecp256k1 {
		return s.Invert()
	}
	return c.ScalarFromNat(new(saferith.Nat).ModInverse(s.Nat(), c.Order()))
}
