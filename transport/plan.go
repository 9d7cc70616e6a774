package transport

import (
	"errors"
	"fmt"
)

// plan is a round's Expect resolved against the run's party list: who sends
// in the round and who receives its direct messages. Every party derives the
// same plan from the same Expect, so they agree on the echo slots too.
type plan struct {
	Expect
	senders []PartyID        // sorted: Expect.From, or every party
	sends   map[PartyID]bool // membership of senders
	gets    map[PartyID]bool // direct recipients: Expect.To, or every party
}

// errEmptyList is the reason for a From or To that is set but empty: a
// round needs at least one sender, and nil already means "everyone".
var errEmptyList = errors.New("empty, not nil, party list")

// newPlan checks e against the run's parties and builds its plan. An
// invalid Expect is a bug in protocol code.
func (m *machine[Out]) newPlan(n int, e Expect) (*plan, error) {
	if !e.Broadcast && !e.Direct {
		return nil, fmt.Errorf("round %d expects no message", n)
	}
	if e.To != nil && !e.Direct {
		return nil, fmt.Errorf("round %d names direct recipients but has no direct messages", n)
	}
	senders, err := m.subset(e.From)
	if err != nil {
		return nil, fmt.Errorf("round %d: Expect.From: %w", n, err)
	}
	recipients, err := m.subset(e.To)
	if err != nil {
		return nil, fmt.Errorf("round %d: Expect.To: %w", n, err)
	}
	p := &plan{
		Expect:  e,
		senders: senders,
		sends:   make(map[PartyID]bool, len(senders)),
		gets:    make(map[PartyID]bool, len(recipients)),
	}
	// Keep private, sorted copies: the round may reuse its slices.
	p.From, p.To = nil, nil
	if e.From != nil {
		p.From = senders
	}
	if e.To != nil {
		p.To = recipients
	}
	for _, id := range senders {
		p.sends[id] = true
	}
	for _, id := range recipients {
		p.gets[id] = true
	}
	return p, nil
}

// subset returns a sorted copy of ids after checking that it is a set of
// parties of the run; nil stands for every party.
func (m *machine[Out]) subset(ids []PartyID) ([]PartyID, error) {
	if ids == nil {
		return m.parties, nil
	}
	if len(ids) == 0 {
		return nil, errEmptyList
	}
	if err := ValidateParties(ids); err != nil {
		return nil, err
	}
	for _, id := range ids {
		if !m.member[id] {
			return nil, fmt.Errorf("%d is not a party of the run", id)
		}
	}
	return SortedCopy(ids), nil
}

// waits reports whether a party following plan p waits for a message of kind
// k from party from: from must be another party that sends in the round, and
// a direct message must be addressed to a recipient of the round.
func (p *plan) waits(self, from PartyID, k kind) bool {
	if from == self || !p.sends[from] {
		return false
	}
	if k == kindBroadcast {
		return p.Broadcast
	}
	return p.Direct && p.gets[self]
}

// recipients is the number of direct messages a sender following p sends.
func (p *plan) recipients(self PartyID) int {
	n := len(p.gets)
	if p.gets[self] {
		n--
	}
	return n
}
