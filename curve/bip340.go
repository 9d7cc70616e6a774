package curve

import (
	"fmt"
)

// Helpers for BIP-340 (Schnorr signatures for secp256k1) and BIP-341
// (taproot), which use x-only public keys and the even-y convention.

// HasEvenY reports whether the affine y-coordinate of the secp256k1 point p is
// even. It returns an error for the identity or a point of another curve.
func HasEvenY(p Point) (bool, error) {
	sp, err := secp256k1Point(p)
	if err != nil {
		return false, err
	}
	if sp.IsIdentity() {
		return false, ErrIdentity
	}
	_, y := sp.affine()
	return !y.IsOdd(), nil
}

// XOnlyBytes returns the 32-byte x-coordinate of a secp256k1 point (BIP-340's
// bytes(P)).
func XOnlyBytes(p Point) ([]byte, error) {
	sp, err := secp256k1Point(p)
	if err != nil {
		return nil, err
	}
	if sp.IsIdentity() {
		return nil, ErrIdentity
	}
	x, _ := sp.affine()
	b := x.Bytes()
	return b[:], nil
}

// LiftX is BIP-340's lift_x: the secp256k1 point with x-coordinate b (32 bytes
// big-endian) and even y. x >= p and x not on the curve are errors.
func LiftX(b []byte) (Point, error) {
	if len(b) != 32 {
		return nil, fmt.Errorf("%w: x-only key of %d bytes", ErrInvalidLength, len(b))
	}
	return secpLiftX(b, false)
}

// ECDSAScalarFromPoint returns r = x(R) mod n, the map from a secp256k1 point
// to the ECDSA signature component r.
func ECDSAScalarFromPoint(p Point) (Scalar, error) {
	sp, err := secp256k1Point(p)
	if err != nil {
		return nil, err
	}
	if sp.IsIdentity() {
		return nil, ErrIdentity
	}
	x, _ := sp.affine()
	return scalarFromFieldBytes(x.Bytes()), nil
}

// YIsOddAndXOverflows reports, for an ECDSA nonce point R, whether y(R) is odd
// and whether x(R) >= n: the two bits of the ECDSA recovery id.
func YIsOddAndXOverflows(p Point) (yOdd, xOverflow bool, err error) {
	sp, err := secp256k1Point(p)
	if err != nil {
		return false, false, err
	}
	if sp.IsIdentity() {
		return false, false, ErrIdentity
	}
	x, y := sp.affine()
	xb := x.Bytes()
	s := new(secpScalar)
	overflow := s.s.SetBytes(xb) != 0
	return y.IsOdd(), overflow, nil
}
