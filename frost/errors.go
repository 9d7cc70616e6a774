package frost

import (
	"errors"
	"strings"
)

// Sentinel errors. Functions wrap them with detail (often the identifier at
// fault); test with errors.Is.
var (
	// ErrInvalidSuite means the zero Ciphersuite value, or an unknown one, was
	// passed.
	ErrInvalidSuite = errors.New("frost: invalid ciphersuite")
	// ErrSuiteMismatch means values made for different ciphersuites (or
	// curves) were mixed.
	ErrSuiteMismatch = errors.New("frost: values of different ciphersuites")
	// ErrInvalidIdentifier means an identifier is zero or not below the group
	// order (SECURITY.md case 21).
	ErrInvalidIdentifier = errors.New("frost: identifier is zero or not a canonical scalar")
	// ErrDuplicateIdentifier means an identifier occurs twice in a list.
	ErrDuplicateIdentifier = errors.New("frost: duplicate identifier")
	// ErrUnknownIdentifier means an identifier is not part of the key set or
	// of the signing package.
	ErrUnknownIdentifier = errors.New("frost: unknown identifier")
	// ErrInvalidParameters means impossible threshold parameters or missing
	// arguments.
	ErrInvalidParameters = errors.New("frost: invalid parameters")
	// ErrInvalidKey means a signing share, verifying share or group key is
	// unusable (zero, identity, wrong curve).
	ErrInvalidKey = errors.New("frost: invalid key material")
	// ErrNotEnoughSigners means the signing package holds fewer commitments
	// than the key's minimum number of signers.
	ErrNotEnoughSigners = errors.New("frost: fewer commitments than the minimum number of signers")
	// ErrMissingCommitment means the signer's own identifier is not in the
	// signing package.
	ErrMissingCommitment = errors.New("frost: signer's own commitment missing from the signing package")
	// ErrIncorrectCommitment means the signing package lists, for the signer,
	// commitments other than the ones it made in round one.
	ErrIncorrectCommitment = errors.New("frost: signer's commitment in the signing package is not its own")
	// ErrInvalidCommitment means a nonce commitment is missing, the identity
	// or on another curve, or the group commitment is the identity.
	ErrInvalidCommitment = errors.New("frost: invalid nonce commitment")
	// ErrNonceReused means a SigningNonces value was already consumed by Sign
	// or zeroized (SECURITY.md case 22).
	ErrNonceReused = errors.New("frost: signing nonces already used")
	// ErrMissingShare means no signature share arrived for a signer that
	// committed.
	ErrMissingShare = errors.New("frost: signature share missing")
	// ErrInvalidSignatureShare means a signature share failed verification.
	// Aggregate and VerifySignatureShare return it inside a *CheatersError.
	ErrInvalidSignatureShare = errors.New("frost: invalid signature share")
	// ErrInvalidSignature means a signature failed verification or could not
	// be decoded.
	ErrInvalidSignature = errors.New("frost: invalid signature")
	// ErrInvalidEncoding means a wire encoding is malformed (length, order,
	// counts).
	ErrInvalidEncoding = errors.New("frost: invalid encoding")
	// ErrNotTaproot means a taproot-only operation was asked of another
	// ciphersuite.
	ErrNotTaproot = errors.New("frost: operation needs the Secp256k1TR ciphersuite")
	// ErrRandomness means reading randomness failed; the operation aborted
	// without a fallback.
	ErrRandomness = errors.New("frost: reading randomness failed")
)

// CheatersError names every signer whose signature share failed
// verification (RFC 9591 section 5.4, identifiable abort). It unwraps to
// ErrInvalidSignatureShare.
type CheatersError struct {
	// Identifiers lists the cheating signers in ascending order.
	Identifiers []Identifier
}

// Error lists the culprits.
func (e *CheatersError) Error() string {
	var b strings.Builder
	b.WriteString(ErrInvalidSignatureShare.Error())
	b.WriteString(" from signer")
	if len(e.Identifiers) != 1 {
		b.WriteString("s")
	}
	for i, id := range e.Identifiers {
		if i == 0 {
			b.WriteString(" ")
		} else {
			b.WriteString(", ")
		}
		b.WriteString(id.String())
	}
	return b.String()
}

// Unwrap returns ErrInvalidSignatureShare.
func (e *CheatersError) Unwrap() error { return ErrInvalidSignatureShare }
