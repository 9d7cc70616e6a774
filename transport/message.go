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
	// Kind tells a protocol round's message from the framework's own
	// messages of the agreement layer (KindRound unless it says otherwise).
	Kind Kind
	// Context is a digest of the public inputs the run depends on (the key,
	// the party set: Config.Context), the same at every party of a run; a
	// message with another Context is refused with a *ContextError.
	Context []byte
	// Signature is the sender's Ed25519 signature over every other field
	// (SignedDigest) when the run has identities (Config.Identity), and
	// empty otherwise.
	Signature []byte
}

// Kind tells the round framework's message kinds apart.
type Kind uint8

// The message kinds. Only KindRound carries protocol payloads; the others
// belong to the agreement layer (docs/agreement.md) and exist only in runs
// with identities.
const (
	// KindRound is a message of a protocol round (or of the echo-only or
	// confirmation round the framework appends).
	KindRound Kind = iota
	// KindNotice is a message of the conclusion that follows an abort: the
	// evidence its sender holds, relayed as in Dolev and Strong's
	// authenticated broadcast.
	KindNotice
	// KindCertificate carries every party's signed confirmation of a run's
	// output, so that a party whose own copy of a confirmation was withheld
	// still commits.
	KindCertificate
	// KindRequest asks the other parties to send again the messages of a
	// round this party is still missing.
	KindRequest
	// KindRelay carries, as its payload, another party's signed message
	// that the receiver asked for.
	KindRelay
	maxKind = KindRelay
)

// String names the kind.
func (k Kind) String() string {
	switch k {
	case KindRound:
		return "round"
	case KindNotice:
		return "notice"
	case KindCertificate:
		return "certificate"
	case KindRequest:
		return "request"
	case KindRelay:
		return "relay"
	}
	return fmt.Sprintf("kind(%d)", uint8(k))
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
	c.Context = bytes.Clone(m.Context)
	c.Signature = bytes.Clone(m.Signature)
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
	kind := ""
	if m.Kind != KindRound {
		kind = " " + m.Kind.String()
	}
	return fmt.Sprintf("%s round %d%s %d->%s (payload %d bytes, echo %d bytes)",
		m.Protocol, m.Round, kind, m.From, to, len(m.Payload), len(m.Echo))
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
		slog.String("kind", m.Kind.String()),
		slog.Uint64("from", uint64(m.From)),
		slog.Uint64("to", uint64(m.To)),
		slog.Int("payload_bytes", len(m.Payload)),
		slog.Int("echo_bytes", len(m.Echo)),
	)
}
