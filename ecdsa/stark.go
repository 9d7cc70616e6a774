package ecdsa

import (
	"errors"
	"fmt"

	"github.com/mosaic-mpc/mosaic/curve"
)

// Starknet's ECDSA (StarkWare's starkex-resources,
// crypto/starkware/crypto/signature/signature.py, functions sign and
// verify) is ECDSA on the Stark curve with four departures from SEC 1,
// all about ranges and the form of the key:
//
//  1. The message is not hashed by the signature scheme: the signer signs
//     a field element z, the hash of a transaction that Starknet computes
//     with its own Pedersen or Poseidon hash, and 1 <= z < 2^251.
//     signature.py states 0 <= z, but its verify then multiplies G by z
//     the way the Cairo AIR does, which asserts 0 < z, so z = 0 never
//     verifies there; it is refused here too.
//  2. r is x(R) itself, not x(R) mod n, and 1 <= r < 2^251.
//  3. 1 <= s < n, and w = s⁻¹ mod n must satisfy 1 <= w < 2^251.
//  4. A public key is often given as its x-coordinate alone; the verifier
//     then accepts a signature valid under either of the two points with
//     that x.
//
// The check is x(w·(z·G + r·Q)) = r, with no reduction mod n. These rules
// exist because the Cairo verifier multiplies by r, w and z as 251-bit
// numbers. An honest signer meets them except with probability about
// 2^-55 per signature (r or w in [2^251, p) or [2^251, n)) and must then
// sign again with a fresh nonce: a threshold signer must check its output
// with [CheckStarkRanges] before releasing it.
//
// Like SEC 1 signatures, Starknet's are malleable: (r, n − s) verifies
// whenever (r, s) does and n − s⁻¹ < 2^251, which holds unless s⁻¹ is
// at most n − 2^251 (about 2^196). Starknet has no low-S rule.
//
// signature.py's verifier also fails in the corner cases where its
// fixed-sequence point additions (which start from a "shift point") would
// add two points with equal x; such inputs need a discrete-logarithm
// relation to the shift point, so this verifier, which uses complete
// formulas, does not reproduce them.

// ErrStarkRange: a message hash, r, s or s⁻¹ outside the ranges Starknet's
// verifier accepts. It is returned together with ErrInvalidSignature or
// ErrEncoding.
var ErrStarkRange = errors.New("ecdsa: value outside Starknet's signature ranges")

// isZero reports whether every byte of b is zero. Public values only.
func isZero(b []byte) bool {
	for _, v := range b {
		if v != 0 {
			return false
		}
	}
	return true
}

// below2to251 reports whether a 32-byte big-endian value is below 2^251
// (its top five bits are zero). Public values only.
func below2to251(b []byte) bool { return len(b) == 32 && b[0] < 0x08 }

// CheckStarkRanges applies Starknet's range rules to a message hash and a
// signature on the Stark curve: msgHash is exactly 32 bytes big-endian
// with 1 <= z < 2^251; 1 <= r < 2^251; 1 <= s < n; and w = s⁻¹ mod n with
// 1 <= w < 2^251. It is the check a signer runs on its output and the
// first step of VerifyVarTime on the Stark curve. Variable time: public
// values only.
func CheckStarkRanges(msgHash []byte, sig *Signature) error {
	if len(msgHash) != 32 {
		return fmt.Errorf("%w: %w: message hash of %d bytes, want 32", ErrInvalidSignature, ErrStarkRange, len(msgHash))
	}
	if !below2to251(msgHash) {
		return fmt.Errorf("%w: %w: message hash >= 2^251", ErrInvalidSignature, ErrStarkRange)
	}
	if isZero(msgHash) {
		return fmt.Errorf("%w: %w: message hash is zero", ErrInvalidSignature, ErrStarkRange)
	}
	if !sig.complete() || sig.R.Curve().ID() != curve.IDStark || sig.S.Curve().ID() != curve.IDStark {
		return fmt.Errorf("%w: signature is not a pair of stark scalars", ErrInvalidSignature)
	}
	if sig.R.IsZero() || !below2to251(sig.R.Bytes()) {
		return fmt.Errorf("%w: %w: r not in [1, 2^251)", ErrInvalidSignature, ErrStarkRange)
	}
	if sig.S.IsZero() {
		return fmt.Errorf("%w: %w: s is zero", ErrInvalidSignature, ErrStarkRange)
	}
	if !below2to251(sig.S.Invert().Bytes()) {
		return fmt.Errorf("%w: %w: s⁻¹ >= 2^251", ErrInvalidSignature, ErrStarkRange)
	}
	return nil
}

// ParseStarkSignature decodes r || s, 32 bytes each big-endian (a Starknet
// signature is the two field elements r and s), with 1 <= r < 2^251 and 1 <= s < n. The rule on s⁻¹ needs the inverse
// and is left to CheckStarkRanges and VerifyVarTime.
func ParseStarkSignature(b []byte) (*Signature, error) {
	c := curve.Stark()
	if len(b) != 64 {
		return nil, fmt.Errorf("%w: stark signature of %d bytes, want 64", ErrEncoding, len(b))
	}
	if !below2to251(b[:32]) {
		return nil, fmt.Errorf("%w: %w: r >= 2^251", ErrEncoding, ErrStarkRange)
	}
	r, err := decodeNonZero(c, b[:32], "r")
	if err != nil {
		return nil, err
	}
	s, err := decodeNonZero(c, b[32:], "s")
	if err != nil {
		return nil, err
	}
	return &Signature{R: r, S: s}, nil
}

// verifyStarkVarTime is VerifyVarTime on the Stark curve: the range rules,
// then x(w·(z·G + r·Q)) = r as integers. Variable time: public values
// only.
func verifyStarkVarTime(pub curve.Point, msgHash []byte, sig *Signature) error {
	c := curve.Stark()
	if pub == nil || pub.Curve().ID() != curve.IDStark || pub.IsIdentity() {
		return fmt.Errorf("%w: public key is not a non-identity point of the stark curve", ErrInvalidSignature)
	}
	if err := CheckStarkRanges(msgHash, sig); err != nil {
		return err
	}
	z, err := c.DecodeScalar(msgHash) // z < 2^251 < n
	if err != nil {
		return fmt.Errorf("%w: %w", ErrInvalidSignature, err) // unreachable after CheckStarkRanges
	}
	w := sig.S.Invert()
	R := c.VarTimeMultiScalarMult([]curve.Scalar{z.Mul(w), sig.R.Mul(w)}, []curve.Point{c.Generator(), pub})
	if R.IsIdentity() {
		return fmt.Errorf("%w: R is the identity", ErrInvalidSignature)
	}
	// R.Bytes() is prefix || x with x < p; r < 2^251 < p, so comparing the
	// 32-byte encodings compares the integers, with no reduction mod n.
	enc := R.Bytes()
	r := sig.R.Bytes()
	for i := range r {
		if enc[1+i] != r[i] {
			return ErrInvalidSignature
		}
	}
	return nil
}

// VerifyStarkXVarTime verifies a Starknet signature under a public key
// given, as Starknet gives it, by its x-coordinate alone (32 bytes
// big-endian, x < p): it accepts if the signature verifies under either
// point with that x, as signature.py's verify does. Variable time: public
// values only.
func VerifyStarkXVarTime(pubX, msgHash []byte, sig *Signature) error {
	if len(pubX) != 32 {
		return fmt.Errorf("%w: stark public key x of %d bytes, want 32", ErrInvalidSignature, len(pubX))
	}
	pub, err := curve.Stark().DecodePoint(append([]byte{0x02}, pubX...), false)
	if err != nil {
		return fmt.Errorf("%w: public key: %w", ErrInvalidSignature, err)
	}
	err = verifyStarkVarTime(pub, msgHash, sig)
	if err == nil || errors.Is(err, ErrStarkRange) {
		return err
	}
	return verifyStarkVarTime(pub.Negate(), msgHash, sig)
}
