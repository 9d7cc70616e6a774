package frost

import (
	"crypto/rand"
	"fmt"
	"io"

	"github.com/mosaic-mpc/mosaic/curve"
)

// TrustedDealerKeygen is RFC 9591 Appendix C: a trusted dealer splits a
// group signing key with Shamir's scheme into maxSigners shares, any
// minSigners of which can sign. Participants get identifiers 1..maxSigners;
// the returned key packages are in that order. A nil secret means a fresh
// random key. rand supplies the polynomial coefficients (nil means
// crypto/rand.Reader); a read failure aborts with ErrRandomness.
//
// The dealer learns the group secret; prefer a DKG where that matters.
func TrustedDealerKeygen(suite Ciphersuite, secret curve.Scalar, maxSigners, minSigners int, rand io.Reader) ([]*KeyPackage, *PublicKeyPackage, error) {
	if err := suite.check(); err != nil {
		return nil, nil, err
	}
	if minSigners < 1 || maxSigners < minSigners || maxSigners > MaxSigners {
		return nil, nil, fmt.Errorf("%w: %d-of-%d", ErrInvalidParameters, minSigners, maxSigners)
	}
	rand = orDefault(rand)
	c := suite.Curve()
	coeffs := make([]curve.Scalar, minSigners)
	defer zeroizeAll(coeffs)
	if secret == nil {
		s, err := c.RandomScalar(rand)
		if err != nil {
			return nil, nil, fmt.Errorf("%w: %w", ErrRandomness, err)
		}
		coeffs[0] = s
	} else {
		if err := checkScalar(c, secret, "group secret"); err != nil {
			return nil, nil, err
		}
		if secret.IsZero() {
			return nil, nil, fmt.Errorf("%w: zero group secret", ErrInvalidKey)
		}
		coeffs[0] = cloneScalar(secret)
	}
	for k := 1; k < minSigners; k++ {
		a, err := c.RandomScalar(rand)
		if err != nil {
			return nil, nil, fmt.Errorf("%w: %w", ErrRandomness, err)
		}
		coeffs[k] = a
	}
	return dealFromCoefficients(suite, coeffs, maxSigners)
}

// dealFromCoefficients evaluates f(x) = coeffs[0] + coeffs[1]·x + ... at
// x = 1..maxSigners (RFC 9591 Appendix C, secret_share_shard) and builds the
// key packages; the group key is coeffs[0]·G. Tests call it with the RFC's
// fixed coefficients.
func dealFromCoefficients(suite Ciphersuite, coeffs []curve.Scalar, maxSigners int) ([]*KeyPackage, *PublicKeyPackage, error) {
	c := suite.Curve()
	minSigners := len(coeffs)
	groupKey := c.ScalarBaseMult(coeffs[0])
	kps := make([]*KeyPackage, 0, maxSigners)
	verifying := make(map[Identifier]curve.Point, maxSigners)
	for i := 1; i <= maxSigners; i++ {
		id, err := IdentifierFromUint64(uint64(i))
		if err != nil {
			return nil, nil, err
		}
		share := evalPolynomial(c, coeffs, c.ScalarFromUint64(uint64(i)))
		kp, err := NewKeyPackage(suite, id, share, groupKey, minSigners)
		share.Zeroize()
		if err != nil {
			return nil, nil, err
		}
		kps = append(kps, kp)
		verifying[id] = kp.verifyingShare
	}
	pub, err := NewPublicKeyPackage(suite, groupKey, verifying, minSigners)
	if err != nil {
		return nil, nil, err
	}
	return kps, pub, nil
}

// evalPolynomial evaluates the polynomial with the given coefficients
// (constant first) at x by Horner's rule, in constant time for the
// coefficients.
func evalPolynomial(c curve.Curve, coeffs []curve.Scalar, x curve.Scalar) curve.Scalar {
	acc := c.NewScalar()
	for k := len(coeffs) - 1; k >= 0; k-- {
		t := acc.Mul(x)
		next := t.Add(coeffs[k])
		t.Zeroize()
		acc.Zeroize()
		acc = next
	}
	return acc
}

func zeroizeAll(ss []curve.Scalar) {
	for _, s := range ss {
		if s != nil {
			s.Zeroize()
		}
	}
}

func orDefault(r io.Reader) io.Reader {
	if r == nil {
		return rand.Reader
	}
	return r
}
