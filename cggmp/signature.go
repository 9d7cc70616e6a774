package cggmp

import (
	"errors"
	"fmt"

	"github.com/cronokirby/saferith"
	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/mosaic-mpc/mosaic/ecdsa"
)

// Signature is an ECDSA signature on secp256k1, P-256 or the Stark curve,
// with the recovery id that lets a verifier recover the public key from
// the digest and signature. Its curve is that of R and S. Combine makes it
// in the chain's form: low S (BIP-62, Ethereum's EIP-2) on secp256k1 and
// P-256, Starknet's ranges on the Stark curve (doc.go, "Curves").
type Signature struct {
	// R and S are the ECDSA values r and s, both in [1, n); signatures
	// from Combine have s <= n/2.
	R, S curve.Scalar
	// RecoveryID is bit 0: y(R) odd; bit 1: x(R) >= n (practically never).
	RecoveryID byte
}

// Errors of ECDSA verification and decoding.
var (
	ErrInvalidSignature = errors.New("cggmp: invalid ECDSA signature")
	ErrDigestLength     = errors.New("cggmp: digest must be 32 bytes")
)

// isHigh reports whether s > n/2, the high-S half that BIP-146 and EIP-2
// refuse (s is a public signature value).
func isHigh(s curve.Scalar) bool {
	// s > n/2  <=>  n - s < s, i.e. -s < s as integers in [0, n)
	neg := s.Negate().Nat()
	_, _, lt := neg.Cmp(s.Nat())
	return lt == 1
}

// normalize returns the low-S form of (r, s) with the recovery id adjusted:
// negating s corresponds to negating R, which flips y's parity.
func normalize(r, s curve.Scalar, recid byte) *Signature {
	if isHigh(s) {
		return &Signature{R: r, S: s.Negate(), RecoveryID: recid ^ 1}
	}
	return &Signature{R: r, S: s, RecoveryID: recid}
}

// Bytes returns r || s, 64 bytes on every supported curve, or nil for a nil Signature or one
// without R or S (as Ethereum and DER do).
func (sig *Signature) Bytes() []byte {
	if !sig.complete() {
		return nil
	}
	return append(sig.R.Bytes(), sig.S.Bytes()...)
}

// publicRecord is what the signers of a run with identities confirm
// before a machine returns the signature (transport.FinishConfirmed):
// r || s || recovery id, 65 bytes.
func (sig *Signature) publicRecord() []byte {
	return append(sig.Bytes(), sig.RecoveryID)
}

// complete reports whether sig is non-nil and has both R and S, so that the
// encoders return nil instead of panicking on a nil or zero Signature.
func (sig *Signature) complete() bool {
	return sig != nil && sig.R != nil && sig.S != nil
}

// Ethereum returns r || s || v, 65 bytes, with v = 27 + recovery id: the
// encoding of eth_sign, personal_sign (EIP-191), EIP-712 signatures and
// the ecrecover precompile. Ethereum writes v in three ways, so for a
// transaction field take v from the method that names the convention:
// YParity (0 or 1) for typed transactions (EIP-2718 envelopes such as
// EIP-1559's), EcrecoverV (27 or 28) for ecrecover and legacy transactions
// without a chain id, EIP155V(chainID) (chainID·2 + 35 or 36) for legacy
// transactions with EIP-155 replay protection. Those three refuse a
// recovery id of 2 or 3 (x(R) at least the group order, probability about
// 2^-127), which Ethereum cannot carry; Ethereum does not check, and would
// write v = 29 or 30, which ecrecover rejects. It returns nil for a nil
// Signature, one without R or S, and one not on secp256k1.
func (sig *Signature) Ethereum() []byte {
	if !sig.complete() || sig.R.Curve().ID() != curve.IDSecp256k1 {
		return nil
	}
	return append(sig.Bytes(), 27+sig.RecoveryID)
}

// DER returns the ASN.1 DER encoding SEQUENCE { r INTEGER, s INTEGER } used
// by Bitcoin scripts (without the sighash byte) and X.509, or nil for a nil
// Signature or one without R or S.
func (sig *Signature) DER() []byte {
	if !sig.complete() {
		return nil
	}
	r, s := derInt(sig.R.Bytes()), derInt(sig.S.Bytes())
	body := append(append([]byte{0x02, byte(len(r))}, r...), append([]byte{0x02, byte(len(s))}, s...)...)
	return append([]byte{0x30, byte(len(body))}, body...)
}

// derInt is the minimal big-endian two's-complement body of a positive
// integer: leading zeros removed, one zero added when the top bit is set.
func derInt(b []byte) []byte {
	for len(b) > 1 && b[0] == 0 {
		b = b[1:]
	}
	if b[0]&0x80 != 0 {
		b = append([]byte{0}, b...)
	}
	return b
}

// ParseSignature decodes a secp256k1 signature r || s (64 bytes),
// rejecting r or s equal to zero or not below n. The recovery id is not
// part of this encoding. ParseSignatureOn reads the other curves.
func ParseSignature(b []byte) (*Signature, error) {
	return ParseSignatureOn(curve.Secp256k1(), b)
}

// ParseSignatureOn decodes r || s on curve c, 2·ScalarSize bytes (64 on
// every curve here), rejecting r or s equal to zero or not below n, and on
// the Stark curve also r >= 2^251 (package ecdsa's ParseStarkSignature).
// The recovery id is not part of this encoding.
func ParseSignatureOn(c curve.Curve, b []byte) (*Signature, error) {
	if err := checkECDSACurve(c); err != nil {
		return nil, err
	}
	if isStark(c) {
		sig, err := ecdsa.ParseStarkSignature(b)
		if err != nil {
			return nil, fmt.Errorf("%w: %w", ErrInvalidSignature, err)
		}
		return &Signature{R: sig.R, S: sig.S}, nil
	}
	size := c.ScalarSize()
	if len(b) != 2*size {
		return nil, fmt.Errorf("%w: %d bytes", ErrInvalidSignature, len(b))
	}
	r, err := c.DecodeScalar(b[:size])
	if err != nil {
		return nil, fmt.Errorf("%w: r: %w", ErrInvalidSignature, err)
	}
	s, err := c.DecodeScalar(b[size:])
	if err != nil {
		return nil, fmt.Errorf("%w: s: %w", ErrInvalidSignature, err)
	}
	if r.IsZero() || s.IsZero() {
		return nil, fmt.Errorf("%w: zero r or s", ErrInvalidSignature)
	}
	return &Signature{R: r, S: s}, nil
}

// Verify checks an ECDSA signature on a 32-byte digest under pub, on
// pub's curve, with package ecdsa's verifier: on secp256k1 and P-256 SEC 1
// v2 section 4.1.4 (r and s in [1, n), R not the identity, x(R) mod n =
// r); on the Stark curve Starknet's rules (the digest is the message hash
// z < 2^251; 1 <= r < 2^251, 1 <= s⁻¹ < 2^251, x(R) = r without
// reduction: package ecdsa's stark.go). High-S signatures verify (as in
// SEC 1, crypto/ecdsa and Starknet); use VerifyLowS to also require low S
// on secp256k1 and P-256. Variable time: public values.
func Verify(pub curve.Point, digest []byte, sig *Signature) error {
	if pub == nil || pub.IsIdentity() {
		return fmt.Errorf("%w: bad public key", ErrInvalidSignature)
	}
	c := pub.Curve()
	if err := checkECDSACurve(c); err != nil {
		return fmt.Errorf("%w: %w", ErrInvalidSignature, err)
	}
	if !sig.complete() || sig.R.IsZero() || sig.S.IsZero() {
		return fmt.Errorf("%w: zero r or s", ErrInvalidSignature)
	}
	if len(digest) != 32 {
		return fmt.Errorf("%w: got %d", ErrDigestLength, len(digest))
	}
	if err := ecdsa.VerifyVarTime(c, pub, digest, sig.publicECDSA()); err != nil {
		return fmt.Errorf("%w: %w", ErrInvalidSignature, err)
	}
	return nil
}

// VerifyLowS is Verify plus the low-S rule (s <= n/2) of Bitcoin
// (BIP-146) and Ethereum (EIP-2), which Combine also applies on P-256.
// Stark signatures are not low-S (Starknet has no such rule; doc.go,
// "Curves"): check them with Verify.
func VerifyLowS(pub curve.Point, digest []byte, sig *Signature) error {
	if sig != nil && sig.S != nil && isHigh(sig.S) {
		return fmt.Errorf("%w: high S", ErrInvalidSignature)
	}
	return Verify(pub, digest, sig)
}

// RecoverPublicKey returns the public key that makes sig valid on digest,
// using sig.RecoveryID (SEC 1 v2, section 4.1.6), on the curve of sig's
// scalars. On the Stark curve the digest must be a message hash in
// [1, 2^251) (ErrStarkMessageHash). Variable time: public values.
func RecoverPublicKey(digest []byte, sig *Signature) (curve.Point, error) {
	if !sig.complete() || sig.R.IsZero() || sig.S.IsZero() || sig.RecoveryID > 3 {
		return nil, ErrInvalidSignature
	}
	c := sig.R.Curve()
	if sig.S.Curve().ID() != c.ID() {
		return nil, fmt.Errorf("%w: r and s on different curves", ErrInvalidSignature)
	}
	e, err := digestScalarOn(c, digest)
	if err != nil {
		return nil, err
	}
	size := c.ScalarSize()
	xb := sig.R.Bytes()
	if sig.RecoveryID&2 != 0 {
		// x(R) = r + n; it must still be below p, which DecodePoint
		// checks.
		xNat := new(saferith.Nat).Add(new(saferith.Nat).SetBytes(xb), c.Order().Nat(), 8*size+8)
		b := xNat.Bytes()
		if len(b) > size && b[0] != 0 {
			return nil, ErrInvalidSignature
		}
		xb = b[len(b)-size:]
	}
	prefix := byte(0x02) | (sig.RecoveryID & 1)
	R, err := c.DecodePoint(append([]byte{prefix}, xb...), false)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrInvalidSignature, err)
	}
	rInv := sig.R.Invert()
	// Q = r^-1 (s·R - e·G)
	q := c.VarTimeMultiScalarMult([]curve.Scalar{sig.S.Mul(rInv), e.Mul(rInv).Negate()}, []curve.Point{R, c.Generator()})
	if q.IsIdentity() {
		return nil, ErrInvalidSignature
	}
	return q, nil
}
