package transport

import (
	"crypto/ed25519"
	"errors"
	"fmt"
	"slices"
)

// conclusion is this party's state after an abort in a run with
// identities (docs/agreement.md). It lasts f+1 rounds of notices. In round
// 1 each party sends its own items: its view (the signed headers of every
// round message it accepted) and, if it found a fault itself, a blame. In
// every later round it relays, with its own signature added, the items it
// accepted in the round before. An item is accepted in round c only with
// c distinct relay signatures (Dolev and Strong), so every honest party
// ends with the same items, and the verdict is a function of the items
// only (verdict.go).
type conclusion struct {
	round   int // 1 ... rounds
	rounds  int // f+1
	cause   *AbortError
	items   map[[32]byte]*heldItem
	order   []*heldItem // accepted items in the order accepted, for the verdict
	notices map[int]map[PartyID]*Message
}

// missing returns the parties whose notice of the current round has not
// arrived; in the grace round, every other party (only a timeout ends it).
func (c *conclusion) missing(others []PartyID) []PartyID {
	if c.round > c.rounds {
		return others
	}
	var out []PartyID
	for _, p := range others {
		if c.notices[c.round][p] == nil {
			out = append(out, p)
		}
	}
	return out
}

// conclude enters the conclusion on f and returns this party's first
// notice.
func (m *machine[Out]) conclude(f *failure) []*Message {
	if m.conc != nil {
		return nil
	}
	c := &conclusion{
		round:   1,
		rounds:  m.faulty + 1,
		cause:   f.ae,
		items:   make(map[[32]byte]*heldItem),
		notices: make(map[int]map[PartyID]*Message),
	}
	m.conc = c
	m.pending = nil
	var own []*heldItem
	if len(m.view) > 0 {
		own = append(own, m.hold(&item{typ: itemView, author: m.self, entries: m.view}))
	}
	if f.firsthand && len(f.ae.Culprits) > 0 {
		own = append(own, m.hold(&item{typ: itemBlame, author: m.self, round: m.round, blamed: f.ae.Culprits}))
	}
	for _, h := range own {
		c.items[h.hash] = h
		c.order = append(c.order, h)
	}
	for p, msgs := range m.early {
		for _, msg := range msgs {
			m.storeNotice(p, msg)
		}
	}
	m.early = nil
	return []*Message{m.notice(1, own)}
}

// hold signs a new item of this party's as the first link of its chain.
func (m *machine[Out]) hold(it *item) *heldItem {
	body := encodeItem(it)
	h := &heldItem{body: body, it: it}
	h.hash = sha256Sum(body)
	m.cosign(h)
	return h
}

// cosign adds this party's relay signature to h's chain.
func (m *machine[Out]) cosign(h *heldItem) {
	d := m.bind.relayDigest(h.hash)
	h.chain = append(slices.Clone(h.chain), chainSig{party: m.self, sig: ed25519.Sign(m.id.Key, d[:])})
}

// notice builds this party's signed notice of conclusion round c.
func (m *machine[Out]) notice(c int, items []*heldItem) *Message {
	n := &Message{
		Protocol: m.protocol, Round: c, SessionID: m.bind.session, From: m.self,
		Kind: KindNotice, Context: m.bind.context, Payload: encodeNotice(items),
	}
	m.bind.sign(m.id.Key, n)
	return n
}

// acceptNotice stores a notice whose header and signature accept checked;
// a party that has not concluded yet concludes on the first one, since its
// sender has aborted.
func (m *machine[Out]) acceptNotice(msg *Message) error {
	if msg.Round < 1 || msg.Round > m.faulty+1 {
		return &MessageError{From: msg.From, Round: msg.Round, Err: fmt.Errorf("%w: notice of conclusion round %d", ErrBadRound, msg.Round)}
	}
	if m.conc == nil {
		if len(m.early[msg.From]) > m.faulty {
			return &MessageError{From: msg.From, Round: msg.Round, Err: ErrDuplicate}
		}
		m.early[msg.From] = append(m.early[msg.From], msg.Clone())
		if !m.started || m.trigger != nil {
			return nil
		}
		m.trigger = &failure{ae: NewAbortError(m.protocol, max(m.round, 1),
			fmt.Sprintf("party %d has aborted the run", msg.From), ErrPeerAborted)}
		return nil
	}
	if !m.storeNotice(msg.From, msg) {
		return &MessageError{From: msg.From, Round: msg.Round, Err: ErrDuplicate}
	}
	return nil
}

// ErrPeerAborted: this party concluded the run because another party
// aborted it; the verdict names whom the evidence proves at fault.
var ErrPeerAborted = errors.New("transport: another party aborted the run")

// storeNotice keeps the first notice of p for its round, if that round is
// not over; it reports whether it kept msg.
func (m *machine[Out]) storeNotice(p PartyID, msg *Message) bool {
	c := m.conc
	if msg.Round < c.round || c.notices[msg.Round][p] != nil {
		return false
	}
	if c.notices[msg.Round] == nil {
		c.notices[msg.Round] = make(map[PartyID]*Message)
	}
	c.notices[msg.Round][p] = msg
	return true
}

// finishConclusionRound accepts the items of the current round's notices
// and sends the next notice, or ends the run with the verdict after the
// last round.
func (m *machine[Out]) finishConclusionRound() []*Message {
	c := m.conc
	if c.round > c.rounds {
		m.finishConclusion()
		return nil
	}
	var relay []*heldItem
	for _, p := range m.others {
		msg := c.notices[c.round][p]
		if msg == nil {
			continue
		}
		held, err := decodeNotice(msg.Payload)
		if err != nil {
			continue
		}
		for _, h := range held {
			if c.items[h.hash] != nil {
				continue
			}
			it, err := decodeItem(h.body)
			if err != nil || !m.member[it.author] {
				continue
			}
			h.it = it
			if n, err := m.bind.chainSigners(m.id.Peers, h); err != nil || n < c.round {
				continue
			}
			c.items[h.hash] = h
			c.order = append(c.order, h)
			if c.round < c.rounds && !h.signedBy(m.self) {
				m.cosign(h)
				relay = append(relay, h)
			}
		}
	}
	delete(c.notices, c.round)
	if c.round == c.rounds {
		if m.staged != nil && len(m.others) > 0 {
			// A party that confirmed waits one round timeout more before
			// it gives up on its staged output: a certificate that another
			// party accepted in the last round, and passed on at once,
			// arrives within it, so that no honest party aborts while
			// another commits.
			c.round++
			return nil
		}
		m.finishConclusion()
		return nil
	}
	c.round++
	return m.sendable([]*Message{m.notice(c.round, relay)})
}

// finishConclusion ends the run with the verdict of the accepted items.
func (m *machine[Out]) finishConclusion() {
	c := m.conc
	items := make([]*item, 0, len(c.order))
	for _, h := range c.order {
		items = append(items, h.it)
	}
	v := m.bind.judge(m.id.Peers, m.faulty, items)
	errs := []error{v.err(), blameError(items, m.member), c.cause.Err}
	if m.staged != nil {
		errs = append(errs, ErrUnconfirmed)
	}
	reason := "conclusion after: " + c.cause.Reason
	m.err = NewAbortError(m.protocol, c.cause.Round, reason, errors.Join(errs...), v.culprits()...)
	m.pending, m.seen = nil, nil
}
