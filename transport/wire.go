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
	WireVersion = 2
	// MaxProtocol is the longest protocol name, in bytes.
	MaxProtocol = 255
	// MaxSessionID is the longest session identifier, in bytes.
	MaxSessionID = 1024
	// MaxRound is the highest round number.
	MaxRound = 255
	// EchoSize is the size of one slot of the echo vector in a run without
	// identities (a SHA-256 hash).
	EchoSize = 32
	// SignedEchoSize is the size of one slot of the echo vector in a run
	// with identities: the slot's party (4 bytes), the hashes of its
	// message's echo and payload (32 bytes each) and its signature (64).
	SignedEchoSize = 4 + 32 + 32 + SignatureSize
	// MaxEcho is the longest echo vector: one signed slot per party.
	MaxEcho = SignedEchoSize * MaxParties
	// MaxContext is the longest Context, in bytes.
	MaxContext = 64
	// SignatureSize is the size of a message signature (Ed25519).
	SignatureSize = 64
	// MaxPayload is the largest payload, 16 MiB.
	MaxPayload = 16 << 20
	// headerSize counts the fixed-width fields: version, kind, the protocol
	// and session lengths, round, from, to, the context and signature
	// lengths and the echo and payload lengths.
	headerSize = 1 + 1 + 1 + 2 + 2 + 4 + 4 + 1 + 1 + 4 + 4
	// MaxMessageSize is the largest encoding UnmarshalBinary accepts.
	MaxMessageSize = headerSize + MaxProtocol + MaxSessionID + MaxContext + MaxEcho + MaxPayload + SignatureSize
)

// ErrMalformed is wrapped by every error about a badly formed message or
// encoding.
var ErrMalformed = errors.New("transport: malformed message")

// Validate checks that m is well formed: the field sizes are within the wire
// limits, Round is in [1, MaxRound], From is not 0 and the echo vector is a
// whole number of 4-byte words (slots are 32 or SignedEchoSize bytes), the
// kind is known, Context is at most MaxContext bytes and Signature is empty
// or SignatureSize bytes. It says nothing about whether m belongs to a given
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
	case len(m.Echo) > MaxEcho || len(m.Echo)%4 != 0:
		return fmt.Errorf("%w: echo of %d bytes", ErrMalformed, len(m.Echo))
	case m.Kind > maxKind:
		return fmt.Errorf("%w: kind %d", ErrMalformed, m.Kind)
	case len(m.Context) > MaxContext:
		return fmt.Errorf("%w: context of %d bytes", ErrMalformed, len(m.Context))
	case len(m.Signature) != 0 && len(m.Signature) != SignatureSize:
		return fmt.Errorf("%w: signature of %d bytes", ErrMalformed, len(m.Signature))
	case len(m.Payload) > MaxPayload:
		return fmt.Errorf("%w: payload of %d bytes", ErrMalformed, len(m.Payload))
	}
	return nil
}

// MarshalBinary encodes m as
//
//	version(1) | kind(1) | len(protocol)(1) | len(session)(2) | round(2) |
//	from(4) | to(4) | len(context)(1) | len(signature)(1) | len(echo)(4) |
//	len(payload)(4) | protocol | session | context | echo | payload | signature
//
// with big-endian integers. Every variable-length field is length-prefixed,
// so the encoding is injective. It fails if m does not pass Validate.
func (m *Message) MarshalBinary() ([]byte, error) {
	if err := m.Validate(); err != nil {
		return nil, err
	}
	size := headerSize + len(m.Protocol) + len(m.SessionID) + len(m.Context) + len(m.Echo) + len(m.Payload) + len(m.Signature)
	b := make([]byte, 0, size)
	b = append(b, WireVersion, byte(m.Kind), byte(len(m.Protocol)))
	b = binary.BigEndian.AppendUint16(b, uint16(len(m.SessionID)))
	b = binary.BigEndian.AppendUint16(b, uint16(m.Round))
	b = binary.BigEndian.AppendUint32(b, uint32(m.From))
	b = binary.BigEndian.AppendUint32(b, uint32(m.To))
	b = append(b, byte(len(m.Context)), byte(len(m.Signature)))
	b = binary.BigEndian.AppendUint32(b, uint32(len(m.Echo)))
	b = binary.BigEndian.AppendUint32(b, uint32(len(m.Payload)))
	b = append(b, m.Protocol...)
	b = append(b, m.SessionID...)
	b = append(b, m.Context...)
	b = append(b, m.Echo...)
	b = append(b, m.Payload...)
	b = append(b, m.Signature...)
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
	kind := Kind(data[1])
	protoLen := int(data[2])
	sessLen := int(binary.BigEndian.Uint16(data[3:]))
	round := int(binary.BigEndian.Uint16(data[5:]))
	from := PartyID(binary.BigEndian.Uint32(data[7:]))
	to := PartyID(binary.BigEndian.Uint32(data[11:]))
	ctxLen := int(data[15])
	sigLen := int(data[16])
	echoLen := uint64(binary.BigEndian.Uint32(data[17:]))
	payLen := uint64(binary.BigEndian.Uint32(data[21:]))
	if sessLen > MaxSessionID || ctxLen > MaxContext || echoLen > MaxEcho || payLen > MaxPayload {
		return fmt.Errorf("%w: field length over limit", ErrMalformed)
	}
	// All lengths are now small, so this sum cannot overflow.
	want := uint64(headerSize) + uint64(protoLen) + uint64(sessLen) + uint64(ctxLen) + echoLen + payLen + uint64(sigLen)
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
		Kind:     kind,
	}
	dec.SessionID = take(sessLen)
	dec.Context = take(ctxLen)
	dec.Echo = take(int(echoLen))
	dec.Payload = take(int(payLen))
	dec.Signature = take(sigLen)
	if err := dec.Validate(); err != nil {
		return err
	}
	*m = dec
	return nil
}
