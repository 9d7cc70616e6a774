package ecdsa

import (
	"errors"
	"fmt"

	"github.com/mosaic-mpc/mosaic/curve"
)

// Errors of decoding and verification. Each is wrapped with detail; test
// with errors.Is.
var (
	// ErrUnsupportedCurve: ECDSA is defined here for secp256k1 and P-256.
	ErrUnsupportedCurve = errors.New("ecdsa: curve not supported (secp256k1 or P-256)")
	// ErrEncoding: a DER or P1363 signature that is not the one canonical
	// encoding of an (r, s) with r, s in [1, n).
	ErrEncoding = errors.New("ecdsa: invalid signature encoding")
	// ErrInvalidSignature: a well-formed signature that does not verify, or
	// a public key or signature unusable for verification.
	ErrInvalidSignature = errors.New("ecdsa: invalid signature")
)

// Signature is an ECDSA signature (r, s) on one curve, both scalars in
// [1, n) when produced by this package's decoders.
type Signature struct {
	R, S curve.Scalar
}

// supported returns c if ECDSA is defined for it here.
func supported(c curve.Curve) error {
	if c == nil {
		return fmt.Errorf("%w: nil curve", ErrUnsupportedCurve)
	}
	switch c.ID() {
	case curve.IDSecp256k1, curve.IDP256:
		return nil
	}
	return fmt.Errorf("%w: %s", ErrUnsupportedCurve, c.Name())
}

// complete reports whether sig has both scalars, so encoders return nil
// rather than panic on a nil or zero Signature.
func (sig *Signature) complete() bool {
	return sig != nil && sig.R != nil && sig.S != nil
}

// P1363 returns r || s, each ScalarSize bytes big-endian (IEEE 1363
// section 10.2.3's signature representation, as used by JOSE, WebAuthn's
// raw form and crypto.subtle): 64 bytes on both curves. It returns nil for
// a nil or incomplete Signature.
func (sig *Signature) P1363() []byte {
	if !sig.complete() {
		return nil
	}
	return append(sig.R.Bytes(), sig.S.Bytes()...)
}

// ParseP1363 decodes r || s for curve c: exactly 2·ScalarSize bytes, with
// r and s in [1, n). Shorter or longer forms (some libraries strip or pad
// leading zeros) are refused, not repaired.
func ParseP1363(c curve.Curve, b []byte) (*Signature, error) {
	if err := supported(c); err != nil {
		return nil, err
	}
	size := c.ScalarSize()
	if len(b) != 2*size {
		return nil, fmt.Errorf("%w: P1363 signature of %d bytes, want %d", ErrEncoding, len(b), 2*size)
	}
	r, err := decodeNonZero(c, b[:size], "r")
	if err != nil {
		return nil, err
	}
	s, err := decodeNonZero(c, b[size:], "s")
	if err != nil {
		return nil, err
	}
	return &Signature{R: r, S: s}, nil
}

// decodeNonZero decodes a fixed-width scalar in [1, n).
func decodeNonZero(c curve.Curve, b []byte, name string) (curve.Scalar, error) {
	v, err := c.DecodeScalar(b)
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %w", ErrEncoding, name, err)
	}
	if v.IsZero() {
		return nil, fmt.Errorf("%w: %s is zero", ErrEncoding, name)
	}
	return v, nil
}

// IsLowS reports whether s <= n/2, the form Bitcoin (BIP-146) and Ethereum
// (EIP-2) require. s is public; the comparison is variable time.
func (sig *Signature) IsLowS() bool {
	if !sig.complete() {
		return false
	}
	// s > n/2  <=>  n - s < s as integers in [0, n)
	_, _, negLess := sig.S.Negate().Nat().Cmp(sig.S.Nat())
	return negLess != 1
}
