package transport

import (
	"bytes"

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

	// The agreement layer, in runs with identities (id != nil).
	id        *Identity
	bind      runBinding
	faulty    int                      // f: Identity.MaxFaulty resolved
	ownHead   header                   // this party's broadcast of the current round, signed
	view      []viewEntry              // every round message accepted, for the conclusion
	archive   map[evidenceKey]*Message // accepted and sent round messages, for relays
	stage     int                      // Expire calls in the current round
	stalled   map[PartyID]int          // parties that asked for relays, and the round they were in
	early     map[PartyID][]*Message   // notices that arrived before this party concluded
	conc      *conclusion              // non-nil once this party concludes
	trigger   *failure                 // an abort found while accepting a message
	staged    *staged[Out]             // the result awaiting confirmation
	cert      []byte                   // the certificate this party committed with
	announced bool                     // the others were told of a context mismatch
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
	case len(cfg.Context) > MaxContext:
		return nil, fmt.Errorf("%w: context of %d bytes", ErrLocal, len(cfg.Context))
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
		bind:     runBinding{protocol: cfg.Protocol, session: bytes.Clone(cfg.SessionID), context: bytes.Clone(cfg.Context)},
	}
	if cfg.Identity != nil {
		f, err := cfg.Identity.validate(cfg.Self, m.parties)
		if err != nil {
			return nil, fmt.Errorf("%w: %w", ErrLocal, err)
		}
		m.id, m.faulty = cfg.Identity, f
		m.archive = make(map[evidenceKey]*Message)
		m.stalled = make(map[PartyID]int)
		m.early = make(map[PartyID][]*Message)
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
		return m.abortAndAdvance(&failure{ae: m.asAbort(1, err)})
	}
	refused, err := m.enter(m.first, out, nil, nil)
	if err != nil {
		return m.abortAndAdvance(asFailure(err))
	}
	if len(m.early) > 0 {
		m.trigger = &failure{ae: NewAbortError(m.protocol, 1, "a party aborted the run before it started here", ErrPeerAborted)}
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
	now, err := m.dispatch(msg)
	if err != nil {
		return now, err
	}
	out, err := m.advance()
	out = append(now, out...)
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
	if m.conc != nil {
		return m.conc.missing(m.others)
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
	p := Progress{Protocol: m.protocol, Round: m.round, Done: m.Done()}
	if m.conc != nil {
		p.Conclusion = m.conc.round
	}
	return p
}

// advance finishes rounds for as long as the messages at hand complete
// them; buffered messages can complete a round right after the machine
// enters it. It returns every outgoing message produced, also when a later
// round of the same call aborts: those messages belong to rounds this
// party completed, and the others need them to reach the round where they
// see the same fault, rather than time out waiting for this party.
func (m *machine[Out]) advance() ([]*Message, error) {
	var out []*Message
	if m.trigger != nil {
		f := m.trigger
		m.trigger = nil
		more, err := m.abort(f)
		out = append(out, more...)
		if err != nil {
			return out, err
		}
	}
	for m.started && !m.Done() && len(m.Waiting()) == 0 {
		if m.conc != nil {
			out = append(out, m.finishConclusionRound()...)
			continue
		}
		next, err := m.finishRound()
		if err != nil {
			more, err := m.abort(asFailure(err))
			out = append(out, more...)
			if err != nil {
				return out, err
			}
			continue
		}
		out = append(out, next...)
	}
	if m.err != nil {
		return out, m.err
	}
	return out, nil
}
