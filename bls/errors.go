package bls

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/mosaic-mpc/mosaic/transport"
)

// Errors returned by the scheme. Each is wrapped with detail; test with
// errors.Is.
var (
	// ErrInvalidSignature: the pairing equation does not hold.
	ErrInvalidSignature = errors.New("bls: invalid signature")
	// ErrInvalidPublicKey: KeyValidate refused the key (bad encoding, the
	// identity, or a point outside G1).
	ErrInvalidPublicKey = errors.New("bls: invalid public key")
	// ErrInvalidPoint: a G2 encoding is malformed, off the curve or
	// outside G2, or is the identity where a partial signature is
	// expected.
	ErrInvalidPoint = errors.New("bls: invalid G2 point")
	// ErrInput: the caller's arguments are unusable (nil values, empty or
	// mismatched lists, a scalar of another curve, a zero secret key).
	ErrInput = errors.New("bls: invalid input")
	// ErrNotSupported: the operation is not defined for the ciphersuite
	// (FastAggregateVerify and proofs of possession need the POP suite).
	ErrNotSupported = errors.New("bls: operation not supported by the ciphersuite")
	// ErrInvalidPartial: a partial signature does not verify against its
	// signer's verification share; CombineError names the signers.
	ErrInvalidPartial = errors.New("bls: invalid partial signature")
	// ErrNotEnoughPartials: fewer than t distinct valid partial signatures.
	ErrNotEnoughPartials = errors.New("bls: not enough partial signatures")
)

// CombineError is returned by Combine when partial signatures fail
// verification: Culprits lists every such signer, in increasing order.
// errors.Is(err, ErrInvalidPartial) holds.
type CombineError struct {
	Culprits []transport.PartyID
	// Err is the first partial's failure, for its detail.
	Err error
}

// Error lists the culprits and the first failure.
func (e *CombineError) Error() string {
	ids := make([]string, len(e.Culprits))
	for i, id := range e.Culprits {
		ids[i] = fmt.Sprint(id)
	}
	return fmt.Sprintf("%v from parties %s: %v", ErrInvalidPartial, strings.Join(ids, ", "), e.Err)
}

// Unwrap returns ErrInvalidPartial and the first failure.
func (e *CombineError) Unwrap() []error { return []error{ErrInvalidPartial, e.Err} }

func newCombineError(culprits []transport.PartyID, first error) *CombineError {
	slices.Sort(culprits)
	return &CombineError{Culprits: culprits, Err: first}
}
