package frost

import (
	"fmt"

	"github.com/mosaic-mpc/mosaic/curve"
)

// SignatureShare is a signer's round-two output z_i with its identifier.
// Values come from Sign, NewSignatureShare or DecodeSignatureShare; the zero
// value is invalid. It is immutable.
type SignatureShare struct {
	suite Ciphersuite
	id    Identifier
	z     curve.Scalar
}

// NewSignatureShare validates and assembles a signature share.
func NewSignatureShare(suite Ciphersuite, id Identifier, z curve.Scalar) (*SignatureShare, error) {
	if err := suite.check(); err != nil {
		return nil, err
	}
	if err := id.validFor(suite); err != nil {
		return nil, err
	}
	if err := checkScalar(suite.Curve(), z, "signature share"); err != nil {
		return nil, err
	}
	return &SignatureShare{suite: suite, id: id, z: cloneScalar(z)}, nil
}

// DecodeSignatureShare parses SerializeScalar(id) || SerializeScalar(z_i).
// Both scalars must be canonical (< q, never reduced; SECURITY.md case 23)
// and the identifier non-zero. A receiver must also check that Identifier()
// is the authenticated sender's (Aggregate checks that each share is filed
// under its own identifier).
func DecodeSignatureShare(suite Ciphersuite, b []byte) (*SignatureShare, error) {
	if err := suite.check(); err != nil {
		return nil, err
	}
	c := suite.Curve()
	ns := c.ScalarSize()
	if len(b) != 2*ns {
		return nil, fmt.Errorf("%w: signature share of %d bytes, want %d", ErrInvalidEncoding, len(b), 2*ns)
	}
	id, err := DecodeIdentifier(suite, b[:ns])
	if err != nil {
		return nil, err
	}
	z, err := c.DecodeScalar(b[ns:])
	if err != nil {
		return nil, fmt.Errorf("%w: share of signer %s: %w", ErrInvalidSignatureShare, id, err)
	}
	return &SignatureShare{suite: suite, id: id, z: z}, nil
}

// Suite returns the share's ciphersuite (the invalid zero suite for a nil
// share).
func (s *SignatureShare) Suite() Ciphersuite {
	if s == nil {
		return Ciphersuite{}
	}
	return s.suite
}

// Identifier returns the signer's identifier (the zero Identifier for a nil
// share).
func (s *SignatureShare) Identifier() Identifier {
	if s == nil {
		return Identifier{}
	}
	return s.id
}

// Share returns a copy of the scalar z_i, or nil for a nil or zero
// SignatureShare (one not made by Sign, NewSignatureShare or
// DecodeSignatureShare): an accessor with no error to return, it answers
// "no share" the way a missing scalar reads everywhere in this module.
func (s *SignatureShare) Share() curve.Scalar {
	if !s.valid() {
		return nil
	}
	return cloneScalar(s.z)
}

// Bytes returns SerializeScalar(id) || SerializeScalar(z_i), the form
// DecodeSignatureShare reads, or nil for a nil or zero SignatureShare
// (which has no encoding; DecodeSignatureShare refuses nil).
func (s *SignatureShare) Bytes() []byte {
	if !s.valid() {
		return nil
	}
	return append(s.id.Bytes(s.suite), s.z.Bytes()...)
}

func (s *SignatureShare) valid() bool { return s != nil && s.suite.valid() && s.z != nil }

// Sign is round two of RFC 9591 (section 5.2): it validates the signing
// package against the signer's key and round-one state, then returns the
// signature share
//
//	z_i = d_i + e_i·rho_i + λ_i·sk_i·c
//
// with binding factor rho_i (section 4.4), group commitment R (4.5),
// challenge c (4.6) and Lagrange coefficient λ_i. It refuses a package with
// fewer than MinSigners commitments, without the signer's own identifier,
// or listing commitments for the signer other than its own (SECURITY.md's
// "commitment lists not checked for duplicates or for the signer's own
// entry"; duplicates are refused by NewSigningPackage).
//
// For the taproot suite the share is computed for the even-y group key and
// the even-y R, negating sk_i and the nonces as frost-secp256k1-tr does.
//
// The nonces are consumed and zeroed by every call, successful or not; run
// round one again after an error. A second call with them returns
// ErrNonceReused.
func Sign(suite Ciphersuite, pkg *SigningPackage, nonces *SigningNonces, kp *KeyPackage) (*SignatureShare, error) {
	if err := suite.check(); err != nil {
		return nil, err
	}
	if nonces == nil {
		return nil, fmt.Errorf("%w: no nonces", ErrInvalidParameters)
	}
	if err := nonces.claim(); err != nil {
		return nil, err
	}
	defer nonces.wipe()
	if kp == nil || kp.signingShare == nil || !pkg.valid() {
		return nil, fmt.Errorf("%w: missing key package or signing package", ErrInvalidParameters)
	}
	if kp.suite != suite || pkg.suite != suite || nonces.suite != suite {
		return nil, fmt.Errorf("%w: signing with %s", ErrSuiteMismatch, suite)
	}
	if kp.signingShare.IsZero() {
		return nil, fmt.Errorf("%w: signing share is zero (zeroized key package?)", ErrInvalidKey)
	}
	if len(pkg.commitments) < kp.minSigners {
		return nil, fmt.Errorf("%w: %d < %d", ErrNotEnoughSigners, len(pkg.commitments), kp.minSigners)
	}
	idx, ok := pkg.index(kp.id)
	if !ok {
		return nil, fmt.Errorf("%w: signer %s", ErrMissingCommitment, kp.id)
	}
	if !pkg.commitments[idx].Equal(nonces.commitments) {
		return nil, fmt.Errorf("%w: signer %s", ErrIncorrectCommitment, kp.id)
	}

	sc, err := pkg.context(kp.key)
	if err != nil {
		return nil, err
	}
	lambda, err := sc.lambda(idx)
	if err != nil {
		return nil, err
	}
	z := computeShare(sc, idx, nonces, kp.signingShare, lambda)
	return &SignatureShare{suite: suite, id: kp.id, z: z}, nil
}

// computeShare returns d + e·rho + λ·sk·c with the taproot negations: sk is
// negated when the group key has odd y, d and e when R has odd y. Secret
// temporaries are zeroed.
func computeShare(sc *signingContext, idx int, nonces *SigningNonces, share, lambda curve.Scalar) curve.Scalar {
	d, e := nonces.hiding, nonces.binding
	var tmp []curve.Scalar
	if sc.rNegated {
		d, e = d.Negate(), e.Negate()
		tmp = append(tmp, d, e)
	}
	sk := share
	if sc.key.negated {
		sk = sk.Negate()
		tmp = append(tmp, sk)
	}
	eRho := e.Mul(sc.rho[idx])
	lsk := lambda.Mul(sk)
	lskc := lsk.Mul(sc.challenge)
	z := d.Add(eRho).Add(lskc)
	tmp = append(tmp, eRho, lsk, lskc)
	zeroizeAll(tmp)
	return z
}

// VerifySignatureShare is RFC 9591 section 5.4's verify_signature_share: it
// checks share against the signer's verifying share from pub and the
// signing package. A share that fails returns a *CheatersError naming its
// signer.
func VerifySignatureShare(suite Ciphersuite, pkg *SigningPackage, share *SignatureShare, pub *PublicKeyPackage) error {
	if err := suite.check(); err != nil {
		return err
	}
	if !pkg.valid() || !share.valid() || pub == nil {
		return fmt.Errorf("%w: missing signing package, share or public key package", ErrInvalidParameters)
	}
	if pkg.suite != suite || share.suite != suite || pub.suite != suite {
		return fmt.Errorf("%w: verifying with %s", ErrSuiteMismatch, suite)
	}
	idx, ok := pkg.index(share.id)
	if !ok {
		return fmt.Errorf("%w: share from %s, who did not commit", ErrUnknownIdentifier, share.id)
	}
	vs, ok := pub.verifyingShares[share.id]
	if !ok {
		return fmt.Errorf("%w: no verifying share for %s", ErrUnknownIdentifier, share.id)
	}
	sc, err := pkg.context(pub.key)
	if err != nil {
		return err
	}
	good, err := sc.verifyShare(idx, share.z, vs)
	if err != nil {
		return err
	}
	if !good {
		return &CheatersError{Identifiers: []Identifier{share.id}}
	}
	return nil
}
