package vss

import (
	"fmt"
	"io"

	"github.com/mosaic-mpc/mosaic/curve"
)

// Polynomial is a secret polynomial f(x) = a_0 + a_1·x + … + a_{t-1}·x^{t-1}
// over the scalar field of a curve, the dealer's side of a Shamir sharing
// with threshold t. Its coefficients are secret: never send or log them, and
// call Zeroize when done.
type Polynomial struct {
	c      curve.Curve
	coeffs []curve.Scalar // coeffs[k] = a_k
}

// NewPolynomial returns a random polynomial of degree t-1 (t coefficients)
// with the given constant term, or a random non-zero one if constant is nil.
// The coefficients a_1..a_{t-1} are uniform and non-zero, so the degree is
// exactly t-1. The polynomial keeps its own copy of constant: zeroizing one
// does not affect the other. A zero constant is allowed (refresh uses a
// sharing of zero). rand nil means crypto/rand.Reader; a read error is
// returned, never worked around.
func NewPolynomial(c curve.Curve, t int, constant curve.Scalar, rand io.Reader) (*Polynomial, error) {
	if c == nil {
		return nil, fmt.Errorf("%w: nil curve", ErrNilValue)
	}
	if t < 1 {
		return nil, fmt.Errorf("%w: t = %d, want t >= 1", ErrThreshold, t)
	}
	rand = orDefault(rand)
	p := &Polynomial{c: c, coeffs: make([]curve.Scalar, t)}
	if constant != nil {
		if err := checkScalar(c, constant, "constant term"); err != nil {
			return nil, err
		}
		p.coeffs[0] = constant.Add(c.NewScalar()) // a copy
	}
	for k := range p.coeffs {
		if p.coeffs[k] != nil {
			continue
		}
		a, err := c.RandomScalar(rand)
		if err != nil {
			p.Zeroize()
			return nil, fmt.Errorf("vss: sampling coefficient %d: %w", k, err)
		}
		p.coeffs[k] = a
	}
	return p, nil
}

// Curve returns the polynomial's curve.
func (p *Polynomial) Curve() curve.Curve { return p.c }

// Threshold returns t, the number of coefficients (the degree plus one).
func (p *Polynomial) Threshold() int { return len(p.coeffs) }

// Evaluate returns f(x) by Horner's rule. It runs in constant time for the
// coefficient values; the number of operations depends only on t. Evaluating
// at x = 0 gives the secret: protocols hand out shares only at identifiers
// from IDScalar, which are never zero. x must be a scalar of the polynomial's
// curve (otherwise curve's arithmetic panics, a programming error).
func (p *Polynomial) Evaluate(x curve.Scalar) curve.Scalar {
	t := len(p.coeffs)
	acc := p.coeffs[t-1].Add(p.c.NewScalar())
	for k := t - 2; k >= 0; k-- {
		next := acc.Mul(x).Add(p.coeffs[k])
		acc.Zeroize()
		acc = next
	}
	return acc
}

// Constant returns a copy of the constant term a_0 = f(0), the shared secret.
func (p *Polynomial) Constant() curve.Scalar {
	return p.coeffs[0].Add(p.c.NewScalar())
}

// Commit returns the Feldman commitment (a_0·G, …, a_{t-1}·G), computed with
// constant-time base multiplications since the coefficients are secret.
func (p *Polynomial) Commit() *Commitment {
	pts := make([]curve.Point, len(p.coeffs))
	for k, a := range p.coeffs {
		pts[k] = p.c.ScalarBaseMult(a)
	}
	return &Commitment{c: p.c, points: pts}
}

// Zeroize overwrites every coefficient with zero. The polynomial then
// evaluates to zero everywhere; it must not be used for a sharing again.
func (p *Polynomial) Zeroize() {
	for _, a := range p.coeffs {
		if a != nil {
			a.Zeroize()
		}
	}
}
