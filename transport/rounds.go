package transport

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"slices"
)

// finishRound runs the echo check and Finalize for the complete current
// round and enters the next round (or finishes).
func (m *machine[Out]) finishRound() ([]*Message, error) {
	r := m.round
	_, echoOnly := m.cur.(*echoRound[Out])
	confirm, confirming := m.cur.(*confirmRound[Out])
	if culprits := m.checkEcho(echoOnly); len(culprits) > 0 {
		// Not this party's own finding to vouch for: a lying echoer and an
		// equivocating sender look alike here. The conclusion's views tell
		// them apart.
		return nil, &failure{ae: NewAbortError(m.protocol, r,
			fmt.Sprintf("echo of round %d broadcasts disagrees", r-1), ErrEchoMismatch, culprits...)}
	}
	if confirming {
		return m.finishConfirmation(confirm)
	}

	var echo []byte
	var echoSenders []PartyID
	if m.plan.Broadcast && !echoOnly {
		echo, echoSenders = m.echoVector(), m.plan.senders
	}
	in := &Inbox{
		round:     r,
		broadcast: make(map[PartyID][]byte),
		direct:    make(map[PartyID][]byte),
	}
	for _, p := range m.others {
		if m.plan.waits(m.self, p, kindBroadcast) || m.plan.waits(m.self, p, kindDirect) {
			in.senders = append(in.senders, p)
		}
		if msg := m.pending[slot{r, p, kindBroadcast}]; msg != nil {
			in.broadcast[p] = msg.Payload
		}
		if msg := m.pending[slot{r, p, kindDirect}]; msg != nil {
			in.direct[p] = msg.Payload
		}
		delete(m.pending, slot{r, p, kindBroadcast})
		delete(m.pending, slot{r, p, kindDirect})
	}

	step := m.cur.Finalize(in)
	out, next := step.out, step.next
	switch {
	case step.err != nil:
		return nil, &failure{ae: m.asAbort(r, step.err), firsthand: true}
	case echoOnly:
		return nil, m.finish(step.result)
	case step.done && m.id != nil:
		// The result is staged: one more round in which every party signs
		// a confirmation of its public part (and echoes the last
		// broadcasts); only with every confirmation does it commit. A
		// plain Finish confirms an empty public part: that every party
		// finished, so that none returns a result while another aborts.
		digest := confirmDigest(step.confirm)
		m.staged = &staged[Out]{result: step.result, digest: digest}
		out = []*Message{{To: 0, Payload: digest[:]}}
		next = &confirmRound[Out]{}
	case !step.done && next == nil:
		return nil, m.asAbort(r, errors.New("round returned neither a next round nor a result (zero Step)"))
	case step.done && m.plan.Broadcast && !m.plan.SkipFinalEcho && len(m.others) > 0:
		// The last broadcasts still need their echo check: one more round
		// whose messages carry only the echo vector.
		out = []*Message{{To: 0}}
		next = &echoRound[Out]{result: step.result}
	case step.done:
		return nil, m.finish(step.result)
	}
	refused, err := m.enter(next, out, echo, echoSenders)
	if err != nil {
		return nil, err
	}
	m.refused = append(m.refused, refused...)
	return m.sendable(out), nil
}

// sendable returns out, or nothing in a run of one party, where there is
// no one to send to.
func (m *machine[Out]) sendable(out []*Message) []*Message {
	if len(m.others) == 0 {
		return nil
	}
	return out
}

func (m *machine[Out]) finish(result Out) error {
	m.done = true
	m.result = result
	m.pending = nil
	m.seen = nil
	return nil
}

// enter checks and completes this party's outgoing messages for round next
// and makes it the current round. echo is this party's echo vector of the
// round it leaves, with a slot for each of echoSenders. It returns the
// refusals of buffered messages the new round does not wait for.
func (m *machine[Out]) enter(next Round[Out], out []*Message, echo []byte, echoSenders []PartyID) ([]error, error) {
	n := m.round + 1
	// A bad next round is the fault of the round that produced it (Start
	// counts as round 1).
	blame := max(m.round, 1)
	if n >= MaxRound {
		return nil, m.asAbort(blame, fmt.Errorf("round %d: a run has fewer than %d rounds", n, MaxRound))
	}
	p, err := m.newPlan(n, next.Expects())
	if err != nil {
		return nil, m.asAbort(blame, err)
	}
	if err := m.checkOutgoing(n, p, out); err != nil {
		return nil, m.asAbort(blame, err)
	}
	for _, o := range out {
		o.Protocol = m.protocol
		o.Round = n
		o.SessionID = bytes.Clone(m.session)
		o.From = m.self
		o.Echo = bytes.Clone(echo)
		o.Kind = KindRound
		o.Context = bytes.Clone(m.bind.context)
		if m.id != nil {
			m.bind.sign(m.id.Key, o)
			// Kept, as sent, to send again to a party that asks for it.
			m.archive[keyOfMessage(o)] = o.Clone()
		}
		if o.To == 0 {
			// Hashed now: the caller may reuse the payload buffer later.
			m.ownEcho = echoHash(m.protocol, m.session, n, m.self, o.Payload)
			m.ownHead = headerOf(o)
		}
	}
	m.round, m.cur, m.plan, m.prevEcho, m.prevSenders = n, next, p, echo, echoSenders
	m.plans[n] = p
	m.stage = 0

	// Messages buffered for this round were accepted before the machine
	// knew what the round waits for.
	var refused []error
	for key, msg := range m.pending {
		if key.round == n && !p.waits(m.self, key.from, key.kind) {
			delete(m.pending, key)
			delete(m.seen, key)
			refused = append(refused, &MessageError{From: msg.From, Round: n, Err: unexpected(n)})
		}
	}
	slices.SortFunc(refused, func(a, b error) int {
		return cmp.Compare(a.(*MessageError).From, b.(*MessageError).From)
	})
	return refused, nil
}

// checkOutgoing enforces that a party sends exactly what its peers' round
// waits for; a protocol bug is caught here rather than as a peer's timeout.
// A party that does not send in the round (Expect.From) sends nothing.
func (m *machine[Out]) checkOutgoing(n int, e *plan, out []*Message) error {
	if !e.sends[m.self] {
		if len(out) > 0 {
			return fmt.Errorf("round %d: %d messages from a party that does not send in it", n, len(out))
		}
		return nil
	}
	broadcasts := 0
	direct := make(map[PartyID]bool)
	for _, o := range out {
		switch {
		case o == nil:
			return fmt.Errorf("round %d: nil outgoing message", n)
		case len(o.Payload) > MaxPayload:
			return fmt.Errorf("round %d: payload of %d bytes", n, len(o.Payload))
		case o.To == 0:
			broadcasts++
		case o.To == m.self || !m.member[o.To]:
			return fmt.Errorf("round %d: message to non-party %d", n, o.To)
		case !e.gets[o.To]:
			return fmt.Errorf("round %d: direct message to %d, who receives none", n, o.To)
		case direct[o.To]:
			return fmt.Errorf("round %d: two messages to %d", n, o.To)
		default:
			direct[o.To] = true
		}
	}
	if (e.Broadcast && broadcasts != 1) || (!e.Broadcast && broadcasts != 0) {
		return fmt.Errorf("round %d: %d broadcasts, expects %+v", n, broadcasts, e.Expect)
	}
	if (e.Direct && len(direct) != e.recipients(m.self)) || (!e.Direct && len(direct) != 0) {
		return fmt.Errorf("round %d: %d direct messages for %d recipients, expects %+v", n, len(direct), e.recipients(m.self), e.Expect)
	}
	return nil
}
