package vss

import (
	"fmt"

	"github.com/mosaic-mpc/mosaic/curve"
)

// IDScalar maps a protocol party id (1..n) to its Shamir evaluation point.
// Zero is rejected: the share at x = 0 would be the secret itself.
func IDScalar(c curve.Curve, id uint32) (curve.Scalar, error) {
	if id == 0 {
		return nil, ErrZeroID
	}
	return c.ScalarFromUint64(uint64(id)), nil
}

// IDScalars maps a list of party ids with IDScalar, rejecting zero and
// duplicate ids with an *IDError naming the position.
func IDScalars(c curve.Curve, ids []uint32) ([]curve.Scalar, error) {
	out := make([]curve.Scalar, len(ids))
	seen := make(map[uint32]int, len(ids))
	for k, id := range ids {
		if j, ok := seen[id]; ok {
			return nil, &IDError{Position: k, Err: fmt.Errorf("%w: id %d also at position %d", ErrDuplicateID, id, j)}
		}
		seen[id] = k
		s, err := IDScalar(c, id)
		if err != nil {
			return nil, &IDError{Position: k, Err: err}
		}
		out[k] = s
	}
	return out, nil
}

// checkIDs validates an identifier set: non-empty, every entry a non-nil
// scalar of curve c, non-zero and distinct. Identifiers are scalars, already
// reduced mod q, so an id q (or q+i) has become 0 (or i) and is caught here as
// zero (or as a duplicate). Identifiers are public: the map look-ups are
// variable time.
func checkIDs(c curve.Curve, ids []curve.Scalar) error {
	if c == nil {
		return fmt.Errorf("%w: nil curve", ErrNilValue)
	}
	if len(ids) == 0 {
		return ErrNoIDs
	}
	seen := make(map[string]int, len(ids))
	for k, id := range ids {
		if err := checkScalar(c, id, "identifier"); err != nil {
			return &IDError{Position: k, Err: err}
		}
		if id.IsZero() {
			return &IDError{Position: k, Err: ErrZeroID}
		}
		key := string(id.Bytes())
		if j, ok := seen[key]; ok {
			return &IDError{Position: k, Err: fmt.Errorf("%w: also at position %d", ErrDuplicateID, j)}
		}
		seen[key] = k
	}
	return nil
}

// indexOf returns the position of i in the (validated) set ids.
func indexOf(c curve.Curve, ids []curve.Scalar, i curve.Scalar) (int, error) {
	if err := checkScalar(c, i, "identifier i"); err != nil {
		return 0, err
	}
	if i.IsZero() {
		return 0, ErrZeroID
	}
	for k, id := range ids {
		if id.Equal(i) {
			return k, nil
		}
	}
	return 0, ErrIDNotInSet
}
