package transport

import (
	"fmt"
	"strings"
)

// WireFamily is the family VersionError reports for the message envelope's
// own encoding (MarshalBinary), whose version is WireVersion: a peer whose
// messages start with another version byte is described as speaking
// "mosaic/wire/v<byte>".
const WireFamily = "mosaic/wire"

// maxVersionDigits bounds the version number in a protocol name, so that
// it always fits in an int.
const maxVersionDigits = 9

// ParseProtocol splits a protocol name of the form "<family>/v<N>", such as
// "mosaic/dkg/v2", into its family ("mosaic/dkg") and version (2). The
// family is everything before the last "/v" and must not be empty; N is a
// decimal number of at most nine digits without leading zeros. Any other
// name (no "/v", an empty family, "v" followed by nothing, a non-digit or
// a leading zero) is not versioned: ok is false.
//
// This is the one parse of a protocol's version: the round framework uses
// it to tell a peer that speaks another version of the same protocol
// (a *VersionError) from a message of another protocol altogether
// (plain ErrWrongProtocol).
func ParseProtocol(name string) (family string, version int, ok bool) {
	i := strings.LastIndex(name, "/v")
	if i < 1 {
		return "", 0, false
	}
	digits := name[i+len("/v"):]
	if len(digits) == 0 || len(digits) > maxVersionDigits || (len(digits) > 1 && digits[0] == '0') {
		return "", 0, false
	}
	for _, c := range []byte(digits) {
		if c < '0' || c > '9' {
			return "", 0, false
		}
		version = 10*version + int(c-'0')
	}
	return name[:i], version, true
}

// VersionError reports that a peer speaks another version of something
// this party speaks: of the protocol of a run (Family is the protocol's
// family, Local and Remote are full protocol names such as "mosaic/dkg/v2"
// and "mosaic/dkg/v3"), or of the message envelope's wire encoding (Family
// is WireFamily, Local and Remote are "mosaic/wire/v<N>").
//
// errors.Is matches ErrVersionMismatch, and also ErrWrongProtocol for a
// protocol version or ErrMalformed for a wire version, so code written
// against those sentinels keeps working.
//
// The round framework refuses a message of another version of its
// protocol with a *MessageError wrapping a *VersionError; Run then ends
// the run at once with an *AbortError naming Peer (see Run). Message's
// UnmarshalBinary returns one with Peer 0 for another wire version; a Conn
// that knows the authenticated sender (tlsnet) fills Peer in.
type VersionError struct {
	// Peer is the party whose message carried the other version; 0 when
	// the decoder does not know the sender.
	Peer PartyID
	// Family is the protocol family, e.g. "mosaic/dkg", or WireFamily.
	Family string
	// Local is the name and version this party speaks.
	Local string
	// Remote is the name and version the peer's message carries.
	Remote string
}

// Error implements error: one sentence naming the peer and both versions.
func (e *VersionError) Error() string {
	who := "a peer"
	if e.Peer != 0 {
		who = fmt.Sprintf("party %d", e.Peer)
	}
	if e.Family == WireFamily {
		_, remote, rok := ParseProtocol(e.Remote)
		_, local, lok := ParseProtocol(e.Local)
		if rok && lok {
			return fmt.Sprintf("transport: malformed message: %s sends wire version %d, this party reads wire version %d only",
				who, remote, local)
		}
	}
	return fmt.Sprintf("transport: %s speaks %s, this party speaks %s", who, e.Remote, e.Local)
}

// Is makes errors.Is(err, ErrVersionMismatch) hold, and
// errors.Is(err, ErrWrongProtocol) for a protocol version or
// errors.Is(err, ErrMalformed) for a wire version.
func (e *VersionError) Is(target error) bool {
	switch target {
	case ErrVersionMismatch:
		return true
	case ErrMalformed:
		return e.Family == WireFamily
	case ErrWrongProtocol:
		return e.Family != WireFamily
	}
	return false
}

// versionMismatch returns the *VersionError for a message from peer whose
// protocol remote is another version of local's family, or nil if the two
// names are not both versioned, belong to different families, or are the
// same version.
func versionMismatch(peer PartyID, local, remote string) *VersionError {
	lf, lv, lok := ParseProtocol(local)
	rf, rv, rok := ParseProtocol(remote)
	if !lok || !rok || lf != rf || lv == rv {
		return nil
	}
	return &VersionError{Peer: peer, Family: lf, Local: local, Remote: remote}
}

// wireVersionError describes an encoded message whose first byte is got
// rather than WireVersion.
func wireVersionError(got byte) *VersionError {
	return &VersionError{
		Family: WireFamily,
		Local:  fmt.Sprintf("%s/v%d", WireFamily, WireVersion),
		Remote: fmt.Sprintf("%s/v%d", WireFamily, got),
	}
}
