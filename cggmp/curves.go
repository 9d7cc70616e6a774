package cggmp

import (
	"errors"
	"fmt"

	"github.com/cronokirby/saferith"
	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/mosaic-mpc/mosaic/ecdsa"
	"github.com/mosaic-mpc/mosaic/hd"
)

// The curves CGGMP21 signs on, and what each chain asks of an ECDSA
// signature beyond SEC 1 (doc.go, "Curves", says why). Everything in this
// file reads public values only (digests, nonce points, signatures) and may
// run in variable time.

// Errors of the per-curve rules.
var (
	// ErrCurve: the key, point or signature is not on a curve this
	// package signs ECDSA on.
	ErrCurve = errors.New("cggmp: ECDSA is signed on secp256k1, P-256 and the Stark curve only")
	// ErrDerivationCurve: a derivation path was given for a Stark key,
	// which has no standard non-hardened derivation (BIP-32 is defined on
	// secp256k1, SLIP-10 on P-256). An explicit PresignConfig.Tweak still
	// works.
	ErrDerivationCurve = errors.New("cggmp: derivation paths are supported for secp256k1 (BIP-32) and P-256 (SLIP-10) keys only")
	// ErrNonceRange: the nonce point of this digest gives an r the curve's
	// rules refuse: x(R) ≡ 0 mod n on any curve, or, on the Stark curve,
	// x(R) >= 2^251 (probability about 2^-55). The presignature is not
	// consumed and may sign another digest; sign this one with a fresh
	// presignature.
	ErrNonceRange = errors.New("cggmp: nonce point gives an r out of range; sign with a fresh presignature")
	// ErrStarkMessageHash: a Stark digest that is not a Starknet message
	// hash, an integer in [1, 2^251) written as 32 bytes big-endian.
	ErrStarkMessageHash = errors.New("cggmp: Stark message hash must be in [1, 2^251)")
)

// starkBits is Starknet's N_ELEMENT_BITS_ECDSA: r, w = s⁻¹ mod n and the
// message hash of a Stark signature are below 2^251 (n is slightly above).
const starkBits = 251

// deriveTweak is the additive tweak of a non-hardened path from the group
// key and chain code: BIP-32 CKDpub on secp256k1 (hd.DeriveTweak), SLIP-10
// CKDpub on P-256 (hd.DeriveTweakP256); other curves are refused earlier
// (checkRunInputs, ErrDerivationCurve).
func deriveTweak(pub curve.Point, chainCode []byte, path hd.Path) (curve.Scalar, error) {
	var t curve.Scalar
	var err error
	switch pub.Curve().ID() {
	case curve.IDSecp256k1:
		t, _, _, err = hd.DeriveTweak(pub, chainCode, path)
	case curve.IDP256:
		t, _, _, err = hd.DeriveTweakP256(pub, chainCode, path)
	default:
		err = fmt.Errorf("%w: key on %s", ErrDerivationCurve, pub.Curve().Name())
	}
	return t, err
}

// CheckCurve returns nil if this package signs ECDSA on c (secp256k1,
// P-256, the Stark curve) and an error wrapping ErrCurve otherwise, for
// callers that validate a configuration before any run.
func CheckCurve(c curve.Curve) error { return checkECDSACurve(c) }

// checkECDSACurve returns nil if c is a curve this package signs on.
func checkECDSACurve(c curve.Curve) error {
	if c == nil {
		return fmt.Errorf("%w: nil curve", ErrCurve)
	}
	switch c.ID() {
	case curve.IDSecp256k1, curve.IDP256, curve.IDStark:
		return nil
	}
	return fmt.Errorf("%w: not %s", ErrCurve, c.Name())
}

// isStark reports whether c is the Stark curve, whose signatures follow
// Starknet's rules instead of SEC 1's.
func isStark(c curve.Curve) bool {
	return c != nil && c.ID() == curve.IDStark
}

// lowS reports whether the curve's signatures are normalised to s <= n/2:
// secp256k1 for Bitcoin (BIP-146) and Ethereum (EIP-2); P-256 because
// some of its chains (Sui's secp256r1 accounts among them) refuse high S
// while crypto/ecdsa, WebAuthn and the KMSs accept either. Starknet has no
// such rule (its verifier accepts s and −s alike); its signatures are
// normalised to s⁻¹ < 2^251 instead (finishSignature).
func lowS(c curve.Curve) bool {
	return c.ID() == curve.IDSecp256k1 || c.ID() == curve.IDP256
}

// belowStarkBound reports whether the big-endian b is below 2^251.
func belowStarkBound(b []byte) bool {
	n := new(saferith.Nat).SetBytes(b)
	return n.TrueLen() <= starkBits
}

// digestScalarOn maps a 32-byte digest to e = digest mod n (SEC 1 v2,
// section 4.1.3 step 5, for a 256-bit hash and a 256-bit n). On the Stark
// curve the digest is Starknet's message hash, which must be in
// [1, 2^251) (ErrStarkMessageHash): it is then below n, so e is the hash
// itself, as Starknet's verifier uses it.
func digestScalarOn(c curve.Curve, digest []byte) (curve.Scalar, error) {
	if len(digest) != 32 {
		return nil, fmt.Errorf("%w: got %d", ErrDigestLength, len(digest))
	}
	if err := checkECDSACurve(c); err != nil {
		return nil, err
	}
	e := c.ScalarFromNat(new(saferith.Nat).SetBytes(digest))
	if isStark(c) && (!belowStarkBound(digest) || e.IsZero()) {
		return nil, fmt.Errorf("%w: %x", ErrStarkMessageHash, digest)
	}
	return e, nil
}

// nonceScalarVarTime returns r = x(R) mod n for a nonce point R and the
// recovery id of R (bit 0: y(R) odd; bit 1: x(R) >= n), the SEC 1 v2
// section 4.1.3 step 4 conversion and the section 4.1.6 hint. It refuses
// the identity and r = 0 with ErrNonceRange, and on the Stark curve any
// x(R) >= 2^251: Starknet takes r = x(R) without reduction and requires
// r < 2^251 (below n, so bit 1 is never set there). Variable time: R is
// public.
func nonceScalarVarTime(R curve.Point) (curve.Scalar, byte, error) {
	if R == nil {
		return nil, 0, fmt.Errorf("%w: no nonce point", ErrNonceRange)
	}
	c := R.Curve()
	if err := checkECDSACurve(c); err != nil {
		return nil, 0, err
	}
	if R.IsIdentity() {
		return nil, 0, fmt.Errorf("%w: R is the identity", ErrNonceRange)
	}
	// Every curve here encodes a point as 0x02 or 0x03 (y even or odd)
	// followed by x, big-endian: SEC 1 v2 section 2.3.3 with compression.
	enc := R.Bytes()
	var recid byte
	if enc[0] == 0x03 {
		recid |= 1
	}
	if isStark(c) && !belowStarkBound(enc[1:]) {
		return nil, 0, fmt.Errorf("%w: Stark x(R) >= 2^251", ErrNonceRange)
	}
	x := new(saferith.Nat).SetBytes(enc[1:])
	if _, _, below := x.CmpMod(c.Order()); below != 1 {
		recid |= 2
	}
	r := c.ScalarFromNat(x)
	if r.IsZero() {
		return nil, 0, fmt.Errorf("%w: x(R) ≡ 0 mod n", ErrNonceRange)
	}
	return r, recid, nil
}

// finishSignature applies the curve's normal form to (r, s). On the low-S
// curves it negates a high s. On the Stark curve it negates s when
// w = s⁻¹ mod n is not below 2^251, which Starknet's verifier requires:
// (r, −s) verifies there whenever (r, s) does (w·(z·G + r·Q) and its
// negation share x), and n − w < 2^251 when w is not. Negating s is
// negating R, so the y-parity bit of the recovery id flips with it.
func finishSignature(r, s curve.Scalar, recid byte) *Signature {
	c := s.Curve()
	switch {
	case lowS(c):
		return normalize(r, s, recid)
	case isStark(c) && !belowStarkBound(s.Invert().Bytes()):
		return &Signature{R: r, S: s.Negate(), RecoveryID: recid ^ 1}
	}
	return &Signature{R: r, S: s, RecoveryID: recid}
}

// VerifyChainForm checks sig on digest under pub in the form Combine
// gives it and the curve's chain requires: VerifyLowS on secp256k1 and
// P-256, Verify on the Stark curve (whose verifier applies Starknet's
// range rules, its normal form). It is the check Combine runs before
// returning a signature, for code that receives signatures of any of the
// curves. Variable time: public values.
func VerifyChainForm(pub curve.Point, digest []byte, sig *Signature) error {
	if pub != nil && pub.Curve() != nil && lowS(pub.Curve()) {
		return VerifyLowS(pub, digest, sig)
	}
	return Verify(pub, digest, sig)
}

// publicECDSA converts sig for package ecdsa's verifier.
func (sig *Signature) publicECDSA() *ecdsa.Signature {
	return &ecdsa.Signature{R: sig.R, S: sig.S}
}
