package transport

import (
	"bytes"
	"fmt"
	"log/slog"
)

// Message is the envelope of every protocol message. Protocols fill in only
// To and Payload; the round framework (NewMachine) sets Protocol, Round,
// SessionID, From and Echo on outgoing messages and checks them on incoming
// ones.
//
// A Message never carries secrets in its header; the Payload may (for
// example a Shamir share sent directly to one party), so String and LogValue
// print only sizes, never payload bytes.
type Message struct {
	// Protocol names the protocol and its version, "<family>/v<N>", for
	// example "mosaic/frost/sign/v1" (ParseProtocol).
	Protocol string
	// Round is the round this message belongs to, starting at 1.
	Round int
	// SessionID binds the message to one run; it is compared byte for byte.
	SessionID []byte
	// From is the sender.
	From PartyID
	// To is the recipient, or 0 for a broadcast to every other party.
	To PartyID
	// Echo holds the sender's hashes of the previous round's broadcasts, one
	// EchoSize slot per sender of that round in increasing party order (see
	// the package doc). It is empty when the previous round had no
	// broadcast.
	Echo []byte
	// Payload is the protocol's encoded message body.
	Payload []byte
}

// Broadcast reports whether m is addressed to every party (To == 0).
func (m *Message) Broadcast() bool { return m.To == 0 }

// Clone returns a deep copy of m, so that two holders never share a byte
// slice. A nil message clones to nil.
func (m *Message) Clone() *Message {
	if m == nil {
		return nil
	}
	c := *m
	c.SessionID = bytes.Clone(m.SessionID)
	c.Echo = bytes.Clone(m.Echo)
	c.Payload = bytes.Clone(m.Payload)
	return &c
}

// String describes m without its payload or echo bytes, so it is safe to log.
func (m *Message) String() string {
	if m == nil {
		return "<nil message>"
	}
	to := "all"
	if m.To != 0 {
		to = fmt.Sprint(m.To)
	}
	return fmt.Sprintf("%s round %d %d->%s (payload %d bytes, echo %d bytes)",
		m.Protocol, m.Round, m.From, to, len(m.Payload), len(m.Echo))
}

// LogValue implements slog.LogValuer: a logged message shows its header and
// sizes, never its payload, which may hold secret shares.
func (m *Message) LogValue() slog.Value {
	if m == nil {
		return slog.StringValue("<nil message>")
	}
	return slog.GroupValue(
		slog.String("protocol", m.Protocol),
		slog.Int("round", m.Round),
		slog.Uint64("from", uint64(m.From)),
		slog.Uint64("to", uint64(m.To)),
		slog.Int("payload_bytes", len(m.Payload)),
		slog.Int("echo_bytes", len(m.Echo)),
	)
}
