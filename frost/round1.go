package frost

import (
	"bytes"
	"fmt"
	"io"
	"sync/atomic"

	"github.com/mosaic-mpc/mosaic/curve"
)

// nonceRandomSize is the number of fresh random bytes nonce_generate reads
// (RFC 9591 section 4.1).
const nonceRandomSize = 32

// SigningCommitments is a participant's round-one output (RFC 9591 section
// 5.1): its identifier and the commitments D = d·G (hiding) and E = e·G
// (binding) to its two nonces. Values come from Commit,
// NewSigningCommitments or DecodeSigningCommitments, all of which validate;
// the zero value is invalid. SigningCommitments are immutable.
type SigningCommitments struct {
	suite   Ciphersuite
	id      Identifier
	hiding  curve.Point
	binding curve.Point
	enc     []byte // RFC 9591 encoded_commitment: id || D || E
}

// NewSigningCommitments validates and assembles a commitment pair: the
// identifier must be non-zero and below the group order, the points on the
// suite's curve and not the identity (points of type curve.Point are always
// in the prime-order subgroup).
func NewSigningCommitments(suite Ciphersuite, id Identifier, hiding, binding curve.Point) (*SigningCommitments, error) {
	if err := suite.check(); err != nil {
		return nil, err
	}
	if err := id.validFor(suite); err != nil {
		return nil, err
	}
	c := suite.Curve()
	for _, p := range []struct {
		p    curve.Point
		what string
	}{{hiding, "hiding"}, {binding, "binding"}} {
		if p.p == nil || p.p.Curve().ID() != c.ID() || p.p.IsIdentity() {
			return nil, fmt.Errorf("%w: %s commitment of signer %s", ErrInvalidCommitment, p.what, id)
		}
	}
	enc := make([]byte, 0, c.ScalarSize()+2*c.PointSize())
	enc = append(enc, id.Bytes(suite)...)
	enc = append(enc, hiding.Bytes()...)
	enc = append(enc, binding.Bytes()...)
	return &SigningCommitments{suite: suite, id: id, hiding: hiding, binding: binding, enc: enc}, nil
}

// DecodeSigningCommitments parses the RFC 9591 encoded_commitment form
// SerializeScalar(id) || SerializeElement(D) || SerializeElement(E). Every
// field is validated: a canonical non-zero identifier, and canonical,
// on-curve, prime-order, non-identity points (SECURITY.md cases 21 and 23).
// A receiver must also check that Identifier() is the authenticated
// sender's, so that a party cannot commit in another's name.
func DecodeSigningCommitments(suite Ciphersuite, b []byte) (*SigningCommitments, error) {
	if err := suite.check(); err != nil {
		return nil, err
	}
	c := suite.Curve()
	ns, ne := c.ScalarSize(), c.PointSize()
	if len(b) != ns+2*ne {
		return nil, fmt.Errorf("%w: commitments of %d bytes, want %d", ErrInvalidEncoding, len(b), ns+2*ne)
	}
	id, err := DecodeIdentifier(suite, b[:ns])
	if err != nil {
		return nil, err
	}
	hiding, err := c.DecodePoint(b[ns:ns+ne], false)
	if err != nil {
		return nil, fmt.Errorf("%w: hiding commitment of signer %s: %w", ErrInvalidCommitment, id, err)
	}
	binding, err := c.DecodePoint(b[ns+ne:], false)
	if err != nil {
		return nil, fmt.Errorf("%w: binding commitment of signer %s: %w", ErrInvalidCommitment, id, err)
	}
	// Every field decoded canonically, so b is the canonical encoding and
	// need not be recomputed (a secp256k1 re-encoding costs an inversion per
	// point).
	return &SigningCommitments{suite: suite, id: id, hiding: hiding, binding: binding, enc: bytes.Clone(b)}, nil
}

// Suite returns the ciphersuite of the commitments.
//
// The accessors of a nil SigningCommitments return zero values (the zero
// suite and identifier, nil points and bytes), never panic.
func (sc *SigningCommitments) Suite() Ciphersuite {
	if sc == nil {
		return Ciphersuite{}
	}
	return sc.suite
}

// Identifier returns the committing participant's identifier.
func (sc *SigningCommitments) Identifier() Identifier {
	if sc == nil {
		return Identifier{}
	}
	return sc.id
}

// Hiding returns the hiding nonce commitment D.
func (sc *SigningCommitments) Hiding() curve.Point {
	if sc == nil {
		return nil
	}
	return sc.hiding
}

// Binding returns the binding nonce commitment E.
func (sc *SigningCommitments) Binding() curve.Point {
	if sc == nil {
		return nil
	}
	return sc.binding
}

// Bytes returns the RFC 9591 encoded_commitment, the form
// DecodeSigningCommitments reads.
func (sc *SigningCommitments) Bytes() []byte {
	if sc == nil {
		return nil
	}
	return bytes.Clone(sc.enc)
}

// Equal reports whether both hold the same identifier and commitments.
func (sc *SigningCommitments) Equal(o *SigningCommitments) bool {
	return sc != nil && o != nil && sc.suite == o.suite && bytes.Equal(sc.enc, o.enc)
}

func (sc *SigningCommitments) valid() bool { return sc != nil && sc.suite.valid() && sc.enc != nil }

// SigningNonces is a participant's secret round-one state: the hiding and
// binding nonces and the commitments published for them. It is single use:
// Sign consumes it (and zeroes the nonces) whether or not it succeeds, and a
// second Sign returns ErrNonceReused, because two signature shares under one
// nonce pair reveal the signing share. SigningNonces has no encoding on
// purpose; keep it in memory between the rounds and Zeroize it if the
// session is abandoned. A copy (n2 := *n) is the same nonce pair, not a
// second one: copies share the nonces and the used flag, so once one of
// them signed or was zeroized, every other returns ErrNonceReused. The
// zero value holds no nonces and is refused the same way.
type SigningNonces struct {
	suite       Ciphersuite
	hiding      curve.Scalar
	binding     curve.Scalar
	commitments *SigningCommitments
	// used is shared by every copy (a pointer), so consuming one consumes
	// all; nil in the zero value.
	used *atomic.Bool
}

// Commitments returns the public commitments to these nonces (nil for a
// nil or zero SigningNonces).
func (n *SigningNonces) Commitments() *SigningCommitments {
	if n == nil {
		return nil
	}
	return n.commitments
}

// Zeroize erases the nonces and marks them used. Safe to call repeatedly.
func (n *SigningNonces) Zeroize() {
	if n == nil {
		return
	}
	if n.used != nil {
		n.used.Store(true)
	}
	n.wipe()
}

func (n *SigningNonces) wipe() {
	if n.hiding != nil {
		n.hiding.Zeroize()
	}
	if n.binding != nil {
		n.binding.Zeroize()
	}
}

// claim marks the nonces used, failing if they (or a copy) were used
// before or if they are a zero value, and checks they were not wiped.
func (n *SigningNonces) claim() error {
	if n.used == nil || !n.used.CompareAndSwap(false, true) {
		return ErrNonceReused
	}
	if n.hiding == nil || n.binding == nil || n.hiding.IsZero() || n.binding.IsZero() {
		return ErrNonceReused
	}
	return nil
}

// Commit is round one of RFC 9591 (section 5.1): it draws the hiding and
// binding nonces with nonce_generate (section 4.1: H3 of 32 fresh random
// bytes and the signing share, so a weak RNG alone does not expose the
// nonce) and returns them with their commitments. rand nil means
// crypto/rand.Reader; a read failure aborts with ErrRandomness.
func Commit(suite Ciphersuite, kp *KeyPackage, rand io.Reader) (*SigningNonces, *SigningCommitments, error) {
	if err := suite.check(); err != nil {
		return nil, nil, err
	}
	if kp == nil || kp.signingShare == nil {
		return nil, nil, fmt.Errorf("%w: no key package", ErrInvalidParameters)
	}
	var buf [2 * nonceRandomSize]byte
	defer clear(buf[:])
	if _, err := io.ReadFull(orDefault(rand), buf[:]); err != nil {
		return nil, nil, fmt.Errorf("%w: %w", ErrRandomness, err)
	}
	return commitWithRandomness(suite, kp, buf[:nonceRandomSize], buf[nonceRandomSize:])
}

// commitWithRandomness is Commit with the random bytes of the two
// nonce_generate calls given, hiding first; the RFC 9591 test vectors list
// them, so tests rebuild every value deterministically.
func commitWithRandomness(suite Ciphersuite, kp *KeyPackage, hidingRand, bindingRand []byte) (*SigningNonces, *SigningCommitments, error) {
	if kp.suite != suite {
		return nil, nil, fmt.Errorf("%w: key package of %s used with %s", ErrSuiteMismatch, kp.suite, suite)
	}
	if kp.signingShare.IsZero() {
		return nil, nil, fmt.Errorf("%w: signing share is zero (zeroized key package?)", ErrInvalidKey)
	}
	c := suite.Curve()
	hiding := nonceGenerate(suite, hidingRand, kp.signingShare)
	binding := nonceGenerate(suite, bindingRand, kp.signingShare)
	comm, err := NewSigningCommitments(suite, kp.id, c.ScalarBaseMult(hiding), c.ScalarBaseMult(binding))
	if err != nil {
		hiding.Zeroize()
		binding.Zeroize()
		return nil, nil, err
	}
	return &SigningNonces{suite: suite, hiding: hiding, binding: binding, commitments: comm, used: new(atomic.Bool)}, comm, nil
}

// nonceGenerate is RFC 9591 section 4.1: H3(random_bytes ||
// SerializeScalar(secret)).
func nonceGenerate(suite Ciphersuite, random []byte, secret curve.Scalar) curve.Scalar {
	enc := secret.Bytes()
	defer clear(enc)
	return suite.h3(random, enc)
}
