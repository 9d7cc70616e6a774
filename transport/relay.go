package transport

import (
	"encoding/binary"
	"fmt"
)

// Expirer is implemented by machines that handle Run's round timeout
// themselves. The machines of NewMachine do in runs with identities: the
// first timeout of a round asks the others for the missing messages (any
// party holding a signed broadcast relays it; the sender of a direct
// message sends it again), and the second concludes the run, blaming the
// parties still silent (docs/agreement.md).
type Expirer interface {
	// Expire is called by Run when a round timeout passes without
	// progress. It returns messages to send; handled false asks Run to end
	// the run as it does for a machine without Expire.
	Expire() (out []*Message, handled bool, err error)
}

// Expire implements Expirer.
func (m *machine[Out]) Expire() ([]*Message, bool, error) {
	switch {
	case m.id == nil:
		return nil, false, nil
	case m.err != nil:
		return nil, true, m.err
	case m.done || !m.started:
		return nil, true, nil
	}
	var out []*Message
	switch {
	case m.conc != nil:
		out = m.finishConclusionRound()
	case m.stage == 0:
		m.stage = 1
		return m.sendable(m.requestMissing()), true, nil
	default:
		// Parties that asked for messages of an earlier round are stuck
		// themselves, not silent by choice.
		var silent []PartyID
		for _, p := range m.Waiting() {
			if r, ok := m.stalled[p]; !ok || r >= m.round {
				silent = append(silent, p)
			}
		}
		ae := NewAbortError(m.protocol, m.round, "no message in time", ErrTimeout, silent...)
		out, _ = m.abort(&failure{ae: ae, firsthand: true})
	}
	more, err := m.advance()
	return append(out, more...), true, err
}

// requestMissing asks every other party for the messages of the current
// round this party still waits for: payload n × (sender(4) | direct(1)).
func (m *machine[Out]) requestMissing() []*Message {
	var body []byte
	for _, p := range m.others {
		for _, k := range []kind{kindBroadcast, kindDirect} {
			if m.plan.waits(m.self, p, k) && m.pending[slot{m.round, p, k}] == nil {
				body = binary.BigEndian.AppendUint32(body, uint32(p))
				body = append(body, byte(k))
			}
		}
	}
	msg := &Message{
		Protocol: m.protocol, Round: m.round, SessionID: m.bind.session, From: m.self,
		Kind: KindRequest, Context: m.bind.context, Payload: body,
	}
	m.bind.sign(m.id.Key, msg)
	return []*Message{msg}
}

// answerRequest relays to the requester every message it asks for that
// this party holds: any broadcast, and its own direct messages to it.
func (m *machine[Out]) answerRequest(msg *Message) ([]*Message, error) {
	if len(msg.Payload)%5 != 0 || len(msg.Payload) > 5*2*MaxParties {
		return nil, &MessageError{From: msg.From, Round: msg.Round, Err: fmt.Errorf("%w: request of %d bytes", ErrMalformed, len(msg.Payload))}
	}
	if r, ok := m.stalled[msg.From]; !ok || msg.Round < r {
		m.stalled[msg.From] = msg.Round
	}
	var out []*Message
	for b := msg.Payload; len(b) > 0; b = b[5:] {
		from, k := PartyID(binary.BigEndian.Uint32(b)), kind(b[4])
		key := evidenceKey{round: msg.Round, from: from, kind: KindRound}
		switch {
		case k == kindDirect && from == m.self:
			key.to = msg.From
		case k != kindBroadcast:
			continue
		}
		orig := m.archive[key]
		if orig == nil {
			continue
		}
		enc, err := orig.MarshalBinary()
		if err != nil {
			continue
		}
		relay := &Message{
			Protocol: m.protocol, Round: msg.Round, SessionID: m.bind.session, From: m.self, To: msg.From,
			Kind: KindRelay, Context: m.bind.context, Payload: enc,
		}
		m.bind.sign(m.id.Key, relay)
		out = append(out, relay)
	}
	return out, nil
}

// acceptRelay accepts the signed original inside a relay as if its sender
// had sent it directly: every check of accept applies to it, its signature
// included.
func (m *machine[Out]) acceptRelay(msg *Message) error {
	var inner Message
	if err := inner.UnmarshalBinary(msg.Payload); err != nil {
		return &MessageError{From: msg.From, Round: msg.Round, Err: err}
	}
	if inner.Kind != KindRound || (inner.To != 0 && inner.To != m.self) {
		return &MessageError{From: msg.From, Round: msg.Round, Err: fmt.Errorf("%w: relay of a %s message", ErrBadRound, inner.Kind)}
	}
	return m.accept(&inner)
}
