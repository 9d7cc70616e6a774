package transport

import (
	"bytes"
	"errors"
	"fmt"
)

// accept checks one incoming message and stores it for its round. It
// changes nothing unless it returns nil (or an *AbortError for an
// equivocation, which ends the run).
func (m *machine[Out]) accept(msg *Message) error {
	refuse := func(err error) error {
		return &MessageError{From: msg.From, Round: msg.Round, Err: err}
	}
	if err := msg.Validate(); err != nil {
		return refuse(err)
	}
	switch {
	case msg.Protocol != m.protocol:
		// Another version of this protocol, from one of the run's parties
		// and for this very session, is a *VersionError naming it; Run ends
		// the run on it. The session-id helpers derive the id from the
		// protocol's family, so both versions of one run share it. A
		// message of another session is only a stray, whatever its
		// version: a peer that runs a newer version in another session
		// over the same connection is not at fault here.
		sameRun := bytes.Equal(msg.SessionID, m.session) && msg.From != m.self && m.member[msg.From]
		if ve := versionMismatch(msg.From, m.protocol, msg.Protocol); ve != nil && sameRun {
			return refuse(ve)
		}
		return refuse(fmt.Errorf("%w: %q, this run speaks %q", ErrWrongProtocol, msg.Protocol, m.protocol))
	case !bytes.Equal(msg.SessionID, m.session):
		return refuse(ErrWrongSession)
	case msg.From == m.self || !m.member[msg.From]:
		return refuse(fmt.Errorf("%w: %d", ErrUnknownSender, msg.From))
	case msg.To != 0 && msg.To != m.self:
		return refuse(fmt.Errorf("%w: addressed to %d", ErrWrongRecipient, msg.To))
	case !bytes.Equal(msg.Context, m.bind.context):
		return refuse(&ContextError{Peer: msg.From})
	case m.id != nil && !m.bind.verify(m.id.Peers, ptr(headerOf(msg))):
		return refuse(ErrBadSignature)
	case m.id == nil && (msg.Kind != KindRound || len(msg.Signature) != 0):
		return refuse(fmt.Errorf("%w: a %s message with %d signature bytes in a run without identities", ErrBadRound, msg.Kind, len(msg.Signature)))
	case msg.Kind != KindRound:
		return errNotRound
	case m.conc != nil:
		return refuse(fmt.Errorf("%w: this party has concluded the run", ErrBadRound))
	case msg.Round > max(m.round, 1)+MaxLead:
		return refuse(fmt.Errorf("%w: round %d is more than %d rounds ahead of round %d", ErrBadRound, msg.Round, MaxLead, m.round))
	}
	key := slot{round: msg.Round, from: msg.From, kind: kindOf(msg)}
	if d, ok := m.seen[key]; ok {
		if d == digest(msg) {
			return refuse(ErrDuplicate)
		}
		ae := NewAbortError(m.protocol, msg.Round,
			fmt.Sprintf("party %d sent two different messages for one round", msg.From),
			ErrEquivocation, msg.From)
		if m.id != nil {
			// Both signed messages go into this party's view, where they
			// prove the equivocation to everyone.
			m.view = append(m.view, viewEntry{h: headerOf(msg), echo: bytes.Clone(msg.Echo)})
			m.trigger = &failure{ae: ae}
			return nil
		}
		return m.fail(ae)
	}
	if msg.Round <= m.round && !m.plans[msg.Round].waits(m.self, msg.From, key.kind) {
		return refuse(unexpected(msg.Round))
	}
	if msg.Round < m.round {
		// Reached only for a kind the round used but never saw from this
		// sender, which cannot happen once the round is complete.
		return refuse(fmt.Errorf("%w: round %d is over", ErrBadRound, msg.Round))
	}
	m.seen[key] = digest(msg)
	m.pending[key] = msg.Clone()
	if m.id != nil {
		m.view = append(m.view, viewEntry{h: headerOf(msg), echo: bytes.Clone(msg.Echo)})
		m.archive[keyOfMessage(msg)] = m.pending[key]
	}
	return nil
}

// errNotRound tells dispatch that accept checked the header of a message
// of the agreement layer, which dispatch handles by its kind.
var errNotRound = errors.New("not a round message")

func ptr[T any](v T) *T { return &v }

// keyOfMessage returns the evidence slot m fills.
func keyOfMessage(m *Message) evidenceKey {
	return evidenceKey{round: m.Round, from: m.From, to: m.To, kind: m.Kind}
}

// dispatch accepts msg by its kind and returns what must be sent at once
// (answers to a request).
func (m *machine[Out]) dispatch(msg *Message) ([]*Message, error) {
	err := m.accept(msg)
	var ce *ContextError
	if errors.As(err, &ce) {
		return m.announceContext(ce.Peer), err
	}
	if !errors.Is(err, errNotRound) {
		return nil, err
	}
	switch msg.Kind {
	case KindNotice:
		return nil, m.acceptNotice(msg)
	case KindCertificate:
		return m.acceptCertificate(msg)
	case KindRequest:
		return m.answerRequest(msg)
	case KindRelay:
		return nil, m.acceptRelay(msg)
	}
	return nil, &MessageError{From: msg.From, Round: msg.Round, Err: fmt.Errorf("%w: kind %s", ErrMalformed, msg.Kind)}
}

// unexpected is the reason for refusing a message that its round's plan
// does not wait for: a kind the round does not use, a sender that does not
// send in it, or a direct message to a party that receives none.
func unexpected(round int) error {
	return fmt.Errorf("%w: round %d expects no such message from this sender", ErrBadRound, round)
}

// hasAll reports whether p's every expected message of the current round
// has arrived.
func (m *machine[Out]) hasAll(p PartyID) bool {
	for _, k := range []kind{kindBroadcast, kindDirect} {
		if m.plan.waits(m.self, p, k) && m.pending[slot{m.round, p, k}] == nil {
			return false
		}
	}
	return true
}

// announceContext returns, once, a message to every other party that
// carries this party's context. The party stops on the mismatch (Run ends
// the run on a *ContextError), and so must every party whose context
// differs from its own: one that has sent nothing to it yet, or waits for
// nothing from it, would otherwise wait in vain and time out on it. Such a
// party refuses the message with a *ContextError of its own; a party with
// this party's context takes it for an empty request.
func (m *machine[Out]) announceContext(peer PartyID) []*Message {
	if m.announced || !m.member[peer] || peer == m.self || len(m.others) == 0 {
		return nil
	}
	m.announced = true
	msg := &Message{
		Protocol: m.protocol, Round: max(m.round, 1), SessionID: m.bind.session, From: m.self,
		Kind: KindRequest, Context: m.bind.context,
	}
	if m.id != nil {
		m.bind.sign(m.id.Key, msg)
	}
	return []*Message{msg}
}
