package transport

import (
	"encoding/binary"
	"errors"
	"fmt"
)

// Limits of the wire encoding. A message outside them is refused by
// MarshalBinary, UnmarshalBinary and Validate, before any allocation sized
// by a peer.
const (
	// WireVersion is the first byte of every encoded message. A decoder
	// refuses any other value (see UnmarshalBinary); a new layout of the
	// envelope gets a new value (docs/compatibility.md).
	WireVersion = 1
	// MaxProtocol is the longest protocol name, in bytes.
	MaxProtocol = 255
	// MaxSessionID is the longest session identifier, in bytes.
	MaxSessionID = 1024
	// MaxRound is the highest round number.
	MaxRound = 255
	// EchoSize is the size of one slot of the echo vector (a SHA-256 hash).
	EchoSize = 32
	// MaxEcho is the longest echo vector: one slot per party.
	MaxEcho = EchoSize * MaxParties
	// MaxPayload is the largest payload, 16 MiB.
	MaxPayload = 16 << 20
	// headerSize counts the fixed-width fields: version, the protocol and
	// session lengths, round, from, to and the echo and payload lengths.
	headerSize = 1 + 1 + 2 + 2 + 4 + 4 + 4 + 4
	// MaxMessageSize is the largest encoding UnmarshalBinary accepts.
	MaxMessageSize = headerSize + MaxProtocol + MaxSessionID + MaxEcho + MaxPayload
)

// ErrMalformed is wrapped by every error about a badly formed message or
// encoding.
var ErrMalformed = errors.New("transport: malformed message")

// Validate checks that m is well formed: the field sizes are within the wire
// limits, Round is in [1, MaxRound], From is not 0 and the echo vector is a
// whole number of slots. It says nothing about whether m belongs to a given
// run; the round framework checks that.
func (m *Message) Validate() error {
	switch {
	case m == nil:
		return fmt.Errorf("%w: nil message", ErrMalformed)
	case len(m.Protocol) == 0 || len(m.Protocol) > MaxProtocol:
		return fmt.Errorf("%w: protocol name of %d bytes", ErrMalformed, len(m.Protocol))
	case m.Round < 1 || m.Round > MaxRound:
		return fmt.Errorf("%w: round %d", ErrMalformed, m.Round)
	case len(m.SessionID) > MaxSessionID:
		return fmt.Errorf("%w: session id of %d bytes", ErrMalformed, len(m.SessionID))
	case m.From == 0:
		return fmt.Errorf("%w: sender 0", ErrMalformed)
	case len(m.Echo) > MaxEcho || len(m.Echo)%EchoSize != 0:
		return fmt.Errorf("%w: echo of %d bytes", ErrMalformed, len(m.Echo))
	case len(m.Payload) > MaxPayload:
		return fmt.Errorf("%w: payload of %d bytes", ErrMalformed, len(m.Payload))
	}
	return nil
}

// MarshalBinary encodes m as
//
//	version(1) | len(protocol)(1) | len(session)(2) | round(2) | from(4) | to(4) |
//	len(echo)(4) | len(payload)(4) | protocol | session | echo | payload
//
// with big-endian integers. Every variable-length field is length-prefixed,
// so the encoding is injective. It fails if m does not pass Validate.
func (m *Message) MarshalBinary() ([]byte, error) {
	if err := m.Validate(); err != nil {
		return nil, err
	}
	size := headerSize + len(m.Protocol) + len(m.SessionID) + len(m.Echo) + len(m.Payload)
	b := make([]byte, 0, size)
	b = append(b, WireVersion, byte(len(m.Protocol)))
	b = binary.BigEndian.AppendUint16(b, uint16(len(m.SessionID)))
	b = binary.BigEndian.AppendUint16(b, uint16(m.Round))
	b = binary.BigEndian.AppendUint32(b, uint32(m.From))
	b = binary.BigEndian.AppendUint32(b, uint32(m.To))
	b = binary.BigEndian.AppendUint32(b, uint32(len(m.Echo)))
	b = binary.BigEndian.AppendUint32(b, uint32(len(m.Payload)))
	b = append(b, m.Protocol...)
	b = append(b, m.SessionID...)
	b = append(b, m.Echo...)
	b = append(b, m.Payload...)
	return b, nil
}

// UnmarshalBinary decodes data written by MarshalBinary into m. It checks the
// version and every length against the limits before copying anything,
// refuses trailing bytes, and validates the result. On error m is unchanged.
// The decoded message does not alias data. Another version byte than
// WireVersion is refused with a *VersionError (Family WireFamily, Peer 0)
// that states both versions; like every other error here, it matches
// ErrMalformed.
func (m *Message) UnmarshalBinary(data []byte) error {
	if len(data) > MaxMessageSize {
		return fmt.Errorf("%w: %d bytes exceeds %d", ErrMalformed, len(data), MaxMessageSize)
	}
	if len(data) < headerSize {
		return fmt.Errorf("%w: %d bytes is shorter than the header", ErrMalformed, len(data))
	}
	if data[0] != WireVersion {
		// A *VersionError stating both versions; errors.Is still finds
		// ErrMalformed.
		return wireVersionError(data[0])
	}
	protoLen := int(data[1])
	sessLen := int(binary.BigEndian.Uint16(data[2:]))
	round := int(binary.BigEndian.Uint16(data[4:]))
	from := PartyID(binary.BigEndian.Uint32(data[6:]))
	to := PartyID(binary.BigEndian.Uint32(data[10:]))
	echoLen := uint64(binary.BigEndian.Uint32(data[14:]))
	payLen := uint64(binary.BigEndian.Uint32(data[18:]))
	if sessLen > MaxSessionID || echoLen > MaxEcho || payLen > MaxPayload {
		return fmt.Errorf("%w: field length over limit", ErrMalformed)
	}
	// All lengths are now small, so this sum cannot overflow.
	want := uint64(headerSize) + uint64(protoLen) + uint64(sessLen) + echoLen + payLen
	if uint64(len(data)) != want {
		return fmt.Errorf("%w: %d bytes, header announces %d", ErrMalformed, len(data), want)
	}
	rest := data[headerSize:]
	take := func(n int) []byte {
		if n == 0 {
			return nil
		}
		out := make([]byte, n)
		copy(out, rest[:n])
		rest = rest[n:]
		return out
	}
	dec := Message{
		Protocol: string(take(protoLen)),
		Round:    round,
		From:     from,
		To:       to,
	}
	dec.SessionID = take(sessLen)
	dec.Echo = take(int(echoLen))
	dec.Payload = take(int(payLen))
	if err := dec.Validate(); err != nil {
		return err
	}
	*m = dec
	return nil
}
