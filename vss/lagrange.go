package vss

import (
	"fmt"

	"github.com/mosaic-mpc/mosaic/curve"
)

// Lagrange interpolation on public identifiers (RFC 9591 section 4.2,
// derive_interpolating_value, generalised to any evaluation point x):
//
//	λ_i(x) = Π_{j ≠ i} (x - x_j) / (x_i - x_j).
//
// Identifiers are public, so these functions may run in variable time. Each
// validates the whole set: it must be non-empty, with non-zero, pairwise
// distinct identifiers of the given curve (ErrNoIDs, ErrZeroID,
// ErrDuplicateID, wrapped in an *IDError naming the position), and i must be
// one of them (ErrIDNotInSet).

// LagrangeCoefficient returns λ_i(0), the factor by which the share at i is
// multiplied to interpolate f(0) from the shares at ids.
func LagrangeCoefficient(c curve.Curve, ids []curve.Scalar, i curve.Scalar) (curve.Scalar, error) {
	if c == nil {
		return nil, fmt.Errorf("%w: nil curve", ErrNilValue)
	}
	return LagrangeAt(c, ids, i, c.NewScalar())
}

// LagrangeAt returns λ_i(x), the factor by which the share at i is
// multiplied to interpolate f(x) from the shares at ids (share repair and
// resharing evaluate at a new party's identifier).
func LagrangeAt(c curve.Curve, ids []curve.Scalar, i, x curve.Scalar) (curve.Scalar, error) {
	if err := checkIDs(c, ids); err != nil {
		return nil, err
	}
	if err := checkScalar(c, x, "evaluation point"); err != nil {
		return nil, err
	}
	k, err := indexOf(c, ids, i)
	if err != nil {
		return nil, err
	}
	return lagrange(c, ids, k, x), nil
}

// LagrangeCoefficients returns λ_i(0) for every i in ids, in the order of ids.
func LagrangeCoefficients(c curve.Curve, ids []curve.Scalar) ([]curve.Scalar, error) {
	if c == nil {
		return nil, fmt.Errorf("%w: nil curve", ErrNilValue)
	}
	return LagrangeCoefficientsAt(c, ids, c.NewScalar())
}

// LagrangeCoefficientsAt returns λ_i(x) for every i in ids, in the order of
// ids.
func LagrangeCoefficientsAt(c curve.Curve, ids []curve.Scalar, x curve.Scalar) ([]curve.Scalar, error) {
	if err := checkIDs(c, ids); err != nil {
		return nil, err
	}
	if err := checkScalar(c, x, "evaluation point"); err != nil {
		return nil, err
	}
	nums := make([]curve.Scalar, len(ids))
	dens := make([]curve.Scalar, len(ids))
	for k := range ids {
		nums[k], dens[k] = lagrangeFraction(c, ids, k, x)
	}
	invs := batchInvert(c, dens)
	for k := range nums {
		nums[k] = nums[k].Mul(invs[k])
	}
	return nums, nil
}

// lagrange computes λ_{ids[k]}(x) for a validated set.
func lagrange(c curve.Curve, ids []curve.Scalar, k int, x curve.Scalar) curve.Scalar {
	num, den := lagrangeFraction(c, ids, k, x)
	return num.Mul(den.Invert())
}

// lagrangeFraction returns the numerator Π_{j≠k} (x - x_j) and denominator
// Π_{j≠k} (x_k - x_j) of λ_{ids[k]}(x). The denominator is non-zero because
// the identifiers are distinct.
func lagrangeFraction(c curve.Curve, ids []curve.Scalar, k int, x curve.Scalar) (num, den curve.Scalar) {
	num = c.ScalarFromUint64(1)
	den = c.ScalarFromUint64(1)
	xk := ids[k]
	for j, xj := range ids {
		if j == k {
			continue
		}
		num = num.Mul(x.Sub(xj))
		den = den.Mul(xk.Sub(xj))
	}
	return num, den
}

// batchInvert inverts non-zero scalars with one inversion (Montgomery's
// trick): a constant-time secp256k1 inversion costs hundreds of
// multiplications, so n of them dominated Lagrange for a signer set.
func batchInvert(c curve.Curve, xs []curve.Scalar) []curve.Scalar {
	prefix := make([]curve.Scalar, len(xs)) // prefix[i] = x_0···x_{i-1}
	acc := c.ScalarFromUint64(1)
	for i, x := range xs {
		prefix[i] = acc
		acc = acc.Mul(x)
	}
	inv := acc.Invert() // (x_0···x_{n-1})^-1
	out := make([]curve.Scalar, len(xs))
	for i := len(xs) - 1; i >= 0; i-- {
		out[i] = inv.Mul(prefix[i])
		inv = inv.Mul(xs[i])
	}
	return out
}
