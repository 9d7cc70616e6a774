package hd

import (
	"errors"
	"fmt"
)

// Errors returned by this package. Each is wrapped with detail; test with
// errors.Is.
var (
	// ErrHardened means a hardened index (>= 2^31) where only non-hardened
	// ones can work: hardened derivation needs the parent private key, which
	// no party of a threshold key holds.
	ErrHardened = errors.New("hd: hardened derivation needs the private key")
	// ErrInvalidChild means BIP-32 declared the child key at some index
	// invalid (parse256(I_L) >= n, or a zero or infinite child key). BIP-32
	// says to proceed with the next index; this package leaves that choice
	// to the caller. See InvalidChildError for the position.
	ErrInvalidChild = errors.New("hd: invalid child key at this index")
	// ErrPath means a malformed derivation path string.
	ErrPath = errors.New("hd: malformed derivation path")
	// ErrDepth means a derivation would go past depth 255, the most the
	// serialization's one depth byte can express.
	ErrDepth = errors.New("hd: derivation deeper than 255 levels")
	// ErrEncoding means a malformed Base58 or Base58Check string.
	ErrEncoding = errors.New("hd: malformed Base58Check encoding")
	// ErrChecksum means a Base58Check checksum mismatch.
	ErrChecksum = errors.New("hd: Base58Check checksum mismatch")
	// ErrExtendedKey means a serialized extended key that is well-formed
	// Base58Check but not a valid BIP-32 key (wrong length, unknown or
	// mismatched version, bad key data, inconsistent master fields).
	ErrExtendedKey = errors.New("hd: invalid extended key")
	// ErrChainCode means a chain code that is not 32 bytes.
	ErrChainCode = errors.New("hd: chain code must be 32 bytes")
	// ErrKey means a key that is not a usable secp256k1 key (another
	// curve, the identity, a zero secret).
	ErrKey = errors.New("hd: not a valid secp256k1 key")
)

// InvalidChildError reports which step of a derivation hit an invalid
// child. It matches ErrInvalidChild with errors.Is.
type InvalidChildError struct {
	// Position is the index into the Path of the failing step.
	Position int
	// Index is the child number at that step.
	Index uint32
}

// Error implements error.
func (e *InvalidChildError) Error() string {
	return fmt.Sprintf("%v: path position %d, index %d", ErrInvalidChild, e.Position, e.Index)
}

// Unwrap makes errors.Is(err, ErrInvalidChild) hold.
func (e *InvalidChildError) Unwrap() error { return ErrInvalidChild }
