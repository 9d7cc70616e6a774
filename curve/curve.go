package curve

import (
	cryptorand "crypto/rand"
	"errors"
	"fmt"
	"io"

	"github.com/cronokirby/saferith"
)

// Curve is a prime-order group used by the protocols: secp256k1 or the
// prime-order subgroup of edwards25519. A Curve value is immutable and safe for
// concurrent use.
type Curve interface {
	// Name is the curve's stable name, "secp256k1" or "edwards25519".
	Name() string
	// ID is the curve's one-byte identifier in binary encodings.
	ID() ID

	// ScalarSize and PointSize are the fixed lengths of canonical encodings.
	ScalarSize() int
	PointSize() int

	// Order returns the prime group order q as a fresh copy, which the caller
	// may pass to any saferith operation (saferith writes to the operands of
	// Cmp, CmpMod, Add, Mul, …, so a shared modulus would be a data race).
	Order() *saferith.Modulus

	// NewScalar returns the zero scalar.
	NewScalar() Scalar
	// ScalarFromUint64 returns v mod q.
	ScalarFromUint64(v uint64) Scalar
	// ScalarFromNat returns n mod q in constant time (for the size of n).
	ScalarFromNat(n *saferith.Nat) Scalar
	// ScalarFromInt returns n mod q, honouring the sign of n.
	ScalarFromInt(n *saferith.Int) Scalar
	// RandomScalar returns a uniform non-zero scalar read from rand; nil
	// means crypto/rand.Reader.
	RandomScalar(rand io.Reader) (Scalar, error)
	// DecodeScalar parses a canonical scalar encoding; values >= q are rejected,
	// never reduced.
	DecodeScalar(b []byte) (Scalar, error)
	// HashToScalar maps dst || msgs... to a scalar with negligible bias, as the
	// curve's RFC 9591 ciphersuite does: for secp256k1 hash_to_field with
	// expand_message_xmd(SHA-256) and L = 48 (RFC 9380 section 5); for
	// edwards25519 SHA-512(dst || msgs...) read little-endian and reduced mod q.
	HashToScalar(dst []byte, msgs ...[]byte) Scalar

	// Identity returns the group's neutral element.
	Identity() Point
	// Generator returns the standard base point.
	Generator() Point
	// ScalarBaseMult returns s·G in constant time.
	ScalarBaseMult(s Scalar) Point
	// DecodePoint parses a canonical point encoding. It rejects non-canonical
	// encodings, points off the curve, points outside the prime-order subgroup
	// and, unless allowIdentity, the identity.
	DecodePoint(b []byte, allowIdentity bool) (Point, error)
	// VarTimeMultiScalarMult returns Σ scalars[i]·points[i]. Variable time:
	// public scalars only (verification equations).
	VarTimeMultiScalarMult(scalars []Scalar, points []Point) Point
}

// Scalar is an element of Z_q. Operations return new values and never modify
// the receiver or arguments; they run in constant time unless the name says
// VarTime.
type Scalar interface {
	// Curve returns the curve whose order q the scalar is reduced by.
	Curve() Curve
	// Add, Sub and Mul return the sum, difference and product mod q.
	Add(Scalar) Scalar
	Sub(Scalar) Scalar
	Mul(Scalar) Scalar
	// Negate returns −s mod q.
	Negate() Scalar
	// Invert returns the multiplicative inverse, or zero for zero.
	Invert() Scalar
	// Equal reports whether two scalars are the same element of Z_q.
	Equal(Scalar) bool
	// IsZero reports whether the scalar is zero.
	IsZero() bool
	// Bytes returns the canonical fixed-width encoding.
	Bytes() []byte
	// Nat returns the scalar as an integer in [0, q).
	Nat() *saferith.Nat
	// Zeroize overwrites the scalar's value with zero; call it on secrets
	// that are no longer needed.
	Zeroize()
}

// Point is an element of the prime-order group. Operations return new values.
type Point interface {
	// Curve returns the curve the point is on.
	Curve() Curve
	// Add and Sub return the sum and difference in the group.
	Add(Point) Point
	Sub(Point) Point
	// Negate returns −P.
	Negate() Point
	// ScalarMult returns s·P in constant time (s may be secret).
	ScalarMult(s Scalar) Point
	// VarTimeScalarMult returns s·P. Variable time: public s only.
	VarTimeScalarMult(s Scalar) Point
	// Equal reports whether two points are the same group element.
	Equal(Point) bool
	// IsIdentity reports whether the point is the neutral element.
	IsIdentity() bool
	// Bytes returns the canonical fixed-width encoding. The identity of
	// secp256k1, which SEC1 compressed form cannot express, encodes as
	// PointSize zero bytes.
	Bytes() []byte
}

// ID identifies a curve in binary encodings.
type ID byte

// Curve identifiers used in binary encodings. The values are part of the wire
// and storage formats and never change.
const (
	IDSecp256k1    ID = 1
	IDEdwards25519 ID = 2
	IDP256         ID = 3
	IDRistretto255 ID = 4
	IDEd448        ID = 5
	IDStark        ID = 6
	IDBLS12381G1   ID = 7
)

// Errors returned by decoders. Each is wrapped with detail; test with errors.Is.
var (
	ErrInvalidLength   = errors.New("curve: invalid encoding length")
	ErrNonCanonical    = errors.New("curve: non-canonical encoding")
	ErrNotOnCurve      = errors.New("curve: point not on curve")
	ErrIdentity        = errors.New("curve: identity point not allowed")
	ErrSmallOrder      = errors.New("curve: point not in the prime-order subgroup")
	ErrScalarOverflow  = errors.New("curve: scalar not below the group order")
	ErrUnknownCurve    = errors.New("curve: unknown curve")
	ErrWrongCurve      = errors.New("curve: value belongs to another curve")
	ErrRandomness      = errors.New("curve: reading randomness failed")
	ErrNotSecp256k1    = errors.New("curve: operation needs a secp256k1 point")
	ErrNoSquareRoot    = errors.New("curve: x is not the x-coordinate of a curve point")
	ErrZeroScalarValue = errors.New("curve: scalar is zero")
)

// ByID returns the curve with the given identifier.
func ByID(id ID) (Curve, error) {
	switch id {
	case IDSecp256k1:
		return Secp256k1(), nil
	case IDEdwards25519:
		return Edwards25519(), nil
	case IDRistretto255:
		return Ristretto255(), nil
	case IDEd448:
		return Ed448(), nil
	case IDP256:
		return P256(), nil
	case IDStark:
		return Stark(), nil
	case IDBLS12381G1:
		return BLS12381G1(), nil
	}
	return nil, fmt.Errorf("%w: id %d", ErrUnknownCurve, id)
}

// ByName returns the curve with the given name.
func ByName(name string) (Curve, error) {
	switch name {
	case "secp256k1":
		return Secp256k1(), nil
	case "edwards25519", "ed25519":
		return Edwards25519(), nil
	case "ristretto255":
		return Ristretto255(), nil
	case "ed448":
		return Ed448(), nil
	case "P-256", "p256", "secp256r1":
		return P256(), nil
	case "stark", "stark-curve", "starknet":
		return Stark(), nil
	case "bls12-381-g1", "bls12381g1":
		return BLS12381G1(), nil
	}
	return nil, fmt.Errorf("%w: %q", ErrUnknownCurve, name)
}

// DecodePoints decodes a concatenation of count points, rejecting the identity
// unless allowIdentity. It is a convenience for fixed-size vectors such as
// Feldman commitments.
func DecodePoints(c Curve, b []byte, count int, allowIdentity bool) ([]Point, error) {
	size := c.PointSize()
	if count < 0 || len(b) != count*size {
		return nil, fmt.Errorf("%w: %d bytes for %d points", ErrInvalidLength, len(b), count)
	}
	out := make([]Point, count)
	for i := range out {
		p, err := c.DecodePoint(b[i*size:(i+1)*size], allowIdentity)
		if err != nil {
			return nil, fmt.Errorf("point %d: %w", i, err)
		}
		out[i] = p
	}
	return out, nil
}

// randomWide reads 64 bytes for a wide reduction so the result has
// negligible bias. A nil rand means crypto/rand.Reader (house rule).
func randomWide(rand io.Reader) ([]byte, error) {
	if rand == nil {
		rand = cryptorand.Reader
	}
	var buf [64]byte
	if _, err := io.ReadFull(rand, buf[:]); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrRandomness, err)
	}
	return buf[:], nil
}
