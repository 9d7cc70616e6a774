package vss

import (
	"fmt"
	"io"

	"github.com/mosaic-mpc/mosaic/curve"
)

// Share is one party's point on a Shamir polynomial: Value = f(ID). ID is
// public; Value is secret.
type Share struct {
	ID    curve.Scalar
	Value curve.Scalar
}

// Zeroize overwrites the share's secret value.
func (s *Share) Zeroize() {
	if s.Value != nil {
		s.Value.Zeroize()
	}
}

// Split is the trusted dealer of RFC 9591 Appendix C: it shares secret
// among the parties ids with threshold t (1 <= t <= len(ids)) and returns one
// share per identifier, in the order of ids, together with the Feldman
// commitment, whose constant term is secret·G. A nil secret means a fresh
// random one (RFC 9591's trusted_dealer_keygen). rand nil means
// crypto/rand.Reader.
//
// SECURITY: the dealer sees the whole secret and every share. It is a single
// point of trust; whoever runs Split (and its memory) can sign alone. Prefer a
// distributed key generation unless a dealer is an accepted assumption (tests,
// importing an existing key).
func Split(c curve.Curve, secret curve.Scalar, t int, ids []curve.Scalar, rand io.Reader) ([]Share, *Commitment, error) {
	if err := checkIDs(c, ids); err != nil {
		return nil, nil, err
	}
	if t < 1 || t > len(ids) {
		return nil, nil, fmt.Errorf("%w: t = %d with %d parties, want 1 <= t <= n", ErrThreshold, t, len(ids))
	}
	f, err := NewPolynomial(c, t, secret, rand)
	if err != nil {
		return nil, nil, err
	}
	defer f.Zeroize()
	shares := make([]Share, len(ids))
	for k, id := range ids {
		shares[k] = Share{ID: id.Add(c.NewScalar()), Value: f.Evaluate(id)}
	}
	return shares, f.Commit(), nil
}

// Reconstruct interpolates f(0) from exactly the given shares: Σ λ_i·s_i. It
// needs at least t shares of a threshold-t sharing (and takes all that are
// given); with fewer it returns an unrelated scalar, not an error, because
// nothing in the shares reveals t. Use ReconstructVerified to have the result
// checked against a commitment. Identifiers must be non-zero and distinct.
//
// SECURITY: this brings the secret together in one place, defeating the
// purpose of threshold signing. Use it for tests, recovery ceremonies or key
// export only.
func Reconstruct(c curve.Curve, shares []Share) (curve.Scalar, error) {
	if c == nil {
		return nil, fmt.Errorf("%w: nil curve", ErrNilValue)
	}
	if len(shares) == 0 {
		return nil, ErrNoShares
	}
	ids := make([]curve.Scalar, len(shares))
	for k, s := range shares {
		ids[k] = s.ID
		if err := checkScalar(c, s.Value, "share value"); err != nil {
			return nil, &IDError{Position: k, Err: err}
		}
	}
	lambdas, err := LagrangeCoefficients(c, ids)
	if err != nil {
		return nil, err
	}
	acc := c.NewScalar()
	for k, s := range shares {
		term := lambdas[k].Mul(s.Value)
		next := acc.Add(term)
		term.Zeroize()
		acc.Zeroize()
		acc = next
	}
	return acc, nil
}

// ReconstructVerified checks every share against the commitment (a failing
// share is reported in an *IDError with ErrShareMismatch), requires at least
// cm.Threshold() shares (ErrThreshold), and then reconstructs the secret.
// The same SECURITY note as for Reconstruct applies.
func ReconstructVerified(cm *Commitment, shares []Share) (curve.Scalar, error) {
	if cm == nil {
		return nil, fmt.Errorf("%w: nil commitment", ErrNilValue)
	}
	if len(shares) < cm.Threshold() {
		return nil, fmt.Errorf("%w: %d shares, need %d", ErrThreshold, len(shares), cm.Threshold())
	}
	for k, s := range shares {
		if err := checkScalar(cm.c, s.ID, "share identifier"); err != nil {
			return nil, &IDError{Position: k, Err: err}
		}
		if err := cm.Verify(s.ID, s.Value); err != nil {
			return nil, &IDError{Position: k, Err: err}
		}
	}
	secret, err := Reconstruct(cm.c, shares)
	if err != nil {
		return nil, err
	}
	// Unreachable when every share verified, but cheap insurance.
	if !cm.c.ScalarBaseMult(secret).Equal(cm.Constant()) {
		secret.Zeroize()
		return nil, ErrShareMismatch
	}
	return secret, nil
}
