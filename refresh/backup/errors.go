package backup

import (
	"errors"
	"fmt"
)

// Sentinel errors. Open's errors wrap exactly one of ErrFormat, ErrVersion,
// ErrParams, ErrCorrupted, ErrWrongPassphrase or ErrTampered; Seal's wrap
// ErrInput or ErrParams. Test with errors.Is; format problems are also a
// *FormatError naming the field.
var (
	// ErrInput: Seal was given an invalid share, scheme name or an empty
	// passphrase; or Open an empty passphrase.
	ErrInput = errors.New("backup: invalid input")
	// ErrFormat: the data is not a sealed key share: wrong magic,
	// truncated, trailing bytes, or a header field with an impossible
	// value.
	ErrFormat = errors.New("backup: malformed sealed key share")
	// ErrVersion: a format version this release cannot read.
	ErrVersion = errors.New("backup: unsupported format version")
	// ErrParams: key-derivation parameters out of the accepted range.
	ErrParams = errors.New("backup: key-derivation parameters out of range")
	// ErrCorrupted: the checksum does not match: the file is damaged.
	ErrCorrupted = errors.New("backup: checksum mismatch, the file is damaged")
	// ErrWrongPassphrase: the passphrase check failed. Either the
	// passphrase is wrong, or the salt, key-derivation parameters or
	// check value were altered (and the checksum recomputed).
	ErrWrongPassphrase = errors.New("backup: wrong passphrase")
	// ErrTampered: the passphrase is right but authentication failed: the
	// header or the ciphertext was altered (and the checksum recomputed),
	// or the sealed share does not match its header.
	ErrTampered = errors.New("backup: authentication failed, the file was altered")
)

// FormatError says which field of a sealed file is malformed. Err is
// ErrFormat, ErrVersion or ErrParams (with detail).
type FormatError struct {
	// Field names the header field, e.g. "magic", "scheme" or "length".
	Field string
	// Err is the reason.
	Err error
}

// Error implements error.
func (e *FormatError) Error() string { return fmt.Sprintf("backup: field %s: %v", e.Field, e.Err) }

// Unwrap returns the reason.
func (e *FormatError) Unwrap() error { return e.Err }

func formatErr(field string, sentinel error, format string, args ...any) error {
	return &FormatError{Field: field, Err: fmt.Errorf("%w: %s", sentinel, fmt.Sprintf(format, args...))}
}
