package wsnet

import "errors"

// Errors of this package; each is wrapped with details (errors.Is).
var (
	// ErrConfig: a Config or a relay's party set is invalid.
	ErrConfig = errors.New("wsnet: invalid configuration")
	// ErrFrame: a frame is too short, too long or names a party it may
	// not.
	ErrFrame = errors.New("wsnet: malformed frame")
	// ErrSeal: a direct message does not open under the pair's key: the
	// relay or someone on the way changed it, or it was not sent by the
	// party it names.
	ErrSeal = errors.New("wsnet: direct message does not authenticate")
	// ErrClosed: the client or the session is closed.
	ErrClosed = errors.New("wsnet: closed")
	// ErrRefused: the relay refused the connection (an id outside its
	// party set, or one already connected).
	ErrRefused = errors.New("wsnet: relay refused the party")
)
