package refresh

import "errors"

// Sentinel errors. Errors from this package wrap one of them, with detail;
// failures caused by a peer are *transport.AbortError values whose Err wraps
// one of them and whose Culprits name the peers. Test with errors.Is and
// errors.As.
var (
	// ErrConfig: a bad local configuration (missing share, threshold out of
	// range, a party list that does not fit the key, a short nonce...).
	ErrConfig = errors.New("refresh: invalid configuration")
	// ErrNonZeroSharing: a refresh dealer's commitment to its sharing of
	// zero has a constant term other than the identity, so adding its
	// shares would change the group key (SECURITY.md case 20).
	ErrNonZeroSharing = errors.New("refresh: zero-sharing commitment has a non-zero constant term")
	// ErrBadCommitment: a Feldman or repair commitment that is malformed,
	// has the wrong length, or whose constant term is not what the
	// sender's public share requires.
	ErrBadCommitment = errors.New("refresh: malformed or wrong commitment")
	// ErrBadShare: a private share or repair value that does not match the
	// sender's public commitment.
	ErrBadShare = errors.New("refresh: share does not match the sender's commitment")
	// ErrBadComplaint: a malformed complaint, reveal or other control
	// message.
	ErrBadComplaint = errors.New("refresh: malformed complaint or reveal")
	// ErrPublicFormat: a malformed encoding of a key's public data.
	ErrPublicFormat = errors.New("refresh: malformed public key data")
	// ErrPublicInconsistent: public key data whose public shares, group key
	// and threshold do not fit together.
	ErrPublicInconsistent = errors.New("refresh: inconsistent public key data")
	// ErrInvariant: an internal check failed (the group key or threshold
	// would change, or a repaired share does not match its public share
	// although every contribution checked out). It indicates a bug, never
	// a peer's fault; the caller's state is unchanged.
	ErrInvariant = errors.New("refresh: invariant violated")
)
