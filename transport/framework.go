package transport

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"slices"
)

// kind tells a broadcast from a direct message; a round may use both, so a
// sender has up to two message slots per round.
type kind uint8

const (
	kindBroadcast kind = iota
	kindDirect
)

func kindOf(m *Message) kind {
	if m.Broadcast() {
		return kindBroadcast
	}
	return kindDirect
}

// slot identifies the one message a sender may send per round and kind.
type slot struct {
	round int
	from  PartyID
	kind  kind
}

// machine is the round framework: it implements Machine, Waiter and
// ProgressReporter once for every protocol, on top of the protocol's Rounds.
// It is not safe for concurrent use.
type machine[Out any] struct {
	protocol string
	session  []byte
	self     PartyID
	parties  []PartyID // sorted, including self: the echo slot order
	others   []PartyID // sorted, without self
	member   map[PartyID]bool

	first   FirstRound[Out]
	started bool
	round   int           // current round; 0 before Start
	cur     Round[Out]    // current round; an *echoRound for the echo-only round
	plan    *plan         // the current round's plan
	plans   map[int]*plan // every round entered so far

	pending map[slot]*Message         // accepted messages of the current and later rounds
	seen    map[slot][digestSize]byte // every accepted message, to spot duplicates

	prevEcho    []byte         // this party's echo vector of the previous round, if it had broadcasts
	prevSenders []PartyID      // the parties with a slot in prevEcho, in slot order
	ownEcho     [EchoSize]byte // echo hash of this party's broadcast in the current round
	refused     []error        // refusals of buffered messages, reported by the next Deliver return

	done   bool
	result Out
	err    *AbortError
}

const digestSize = 32

// echoRound is the round the machine appends after a final broadcast round:
// its messages carry only the echo vector, so that the last broadcasts are
// echo-checked too.
type echoRound[Out any] struct {
	result Out
}

// Expects implements Round: one echo-only broadcast from every party.
func (r *echoRound[Out]) Expects() Expect { return Expect{Broadcast: true} }

// Finalize implements Round; the machine has already checked the echoes.
func (r *echoRound[Out]) Finalize(*Inbox) Step[Out] { return Finish(r.result) }

// MaxLead is how many rounds ahead of this party a message may be and still
// be kept for its round; a message further ahead is refused. A party can
// run ahead of another only through rounds in which it waits for nothing
// from that other party (Expect.From), so a protocol must not have more
// than MaxLead such rounds in a row. It bounds what a peer can make a party
// buffer to MaxLead rounds of messages.
const MaxLead = 8

// NewMachine returns a Machine that runs a protocol given by its first
// round. The machine implements the whole message contract (round numbers,
// header checks, buffering, duplicates, equivocation, the echo broadcast,
// sticky aborts), so that protocol code only writes Rounds: Expects and
// Finalize. The result also implements Waiter and ProgressReporter.
//
// cfg is checked here: a valid party list containing Self, and a protocol
// name and non-empty session id within the wire limits. A run of one party
// is allowed: each round then waits for nothing and finalizes at once, and
// the machine sends nothing.
func NewMachine[Out any](cfg Config, first FirstRound[Out]) (Machine[Out], error) {
	if err := ValidateParties(cfg.Parties); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrLocal, err)
	}
	switch {
	case !Contains(cfg.Parties, cfg.Self):
		return nil, fmt.Errorf("%w: self %d is not in the party list", ErrLocal, cfg.Self)
	case len(cfg.Protocol) == 0 || len(cfg.Protocol) > MaxProtocol:
		return nil, fmt.Errorf("%w: protocol name of %d bytes", ErrLocal, len(cfg.Protocol))
	case len(cfg.SessionID) == 0 || len(cfg.SessionID) > MaxSessionID:
		return nil, fmt.Errorf("%w: session id of %d bytes", ErrLocal, len(cfg.SessionID))
	case first == nil:
		return nil, fmt.Errorf("%w: nil first round", ErrLocal)
	}
	m := &machine[Out]{
		protocol: cfg.Protocol,
		session:  bytes.Clone(cfg.SessionID),
		self:     cfg.Self,
		parties:  SortedCopy(cfg.Parties),
		member:   make(map[PartyID]bool, len(cfg.Parties)),
		first:    first,
		plans:    make(map[int]*plan),
		pending:  make(map[slot]*Message),
		seen:     make(map[slot][digestSize]byte),
	}
	for _, p := range m.parties {
		m.member[p] = true
		if p != m.self {
			m.others = append(m.others, p)
		}
	}
	return m, nil
}

// Start implements Machine.
func (m *machine[Out]) Start() ([]*Message, error) {
	if m.err != nil {
		return nil, m.err
	}
	if m.started {
		return nil, fmt.Errorf("%w: Start called twice", ErrFinished)
	}
	m.started = true
	out, err := m.first.Start()
	if err != nil {
		return nil, m.fail(m.asAbort(1, err))
	}
	refused, err := m.enter(m.first, out, nil, nil)
	if err != nil {
		return nil, m.fail(err)
	}
	out = m.sendable(out)
	more, err := m.advance()
	if err != nil {
		return append(out, more...), err
	}
	return append(out, more...), joinRefused(append(refused, m.takeRefused()...))
}

// Deliver implements Machine.
func (m *machine[Out]) Deliver(msg *Message) ([]*Message, error) {
	if m.err != nil {
		return nil, m.err
	}
	if msg == nil {
		return nil, &MessageError{Err: fmt.Errorf("%w: nil message", ErrMalformed)}
	}
	if m.done {
		return nil, &MessageError{From: msg.From, Round: msg.Round, Err: ErrFinished}
	}
	if err := m.accept(msg); err != nil {
		return nil, err
	}
	out, err := m.advance()
	if err != nil {
		return out, err
	}
	return out, joinRefused(m.takeRefused())
}

// Done implements Machine.
func (m *machine[Out]) Done() bool { return m.done || m.err != nil }

// Result implements Machine.
func (m *machine[Out]) Result() (Out, error) {
	var zero Out
	switch {
	case m.err != nil:
		return zero, m.err
	case !m.done:
		return zero, ErrNotDone
	}
	return m.result, nil
}

// Waiting implements Waiter.
func (m *machine[Out]) Waiting() []PartyID {
	if m.Done() {
		return nil
	}
	if !m.started {
		return slices.Clone(m.others)
	}
	var missing []PartyID
	for _, p := range m.others {
		if !m.hasAll(p) {
			missing = append(missing, p)
		}
	}
	return missing
}

// Progress implements ProgressReporter.
func (m *machine[Out]) Progress() Progress {
	return Progress{Protocol: m.protocol, Round: m.round, Done: m.Done()}
}

// advance finishes rounds for as long as the messages at hand complete
// them; buffered messages can complete a round right after the machine
// enters it. It returns every outgoing message produced, also when a later
// round of the same call aborts: those messages belong to rounds this
// party completed, and the others need them to reach the round where they
// see the same fault, rather than time out waiting for this party.
func (m *machine[Out]) advance() ([]*Message, error) {
	var out []*Message
	for m.started && !m.Done() && len(m.Waiting()) == 0 {
		next, err := m.finishRound()
		if err != nil {
			return out, m.fail(err)
		}
		out = append(out, next...)
	}
	return out, nil
}

// finishRound runs the echo check and Finalize for the complete current
// round and enters the next round (or finishes).
func (m *machine[Out]) finishRound() ([]*Message, error) {
	r := m.round
	_, echoOnly := m.cur.(*echoRound[Out])
	if culprits := m.checkEcho(echoOnly); len(culprits) > 0 {
		return nil, NewAbortError(m.protocol, r,
			fmt.Sprintf("echo of round %d broadcasts disagrees", r-1), ErrEchoMismatch, culprits...)
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
		return nil, m.asAbort(r, step.err)
	case echoOnly:
		return nil, m.finish(step.result)
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
		if o.To == 0 {
			// Hashed now: the caller may reuse the payload buffer later.
			m.ownEcho = echoHash(m.protocol, m.session, n, m.self, o.Payload)
		}
	}
	m.round, m.cur, m.plan, m.prevEcho, m.prevSenders = n, next, p, echo, echoSenders
	m.plans[n] = p

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

// asAbort turns an error from protocol code into the run's AbortError:
// an *AbortError keeps its culprits and gets the protocol and round filled
// in; anything else is a local failure that blames nobody.
func (m *machine[Out]) asAbort(round int, err error) *AbortError {
	var ae *AbortError
	if errors.As(err, &ae) {
		c := NewAbortError(ae.Protocol, ae.Round, ae.Reason, ae.Err, ae.Culprits...)
		if c.Protocol == "" {
			c.Protocol = m.protocol
		}
		if c.Round == 0 {
			c.Round = round
		}
		return c
	}
	return NewAbortError(m.protocol, round, "local failure", fmt.Errorf("%w: %w", ErrLocal, err))
}

// fail makes err the machine's permanent state.
func (m *machine[Out]) fail(err error) *AbortError {
	if m.err == nil {
		m.err = m.asAbort(m.round, err)
		m.pending = nil
		m.seen = nil
	}
	return m.err
}

func (m *machine[Out]) takeRefused() []error {
	r := m.refused
	m.refused = nil
	return r
}

// joinRefused reports refused buffered messages: one *MessageError as is,
// several joined (errors.As still finds them).
func joinRefused(errs []error) error {
	switch len(errs) {
	case 0:
		return nil
	case 1:
		return errs[0]
	}
	return errors.Join(errs...)
}
