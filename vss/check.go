package vss

import (
	"crypto/rand"
	"fmt"
	"io"

	"github.com/mosaic-mpc/mosaic/curve"
)

// checkScalar returns an error unless s is a non-nil scalar of curve c; it
// lets callers' mistakes surface as errors instead of the panics curve's
// arithmetic raises on mixed curves.
func checkScalar(c curve.Curve, s curve.Scalar, what string) error {
	if s == nil {
		return fmt.Errorf("%w: %s", ErrNilValue, what)
	}
	if s.Curve().ID() != c.ID() {
		return fmt.Errorf("%s on %s, want %s: %w", what, s.Curve().Name(), c.Name(), curve.ErrWrongCurve)
	}
	return nil
}

func checkPoint(c curve.Curve, p curve.Point, what string) error {
	if p == nil {
		return fmt.Errorf("%w: %s", ErrNilValue, what)
	}
	if p.Curve().ID() != c.ID() {
		return fmt.Errorf("%s on %s, want %s: %w", what, p.Curve().Name(), c.Name(), curve.ErrWrongCurve)
	}
	return nil
}

// orDefault returns crypto/rand.Reader for a nil reader (house rule).
func orDefault(r io.Reader) io.Reader {
	if r == nil {
		return rand.Reader
	}
	return r
}
