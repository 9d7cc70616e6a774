package frost

import (
	"fmt"
	"slices"

	"github.com/mosaic-mpc/mosaic/curve"
)

// MaxSigners bounds the number of participants of one key and of one
// signing package. It matches transport.MaxParties and keeps every table
// allocated from a peer's message small.
const MaxSigners = 1024

// KeyPackage is one participant's long-lived key material: its identifier,
// its secret signing share sk_i, its verifying share PK_i = sk_i·G, the
// group verifying key and the minimum number of signers (RFC 9591 section
// 5, "group info" plus the signing key share). Build one with NewKeyPackage
// or TrustedDealerKeygen. A KeyPackage is immutable; Zeroize erases the
// share when it is no longer needed.
type KeyPackage struct {
	suite          Ciphersuite
	id             Identifier
	signingShare   curve.Scalar
	verifyingShare curve.Point
	groupKey       curve.Point
	key            signingKey
	minSigners     int
}

// NewKeyPackage checks and assembles a participant's key material, for
// example from a DKG result. The verifying share is computed from the
// signing share. The signing share is copied; the caller keeps ownership of
// its own value.
func NewKeyPackage(suite Ciphersuite, id Identifier, signingShare curve.Scalar, groupKey curve.Point, minSigners int) (*KeyPackage, error) {
	if err := suite.check(); err != nil {
		return nil, err
	}
	if err := id.validFor(suite); err != nil {
		return nil, err
	}
	c := suite.Curve()
	if err := checkScalar(c, signingShare, "signing share"); err != nil {
		return nil, err
	}
	if signingShare.IsZero() {
		return nil, fmt.Errorf("%w: zero signing share", ErrInvalidKey)
	}
	if err := checkPoint(c, groupKey, "group key"); err != nil {
		return nil, err
	}
	if minSigners < 1 || minSigners > MaxSigners {
		return nil, fmt.Errorf("%w: minimum signers %d", ErrInvalidParameters, minSigners)
	}
	key, err := newSigningKey(suite, groupKey)
	if err != nil {
		return nil, err
	}
	share := cloneScalar(signingShare)
	return &KeyPackage{
		suite:          suite,
		id:             id,
		signingShare:   share,
		verifyingShare: c.ScalarBaseMult(share),
		groupKey:       groupKey,
		key:            key,
		minSigners:     minSigners,
	}, nil
}

// Suite returns the ciphersuite the key belongs to.
//
// The accessors of a nil or zero KeyPackage return zero values (the zero
// suite and identifier, nil scalars and points, 0), never panic.
func (kp *KeyPackage) Suite() Ciphersuite {
	if kp == nil {
		return Ciphersuite{}
	}
	return kp.suite
}

// Identifier returns the participant's identifier.
func (kp *KeyPackage) Identifier() Identifier {
	if kp == nil {
		return Identifier{}
	}
	return kp.id
}

// SigningShare returns a copy of the secret signing share sk_i (nil for a
// nil or zero KeyPackage).
func (kp *KeyPackage) SigningShare() curve.Scalar {
	if kp == nil || kp.signingShare == nil {
		return nil
	}
	return cloneScalar(kp.signingShare)
}

// VerifyingShare returns PK_i = sk_i·G.
func (kp *KeyPackage) VerifyingShare() curve.Point {
	if kp == nil {
		return nil
	}
	return kp.verifyingShare
}

// GroupKey returns the group verifying key PK. For the taproot suite it may
// have odd y; signatures verify under its x-only form.
func (kp *KeyPackage) GroupKey() curve.Point {
	if kp == nil {
		return nil
	}
	return kp.groupKey
}

// MinSigners returns the threshold: the number of signers needed.
func (kp *KeyPackage) MinSigners() int {
	if kp == nil {
		return 0
	}
	return kp.minSigners
}

// Zeroize overwrites the signing share. The package is unusable afterwards.
func (kp *KeyPackage) Zeroize() {
	if kp != nil && kp.signingShare != nil {
		kp.signingShare.Zeroize()
	}
}

// PublicKeyPackage is the public "group info" of RFC 9591 section 5: the
// group verifying key, every participant's verifying share and the minimum
// number of signers. Coordinators use it to aggregate and to verify shares.
// It is immutable.
type PublicKeyPackage struct {
	suite           Ciphersuite
	groupKey        curve.Point
	key             signingKey
	verifyingShares map[Identifier]curve.Point
	minSigners      int
}

// NewPublicKeyPackage checks and assembles the group info. The map is
// copied. It does not check that the verifying shares interpolate to the
// group key (that is the key generation's job, and costs O(n·t) scalar
// multiplications); a wrong share only makes its owner's signature shares
// fail verification.
func NewPublicKeyPackage(suite Ciphersuite, groupKey curve.Point, verifyingShares map[Identifier]curve.Point, minSigners int) (*PublicKeyPackage, error) {
	if err := suite.check(); err != nil {
		return nil, err
	}
	c := suite.Curve()
	if err := checkPoint(c, groupKey, "group key"); err != nil {
		return nil, err
	}
	if len(verifyingShares) == 0 || len(verifyingShares) > MaxSigners {
		return nil, fmt.Errorf("%w: %d verifying shares", ErrInvalidParameters, len(verifyingShares))
	}
	if minSigners < 1 || minSigners > len(verifyingShares) {
		return nil, fmt.Errorf("%w: minimum signers %d of %d", ErrInvalidParameters, minSigners, len(verifyingShares))
	}
	shares := make(map[Identifier]curve.Point, len(verifyingShares))
	for id, p := range verifyingShares {
		if err := id.validFor(suite); err != nil {
			return nil, err
		}
		if err := checkPoint(c, p, "verifying share "+id.String()); err != nil {
			return nil, err
		}
		shares[id] = p
	}
	key, err := newSigningKey(suite, groupKey)
	if err != nil {
		return nil, err
	}
	return &PublicKeyPackage{suite: suite, groupKey: groupKey, key: key, verifyingShares: shares, minSigners: minSigners}, nil
}

// Suite returns the ciphersuite the key belongs to.
//
// The accessors of a nil PublicKeyPackage return zero values, never panic.
func (pk *PublicKeyPackage) Suite() Ciphersuite {
	if pk == nil {
		return Ciphersuite{}
	}
	return pk.suite
}

// GroupKey returns the group verifying key.
func (pk *PublicKeyPackage) GroupKey() curve.Point {
	if pk == nil {
		return nil
	}
	return pk.groupKey
}

// MinSigners returns the threshold.
func (pk *PublicKeyPackage) MinSigners() int {
	if pk == nil {
		return 0
	}
	return pk.minSigners
}

// VerifyingShare returns participant id's verifying share.
func (pk *PublicKeyPackage) VerifyingShare(id Identifier) (curve.Point, bool) {
	if pk == nil {
		return nil, false
	}
	p, ok := pk.verifyingShares[id]
	return p, ok
}

// Identifiers returns the participants' identifiers in ascending order.
func (pk *PublicKeyPackage) Identifiers() []Identifier {
	if pk == nil {
		return nil
	}
	ids := make([]Identifier, 0, len(pk.verifyingShares))
	for id := range pk.verifyingShares {
		ids = append(ids, id)
	}
	slices.SortFunc(ids, Identifier.Compare)
	return ids
}

// signingKey is the group key in the form the suite hashes and verifies
// against, computed once per key package: SerializeElement(PK), and for the
// taproot suite the even-y key, negated recording whether the stored key
// had odd y (then every signing and verifying share is negated with it).
type signingKey struct {
	point   curve.Point
	enc     []byte
	negated bool
}

func newSigningKey(suite Ciphersuite, groupKey curve.Point) (signingKey, error) {
	if err := checkPoint(suite.Curve(), groupKey, "group key"); err != nil {
		return signingKey{}, err
	}
	k := signingKey{point: groupKey, enc: groupKey.Bytes()}
	if suite.IsTaproot() && k.enc[0] == 0x03 {
		// SEC 1 compressed form: 0x02 even y, 0x03 odd y.
		k.point = groupKey.Negate()
		k.enc[0] = 0x02
		k.negated = true
	}
	return k, nil
}

// checkPoint rejects nil points, points of another curve and the identity.
func checkPoint(c curve.Curve, p curve.Point, what string) error {
	if p == nil {
		return fmt.Errorf("%w: %s missing", ErrInvalidKey, what)
	}
	if p.Curve().ID() != c.ID() {
		return fmt.Errorf("%w: %s on %s, want %s", ErrSuiteMismatch, what, p.Curve().Name(), c.Name())
	}
	if p.IsIdentity() {
		return fmt.Errorf("%w: %s is the identity", ErrInvalidKey, what)
	}
	return nil
}

// checkScalar rejects nil scalars and scalars of another curve.
func checkScalar(c curve.Curve, s curve.Scalar, what string) error {
	if s == nil {
		return fmt.Errorf("%w: %s missing", ErrInvalidKey, what)
	}
	if s.Curve().ID() != c.ID() {
		return fmt.Errorf("%w: %s on %s, want %s", ErrSuiteMismatch, what, s.Curve().Name(), c.Name())
	}
	return nil
}

// cloneScalar returns an independent copy of s.
func cloneScalar(s curve.Scalar) curve.Scalar { return s.Add(s.Curve().NewScalar()) }
