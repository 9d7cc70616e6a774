package frost

import (
	"fmt"

	"github.com/mosaic-mpc/mosaic/curve"
)

// Aggregate is RFC 9591 section 5.3: it sums the signature shares into the
// signature (R, z), verifies it under the group key and returns its
// encoding (see Verify). shares maps each signer of the package to its
// share; the set of keys must equal the package's signers, and each share
// must carry the identifier it is filed under.
//
// When the aggregate does not verify, every share is checked (section 5.4)
// and a *CheatersError naming every signer whose share is invalid is
// returned. The group key and verifying shares come from pub, the
// coordinator's stored group info, never from the signers.
func Aggregate(suite Ciphersuite, pkg *SigningPackage, shares map[Identifier]*SignatureShare, pub *PublicKeyPackage) ([]byte, error) {
	if err := suite.check(); err != nil {
		return nil, err
	}
	if !pkg.valid() || pub == nil {
		return nil, fmt.Errorf("%w: missing signing package or public key package", ErrInvalidParameters)
	}
	if pkg.suite != suite || pub.suite != suite {
		return nil, fmt.Errorf("%w: aggregating with %s", ErrSuiteMismatch, suite)
	}
	if len(pkg.commitments) < pub.minSigners {
		return nil, fmt.Errorf("%w: %d < %d", ErrNotEnoughSigners, len(pkg.commitments), pub.minSigners)
	}
	for _, cm := range pkg.commitments {
		if _, ok := pub.verifyingShares[cm.id]; !ok {
			return nil, fmt.Errorf("%w: signer %s is not in the key set", ErrUnknownIdentifier, cm.id)
		}
	}
	zs := make([]curve.Scalar, len(pkg.commitments))
	for i, cm := range pkg.commitments {
		sh, ok := shares[cm.id]
		if !ok || sh == nil {
			return nil, fmt.Errorf("%w: from signer %s", ErrMissingShare, cm.id)
		}
		if !sh.valid() || sh.suite != suite || sh.id != cm.id {
			return nil, &CheatersError{Identifiers: []Identifier{cm.id}}
		}
		zs[i] = sh.z
	}
	if len(shares) != len(pkg.commitments) {
		for id := range shares {
			if _, ok := pkg.index(id); !ok {
				return nil, fmt.Errorf("%w: share from %s, who did not commit", ErrUnknownIdentifier, id)
			}
		}
	}

	sc, err := pkg.context(pub.key)
	if err != nil {
		return nil, err
	}
	z := suite.Curve().NewScalar()
	for _, zi := range zs {
		z = z.Add(zi)
	}
	if sc.verifyAggregate(z) {
		return encodeSignature(suite, sc.groupCommitment, z), nil
	}

	// Identifiable abort: check every share, so that all cheaters are named,
	// not only the first.
	var cheaters []Identifier
	for i, cm := range pkg.commitments {
		good, err := sc.verifyShare(i, zs[i], pub.verifyingShares[cm.id])
		if err != nil {
			return nil, err
		}
		if !good {
			cheaters = append(cheaters, cm.id)
		}
	}
	if len(cheaters) > 0 {
		return nil, &CheatersError{Identifiers: cheaters}
	}
	// Every share is valid yet the sum is not: the verifying shares do not
	// match the group key.
	return nil, fmt.Errorf("%w: all shares verify but the aggregate does not; public key package inconsistent", ErrInvalidSignature)
}

// encodeSignature is RFC 9591 Appendix B (SerializeElement(R) ||
// SerializeScalar(z)), or BIP-340's bytes(R) || bytes(z) for the taproot
// suite, whose R already has even y.
func encodeSignature(suite Ciphersuite, r curve.Point, z curve.Scalar) []byte {
	rb := r.Bytes()
	if suite.IsTaproot() {
		rb = rb[1:]
	}
	return append(rb, z.Bytes()...)
}
