package vss

import (
	"fmt"

	"github.com/mosaic-mpc/mosaic/curve"
)

// Commitment is a Feldman commitment to a polynomial of threshold t: the t
// points C_k = a_k·G. It is public. Its length is the threshold, so a
// commitment received from a peer must be decoded with DecodeCommitment (or
// DecodeZeroCommitment), which demand exactly t points. A Commitment is
// immutable.
type Commitment struct {
	c      curve.Curve
	points []curve.Point
}

// NewCommitment builds a commitment from points C_0..C_{t-1}, all non-nil and
// on one curve; it copies the slice. It does not restrict the identity: use it
// for values that are already validated (local results, or points decoded by
// package curve). Values from a peer go through DecodeCommitment instead.
func NewCommitment(points []curve.Point) (*Commitment, error) {
	if len(points) == 0 {
		return nil, fmt.Errorf("%w: no points", ErrCommitmentLength)
	}
	if points[0] == nil {
		return nil, fmt.Errorf("%w: point 0", ErrNilValue)
	}
	c := points[0].Curve()
	for k, p := range points {
		if err := checkPoint(c, p, fmt.Sprintf("point %d", k)); err != nil {
			return nil, err
		}
	}
	return &Commitment{c: c, points: append([]curve.Point(nil), points...)}, nil
}

// Curve returns the commitment's curve.
func (cm *Commitment) Curve() curve.Curve { return cm.c }

// Threshold returns t, the number of points.
func (cm *Commitment) Threshold() int { return len(cm.points) }

// Points returns a copy of the slice of points C_0..C_{t-1}.
func (cm *Commitment) Points() []curve.Point {
	return append([]curve.Point(nil), cm.points...)
}

// Constant returns C_0 = a_0·G, the public key of the shared secret.
func (cm *Commitment) Constant() curve.Point { return cm.points[0] }

// Evaluate returns Σ C_k·x^k = f(x)·G, the public key of the share at x.
// Variable time: x and the commitment are public. x must be a scalar of the
// commitment's curve (otherwise curve's arithmetic panics).
func (cm *Commitment) Evaluate(x curve.Scalar) curve.Point {
	scalars := make([]curve.Scalar, len(cm.points))
	pow := cm.c.ScalarFromUint64(1)
	for k := range scalars {
		scalars[k] = pow
		pow = pow.Mul(x)
	}
	return cm.c.VarTimeMultiScalarMult(scalars, cm.points)
}

// Verify checks a share received at identifier x: share·G == Evaluate(x)
// (Feldman's check). share is secret, so share·G is a constant-time base
// multiplication. It returns ErrShareMismatch when the check fails (blame
// the dealer who sent the share), ErrZeroID for x = 0, and an error for nil
// or wrong-curve arguments.
func (cm *Commitment) Verify(x, share curve.Scalar) error {
	if err := checkScalar(cm.c, x, "identifier"); err != nil {
		return err
	}
	if err := checkScalar(cm.c, share, "share"); err != nil {
		return err
	}
	if x.IsZero() {
		return ErrZeroID
	}
	if !cm.c.ScalarBaseMult(share).Equal(cm.Evaluate(x)) {
		return ErrShareMismatch
	}
	return nil
}

// Add returns the pointwise sum of two commitments of the same curve and
// threshold: the commitment to the sum of the polynomials, as a DKG
// aggregates its participants' contributions.
func (cm *Commitment) Add(other *Commitment) (*Commitment, error) {
	if other == nil {
		return nil, fmt.Errorf("%w: nil commitment", ErrNilValue)
	}
	if other.c.ID() != cm.c.ID() {
		return nil, fmt.Errorf("vss: adding a %s commitment to a %s one: %w", other.c.Name(), cm.c.Name(), curve.ErrWrongCurve)
	}
	if len(other.points) != len(cm.points) {
		return nil, fmt.Errorf("%w: adding %d points to %d", ErrCommitmentLength, len(other.points), len(cm.points))
	}
	pts := make([]curve.Point, len(cm.points))
	for k := range pts {
		pts[k] = cm.points[k].Add(other.points[k])
	}
	return &Commitment{c: cm.c, points: pts}, nil
}

// SumCommitments returns the sum of one or more commitments of the same curve
// and threshold.
func SumCommitments(cms ...*Commitment) (*Commitment, error) {
	if len(cms) == 0 || cms[0] == nil {
		return nil, fmt.Errorf("%w: no commitments to sum", ErrNilValue)
	}
	acc := cms[0]
	for i, cm := range cms[1:] {
		var err error
		if acc, err = acc.Add(cm); err != nil {
			return nil, fmt.Errorf("commitment %d: %w", i+1, err)
		}
	}
	return acc, nil
}

// Equal reports whether two commitments have the same curve and points.
func (cm *Commitment) Equal(other *Commitment) bool {
	if other == nil || other.c.ID() != cm.c.ID() || len(other.points) != len(cm.points) {
		return false
	}
	for k := range cm.points {
		if !cm.points[k].Equal(other.points[k]) {
			return false
		}
	}
	return true
}

// Bytes returns the encoding: the t canonical point encodings concatenated
// (t·PointSize bytes; the identity of secp256k1 is PointSize zero bytes, as
// package curve writes it). The encoding carries neither the curve nor t: the
// receiver knows both and passes them to DecodeCommitment.
func (cm *Commitment) Bytes() []byte {
	out := make([]byte, 0, len(cm.points)*cm.c.PointSize())
	for _, p := range cm.points {
		out = append(out, p.Bytes()...)
	}
	return out
}

// MarshalBinary returns Bytes; it never fails.
func (cm *Commitment) MarshalBinary() ([]byte, error) { return cm.Bytes(), nil }

// DecodeCommitment parses a commitment of threshold t from a peer. It
// requires exactly t points (a vector of t-1 or t+1 points is rejected with
// ErrCommitmentLength: SECURITY.md case 17), each a canonical point of the
// prime-order group (package curve's checks). The constant term C_0 is a
// party's public key contribution and must not be the identity
// (ErrIdentityConstant). The other coefficients may be the identity: a zero
// coefficient is a legitimate polynomial, and the threshold is fixed by the
// vector's length, not by the points' values.
func DecodeCommitment(c curve.Curve, b []byte, t int) (*Commitment, error) {
	cm, err := decodeCommitment(c, b, t)
	if err != nil {
		return nil, err
	}
	if cm.points[0].IsIdentity() {
		return nil, fmt.Errorf("%w (%w)", ErrIdentityConstant, curve.ErrIdentity)
	}
	return cm, nil
}

// DecodeZeroCommitment parses the commitment of a sharing of zero (proactive
// refresh), which is DecodeCommitment's format with the opposite rule for the
// constant term: C_0 must be the identity, or the error is
// ErrNonZeroConstant (SECURITY.md case 20).
func DecodeZeroCommitment(c curve.Curve, b []byte, t int) (*Commitment, error) {
	cm, err := decodeCommitment(c, b, t)
	if err != nil {
		return nil, err
	}
	if !cm.points[0].IsIdentity() {
		return nil, ErrNonZeroConstant
	}
	return cm, nil
}

func decodeCommitment(c curve.Curve, b []byte, t int) (*Commitment, error) {
	if c == nil {
		return nil, fmt.Errorf("%w: nil curve", ErrNilValue)
	}
	if t < 1 {
		return nil, fmt.Errorf("%w: t = %d, want t >= 1", ErrThreshold, t)
	}
	size := c.PointSize()
	// Compare lengths without computing t·size, which could overflow for a
	// huge t.
	if len(b)%size != 0 || len(b)/size != t {
		return nil, fmt.Errorf("%w: %d bytes, want %d points of %d bytes", ErrCommitmentLength, len(b), t, size)
	}
	pts, err := curve.DecodePoints(c, b, t, true)
	if err != nil {
		return nil, fmt.Errorf("vss: commitment: %w", err)
	}
	return &Commitment{c: c, points: pts}, nil
}
