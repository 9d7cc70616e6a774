package transport

import (
	"bytes"
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
		// Another version of this protocol from one of the run's parties
		// is a *VersionError naming it; Run ends the run on it. It is
		// judged before the session id, which the helpers derive from the
		// protocol's family and so agrees across versions, but a session
		// id made some other way may not. Anything else is a stray
		// message.
		if ve := versionMismatch(msg.From, m.protocol, msg.Protocol); ve != nil && msg.From != m.self && m.member[msg.From] {
			return refuse(ve)
		}
		return refuse(fmt.Errorf("%w: %q, this run speaks %q", ErrWrongProtocol, msg.Protocol, m.protocol))
	case !bytes.Equal(msg.SessionID, m.session):
		return refuse(ErrWrongSession)
	case msg.From == m.self || !m.member[msg.From]:
		return refuse(fmt.Errorf("%w: %d", ErrUnknownSender, msg.From))
	case msg.To != 0 && msg.To != m.self:
		return refuse(fmt.Errorf("%w: addressed to %d", ErrWrongRecipient, msg.To))
	case msg.Round > max(m.round, 1)+MaxLead:
		return refuse(fmt.Errorf("%w: round %d is more than %d rounds ahead of round %d", ErrBadRound, msg.Round, MaxLead, m.round))
	}
	key := slot{round: msg.Round, from: msg.From, kind: kindOf(msg)}
	if d, ok := m.seen[key]; ok {
		if d == digest(msg) {
			return refuse(ErrDuplicate)
		}
		return m.fail(NewAbortError(m.protocol, msg.Round,
			fmt.Sprintf("party %d sent two different messages for one round", msg.From),
			ErrEquivocation, msg.From))
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
	return nil
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
