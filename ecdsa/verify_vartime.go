package ecdsa

import (
	"fmt"

	"github.com/cronokirby/saferith"
	"github.com/mosaic-mpc/mosaic/curve"
)

// This file sees public values only (public keys, digests, signatures), so
// it may run in variable time.

// VerifyVarTime checks an ECDSA signature on digest under pub, on curve c
// (secp256k1 or P-256), as SEC 1 v2 section 4.1.4 does: r and s in
// [1, n), e the leftmost 256 bits of digest reduced mod n, R = e·s⁻¹·G +
// r·s⁻¹·pub not the identity, and x(R) mod n = r. High-S signatures
// verify, as in SEC 1 and crypto/ecdsa; VerifyLowSVarTime also requires
// low S.
//
// On the Stark curve it applies Starknet's rules instead (see
// CheckStarkRanges and stark.go): digest is the 32-byte message hash z
// itself, with 1 <= z < 2^251, not hashed or truncated; 1 <= r < 2^251,
// 1 <= s < n, 1 <= s⁻¹ < 2^251; and x(R) = r with no reduction mod n.
// Variable time: public values only.
func VerifyVarTime(c curve.Curve, pub curve.Point, digest []byte, sig *Signature) error {
	if c != nil && c.ID() == curve.IDStark {
		return verifyStarkVarTime(pub, digest, sig)
	}
	if err := supported(c); err != nil {
		return err
	}
	if pub == nil || pub.Curve().ID() != c.ID() || pub.IsIdentity() {
		return fmt.Errorf("%w: public key is not a non-identity point of %s", ErrInvalidSignature, c.Name())
	}
	if !sig.complete() || sig.R.Curve().ID() != c.ID() || sig.S.Curve().ID() != c.ID() {
		return fmt.Errorf("%w: signature is not a pair of %s scalars", ErrInvalidSignature, c.Name())
	}
	if sig.R.IsZero() || sig.S.IsZero() {
		return fmt.Errorf("%w: r or s is zero", ErrInvalidSignature)
	}
	e := digestScalar(c, digest)
	w := sig.S.Invert()
	u1, u2 := e.Mul(w), sig.R.Mul(w)
	R := c.VarTimeMultiScalarMult([]curve.Scalar{u1, u2}, []curve.Point{c.Generator(), pub})
	if R.IsIdentity() {
		return fmt.Errorf("%w: R is the identity", ErrInvalidSignature)
	}
	enc, err := curve.EncodeSEC1Uncompressed(R)
	if err != nil {
		return fmt.Errorf("%w: %w", ErrInvalidSignature, err)
	}
	x := c.ScalarFromNat(new(saferith.Nat).SetBytes(enc[1 : 1+c.ScalarSize()]))
	if !x.Equal(sig.R) {
		return ErrInvalidSignature
	}
	return nil
}

// VerifyLowSVarTime is VerifyVarTime plus the low-S rule (s <= n/2) of
// Bitcoin (BIP-146) and Ethereum (EIP-2). Variable time: public values
// only.
func VerifyLowSVarTime(c curve.Curve, pub curve.Point, digest []byte, sig *Signature) error {
	if sig.complete() && !sig.IsLowS() {
		return fmt.Errorf("%w: high S", ErrInvalidSignature)
	}
	return VerifyVarTime(c, pub, digest, sig)
}

// digestScalar is SEC 1 v2 section 4.1.3 step 5 for a 256-bit n: the
// leftmost 256 bits of the digest as an integer (all of it if shorter),
// reduced mod n.
func digestScalar(c curve.Curve, digest []byte) curve.Scalar {
	if len(digest) > c.ScalarSize() {
		digest = digest[:c.ScalarSize()]
	}
	return c.ScalarFromNat(new(saferith.Nat).SetBytes(digest))
}
