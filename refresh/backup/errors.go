package backup

import (
	"errors"
	"fmt"
)

// Sentinel errors. The errors of Open and OpenECDSAKey wrap exactly one of
// ErrInput, ErrFormat, ErrVersion, ErrParams, ErrKind, ErrCorrupted,
// ErrWrongPassphrase or ErrTampered; those of Seal and SealECDSAKey wrap
// ErrInput or ErrParams. Test with errors.Is; format problems are also a
// *FormatError naming the field, and ErrKind a *KindError.
var (
	// ErrInput: Seal was given an invalid share, scheme name or an empty
	// passphrase, or SealECDSAKey an invalid key; or Open or OpenECDSAKey
	// an empty passphrase; or OpenECDSAKey options (WithPaillierOptions)
	// that the sealed key does not meet, such as another modulus size.
	ErrInput = errors.New("backup: invalid input")
	// ErrFormat: the data is not a sealed file: wrong magic, truncated,
	// trailing bytes, or a header field with an impossible value (an
	// unknown payload kind among them).
	ErrFormat = errors.New("backup: malformed sealed key share")
	// ErrVersion: a format version this release cannot read.
	ErrVersion = errors.New("backup: unsupported format version")
	// ErrParams: key-derivation parameters out of the accepted range.
	ErrParams = errors.New("backup: key-derivation parameters out of range")
	// ErrKind: the file holds another kind of payload than the function
	// reads: a sealed ECDSA key given to Open, or a sealed key share to
	// OpenECDSAKey. Refused before any key derivation.
	ErrKind = errors.New("backup: the file holds another kind of payload")
	// ErrCorrupted: the checksum does not match: the file is damaged.
	ErrCorrupted = errors.New("backup: checksum mismatch, the file is damaged")
	// ErrWrongPassphrase: the passphrase check failed. Either the
	// passphrase is wrong, or the salt, key-derivation parameters or
	// check value were altered (and the checksum recomputed).
	ErrWrongPassphrase = errors.New("backup: wrong passphrase")
	// ErrTampered: the passphrase is right but authentication failed: the
	// header or the ciphertext was altered (and the checksum recomputed),
	// or the sealed share or key does not match its header.
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

// KindError is ErrKind with the kinds: what the function reads (Want) and
// what the file holds (Got, from its header).
type KindError struct {
	// Want is the kind the function reads.
	Want Kind
	// Got is the kind the file's header announces.
	Got Kind
}

// Error implements error.
func (e *KindError) Error() string {
	msg := fmt.Sprintf("backup: the file holds %v, not %v", e.Got, e.Want)
	switch e.Got {
	case KindKeyShare:
		msg += ": open it with Open"
	case KindECDSAKey:
		msg += ": open it with OpenECDSAKey"
	}
	return msg
}

// Unwrap returns ErrKind.
func (e *KindError) Unwrap() error { return ErrKind }
