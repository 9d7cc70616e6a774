package frost

import (
	"fmt"

	"github.com/mosaic-mpc/mosaic/curve"
)

// signingContext holds the values every signer and the coordinator derive
// from a signing package and the group key (RFC 9591 sections 4.4 to 4.6):
// binding factors, group commitment and challenge. It is computed once per
// call and shared by Sign, VerifySignatureShare and Aggregate, so verifying
// all n shares costs O(n) hashing plus O(n) Lagrange work per share.
type signingContext struct {
	suite  Ciphersuite
	pkg    *SigningPackage
	key    signingKey
	ids    []curve.Scalar // identifiers as scalars, package order
	prefix []byte         // rho_input_prefix of section 4.4
	rho    []curve.Scalar // binding factors, package order
	// groupCommitment is R of section 4.5; for the taproot suite its even-y
	// form, rNegated telling whether it was negated (then every nonce and
	// commitment share is negated too).
	groupCommitment curve.Point
	rNegated        bool
	challenge       curve.Scalar
}

func newSigningContext(suite Ciphersuite, pkg *SigningPackage, key signingKey) (*signingContext, error) {
	c := suite.Curve()
	sc := &signingContext{suite: suite, pkg: pkg, key: key}
	keyEnc := key.enc

	// Section 4.4, compute_binding_factors: the commitment list is encoded
	// once (when the package was built) and hashed once.
	prefix := make([]byte, 0, len(keyEnc)+2*64)
	prefix = append(prefix, keyEnc...)
	prefix = append(prefix, suite.H4(pkg.message)...)
	prefix = append(prefix, suite.H5(pkg.encodedList)...)
	sc.prefix = prefix

	n := len(pkg.commitments)
	sc.ids = make([]curve.Scalar, n)
	sc.rho = make([]curve.Scalar, n)
	hidingSum := c.Identity()
	bindings := make([]curve.Point, n)
	for i, cm := range pkg.commitments {
		id, err := cm.id.Scalar(c)
		if err != nil {
			return nil, err
		}
		sc.ids[i] = id
		sc.rho[i] = suite.h1(prefix, cm.id.Bytes(suite))
		hidingSum = hidingSum.Add(cm.hiding)
		bindings[i] = cm.binding
	}

	// Section 4.5, compute_group_commitment, as one multi-scalar
	// multiplication over public values.
	r := hidingSum.Add(c.VarTimeMultiScalarMult(sc.rho, bindings))
	if r.IsIdentity() {
		return nil, fmt.Errorf("%w: group commitment is the identity", ErrInvalidCommitment)
	}
	sc.groupCommitment = r
	rEnc := r.Bytes()

	// Section 4.6, compute_challenge; the taproot suite hashes x-only R
	// and key as BIP-340 does, after bringing R to even y.
	if suite.IsTaproot() {
		if rEnc[0] == 0x03 {
			sc.groupCommitment, sc.rNegated = r.Negate(), true
		}
		sc.challenge = suite.h2(rEnc[1:], keyEnc[1:], pkg.message)
	} else {
		sc.challenge = suite.h2(rEnc, keyEnc, pkg.message)
	}
	return sc, nil
}

// bindingFactorInput returns rho_input for the signer at index i.
func (sc *signingContext) bindingFactorInput(i int) []byte {
	out := append([]byte{}, sc.prefix...)
	return append(out, sc.pkg.commitments[i].id.Bytes(sc.suite)...)
}

// lambda returns the Lagrange coefficient of the signer at index i over the
// package's signers.
func (sc *signingContext) lambda(i int) (curve.Scalar, error) {
	return lagrangeCoefficient(sc.suite.Curve(), sc.ids, sc.ids[i])
}

// commitmentShare returns D_i + rho_i·E_i of the signer at index i, negated
// when the taproot group commitment was negated. Public values only.
func (sc *signingContext) commitmentShare(i int) curve.Point {
	cm := sc.pkg.commitments[i]
	share := cm.hiding.Add(cm.binding.VarTimeScalarMult(sc.rho[i]))
	if sc.rNegated {
		share = share.Negate()
	}
	return share
}

// verifyShare checks z_i·G == commitment share + (c·λ_i)·PK_i (RFC 9591
// section 5.4, verify_signature_share) for the signer at index i, with the
// taproot negations of the key and of R applied.
func (sc *signingContext) verifyShare(i int, z curve.Scalar, verifyingShare curve.Point) (bool, error) {
	lambda, err := sc.lambda(i)
	if err != nil {
		return false, err
	}
	if sc.key.negated {
		verifyingShare = verifyingShare.Negate()
	}
	rhs := sc.commitmentShare(i).Add(verifyingShare.VarTimeScalarMult(sc.challenge.Mul(lambda)))
	return sc.suite.Curve().ScalarBaseMult(z).Equal(rhs), nil
}

// verifyAggregate checks z·G == R + c·PK for the aggregate z.
func (sc *signingContext) verifyAggregate(z curve.Scalar) bool {
	return verifyEquation(sc.suite.Curve(), z, sc.challenge, sc.key.point, sc.groupCommitment)
}

// verifyEquation checks z·G == r + c·key, the Schnorr verification
// equation. z·G uses the fixed-base table (faster than a generic
// multiplication on both curves); all inputs are public.
func verifyEquation(c curve.Curve, z, chal curve.Scalar, key, r curve.Point) bool {
	return c.ScalarBaseMult(z).Equal(r.Add(key.VarTimeScalarMult(chal)))
}
