package tlsnet

import (
	"errors"
	"fmt"

	"github.com/mosaic-mpc/mosaic/transport"
)

// Sentinel errors; test them with errors.Is.
var (
	// ErrConfig: the Config is unusable (no certificate, no CA, a bad peer
	// list, a certificate that does not name Config.Self...).
	ErrConfig = errors.New("tlsnet: invalid configuration")
	// ErrClosed: the node, or the session, was closed.
	ErrClosed = errors.New("tlsnet: closed")
	// ErrSessionInUse: a session with this id is open already.
	ErrSessionInUse = errors.New("tlsnet: session id already open")
	// ErrSessionReused: a session with this id was open before and closed.
	// Session ids must be fresh for every run.
	ErrSessionReused = errors.New("tlsnet: session id already used")
	// ErrUnknownParty: a message for, or a connection from, a party that is
	// not a peer (or not a party of the session).
	ErrUnknownParty = errors.New("tlsnet: unknown party")
	// ErrSpoofed: a message whose From is not the party that sends it, on
	// either side: Send refuses it, and a frame received with another From
	// closes the connection of the authenticated peer who sent it.
	ErrSpoofed = errors.New("tlsnet: message From is not the sending party")
	// ErrMisrouted: a received message addressed to another party, or a
	// message sent with a session id other than its Session's.
	ErrMisrouted = errors.New("tlsnet: message for another party or session")
	// ErrIdentity: a peer certificate that does not carry exactly one valid
	// party identity, or carries the wrong one, or a peer that dialed when
	// it should have been dialed (the lower id dials the higher); or a
	// certificate whose key is not, or cannot be, its party's identity key
	// (*IdentityKeyError, IdentityKeyFromTLS).
	ErrIdentity = errors.New("tlsnet: peer identity refused")
	// ErrFrameTooLarge: a frame announced more than transport.MaxMessageSize
	// bytes.
	ErrFrameTooLarge = errors.New("tlsnet: frame too large")
	// ErrTruncatedFrame: the connection ended inside a frame.
	ErrTruncatedFrame = errors.New("tlsnet: truncated frame")
	// ErrBadFrame: a frame that does not hold a valid message encoding. It
	// is returned together with transport.ErrMalformed.
	ErrBadFrame = errors.New("tlsnet: malformed frame")
)

// ConnError reports the end of one connection, or a connection refused
// during the handshake, to Config.OnConnError. Peer is the authenticated
// peer, or 0 when the peer never authenticated.
type ConnError struct {
	// Peer is the other end, 0 if unknown.
	Peer transport.PartyID
	// Remote is the peer's network address.
	Remote string
	// Err is the cause: a network error, io.EOF when the peer closed the
	// connection, or one of the sentinels above (ErrFrameTooLarge,
	// ErrTruncatedFrame, ErrBadFrame, ErrSpoofed, ErrMisrouted,
	// ErrIdentity, or an *IdentityKeyError, which wraps ErrIdentity and
	// names the party whose certificate was refused).
	Err error
}

// Error implements error.
func (e *ConnError) Error() string {
	if e.Peer == 0 {
		return fmt.Sprintf("tlsnet: connection from %s: %v", e.Remote, e.Err)
	}
	return fmt.Sprintf("tlsnet: connection with party %d (%s): %v", e.Peer, e.Remote, e.Err)
}

// Unwrap returns the cause.
func (e *ConnError) Unwrap() error { return e.Err }
