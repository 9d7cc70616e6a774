package robust

import (
	"cmp"
	"fmt"
	"maps"
	"slices"

	"github.com/mosaic-mpc/mosaic/transport"
)

// Culprit is a party proven malicious, with the evidence.
type Culprit struct {
	Party transport.PartyID
	// Attempt is the number (from 1) of the attempt whose outcome proved it.
	Attempt int
	// Evidence is the attempt's error, whose verdict names the party (it
	// wraps transport.ErrEquivocation, transport.ErrEchoMismatch or
	// transport.ErrBlamed), or an error wrapping ErrConflicts for a party
	// convicted by its conflicts.
	Evidence error
}

// Conflict is a blame that named nobody: one party of the pair blamed the
// other in an attempt they both signed in. At least one of the two is
// malicious, and the plan never puts them in one signer set again; it
// does not say which one, so neither is named.
type Conflict struct {
	// A and B are the two parties, A < B.
	A, B transport.PartyID
	// Attempt is the number of the attempt whose outcome holds the blame.
	Attempt int
	// Evidence is that attempt's error (its *transport.BlameError lists the
	// blame).
	Evidence error
}

// searchBudget bounds the steps of the search for a signer set, so that
// Next ends quickly whatever the conflicts; the search meets the budget
// only with many more parties than a threshold key has in practice.
const searchBudget = 1 << 20

type pair struct{ a, b transport.PartyID }

func pairOf(a, b transport.PartyID) pair {
	if a > b {
		a, b = b, a
	}
	return pair{a, b}
}

// Plan chooses the signer set of every attempt. It is deterministic: two
// plans made with the same parties and threshold and given the same
// outcomes choose the same sets, so every honest party that holds the
// agreed outcomes of the attempts (or one coordinator) computes the same
// next set. It does no I/O and keeps no clock. Its rules are in the
// package documentation, section "Attempts". A Plan is not safe for
// concurrent use.
type Plan struct {
	parties   []transport.PartyID
	threshold int
	// faulty is f = n − t, the most malicious parties a robust run
	// withstands.
	faulty    int
	attempts  int
	culprits  map[transport.PartyID]*Culprit
	conflicts map[pair]*Conflict
	// spent holds the signer sets of attempts that ended without naming
	// anyone or blaming anyone among their signers, so that no set is
	// tried twice to no effect.
	spent map[string]bool
}

// NewPlan returns the plan of a robust signing among parties (every holder
// of the key, at most transport.MaxParties, none zero or repeated) with a
// key of threshold t (1 ≤ t ≤ len(parties)). It refuses anything else with
// an error wrapping ErrConfig.
func NewPlan(parties []transport.PartyID, t int) (*Plan, error) {
	if len(parties) == 0 || len(parties) > transport.MaxParties {
		return nil, fmt.Errorf("%w: %d parties", ErrConfig, len(parties))
	}
	ps := transport.SortedCopy(parties)
	for i, p := range ps {
		if p == 0 || (i > 0 && ps[i-1] == p) {
			return nil, fmt.Errorf("%w: party %d is zero or repeated", ErrConfig, p)
		}
	}
	if t < 1 || t > len(ps) {
		return nil, fmt.Errorf("%w: threshold %d of %d parties", ErrConfig, t, len(ps))
	}
	return &Plan{
		parties:   ps,
		threshold: t,
		faulty:    len(ps) - t,
		culprits:  map[transport.PartyID]*Culprit{},
		conflicts: map[pair]*Conflict{},
		spent:     map[string]bool{},
	}, nil
}

// made reports whether p was made by NewPlan (a nil or zero Plan was not).
func (p *Plan) made() bool { return p != nil && p.threshold > 0 }

// Attempts returns how many outcomes Record has taken.
func (p *Plan) Attempts() int {
	if !p.made() {
		return 0
	}
	return p.attempts
}

// Bound returns the most attempts the plan makes when at least its
// threshold of parties are honest and every failed attempt names a
// culprit or holds a blame among its signers: f(f+1)+1 with f = n − t
// (the package documentation, section "Attempts", proves it).
func (p *Plan) Bound() int {
	if !p.made() {
		return 0
	}
	return p.faulty*(p.faulty+1) + 1
}

// candidates returns the parties that are not culprits, in order.
func (p *Plan) candidates() []transport.PartyID {
	out := make([]transport.PartyID, 0, len(p.parties))
	for _, q := range p.parties {
		if p.culprits[q] == nil {
			out = append(out, q)
		}
	}
	return out
}

// neighbours returns the parties in conflict with q that are not culprits.
func (p *Plan) neighbours(q transport.PartyID) []transport.PartyID {
	var out []transport.PartyID
	for k := range p.conflicts {
		var o transport.PartyID
		switch q {
		case k.a:
			o = k.b
		case k.b:
			o = k.a
		default:
			continue
		}
		if p.culprits[o] == nil {
			out = append(out, o)
		}
	}
	slices.Sort(out)
	return out
}

// Next returns the signer set of the next attempt: threshold parties,
// none a culprit, no two in conflict, not a set already tried without
// effect. Parties in fewer conflicts come first, then lower ids; of the
// sets in that order the first is taken. With no such set it returns an
// error wrapping ErrExhausted.
func (p *Plan) Next() ([]transport.PartyID, error) {
	if !p.made() {
		return nil, fmt.Errorf("%w: plan not made by NewPlan", ErrConfig)
	}
	cand := p.candidates()
	if len(cand) < p.threshold {
		return nil, fmt.Errorf("%w: %d parties left that are not culprits, threshold %d", ErrExhausted, len(cand), p.threshold)
	}
	degree := make(map[transport.PartyID]int, len(cand))
	for _, q := range cand {
		degree[q] = len(p.neighbours(q))
	}
	slices.SortStableFunc(cand, func(x, y transport.PartyID) int { return cmp.Compare(degree[x], degree[y]) })

	chosen := make([]transport.PartyID, 0, p.threshold)
	budget := searchBudget
	var found []transport.PartyID
	var search func(i int) bool
	search = func(i int) bool {
		if len(chosen) == p.threshold {
			s := transport.SortedCopy(chosen)
			if p.spent[setKey(s)] {
				return false
			}
			found = s
			return true
		}
		if len(cand)-i < p.threshold-len(chosen) || budget == 0 {
			return false
		}
		budget--
		q := cand[i]
		free := true
		for _, c := range chosen {
			if p.conflicts[pairOf(q, c)] != nil {
				free = false
				break
			}
		}
		if free {
			chosen = append(chosen, q)
			if search(i + 1) {
				return true
			}
			chosen = chosen[:len(chosen)-1]
		}
		return search(i + 1)
	}
	if !search(0) {
		return nil, fmt.Errorf("%w: no %d of the parties %v are free of conflicts with each other", ErrExhausted, p.threshold, transport.SortedCopy(cand))
	}
	return found, nil
}

// Record takes the outcome of an attempt among signers that ended without
// a signature, and reports whether it taught the plan anything: a new
// culprit or a new conflict. Culprits and blames of o outside signers are
// ignored (a run's verdict only concerns its parties). signers must be a
// set of at least the threshold of parties that are not culprits;
// anything else is an error wrapping ErrRecord, and the plan is unchanged.
func (p *Plan) Record(signers []transport.PartyID, o Outcome) (bool, error) {
	if !p.made() {
		return false, fmt.Errorf("%w: plan not made by NewPlan", ErrConfig)
	}
	s := transport.SortedCopy(signers)
	if len(s) < p.threshold {
		return false, fmt.Errorf("%w: %d signers, threshold %d", ErrRecord, len(s), p.threshold)
	}
	for i, q := range s {
		if !slices.Contains(p.parties, q) || p.culprits[q] != nil || (i > 0 && s[i-1] == q) {
			return false, fmt.Errorf("%w: party %d is not a party, a culprit already, or repeated", ErrRecord, q)
		}
	}
	p.attempts++
	in := func(q transport.PartyID) bool { _, ok := slices.BinarySearch(s, q); return ok }
	learned := false
	for _, c := range transport.SortedCopy(o.Culprits) {
		if in(c) && p.culprits[c] == nil {
			p.culprits[c] = &Culprit{Party: c, Attempt: p.attempts, Evidence: o.Err}
			learned = true
		}
	}
	for _, a := range slices.Sorted(maps.Keys(o.Blames)) {
		if !in(a) || p.culprits[a] != nil {
			continue
		}
		for _, b := range o.Blames[a] {
			if b == a || !in(b) || p.culprits[b] != nil {
				continue
			}
			k := pairOf(a, b)
			if p.conflicts[k] == nil {
				p.conflicts[k] = &Conflict{A: k.a, B: k.b, Attempt: p.attempts, Evidence: o.Err}
				learned = true
			}
		}
	}
	if p.convict() {
		learned = true
	}
	if !learned {
		p.spent[setKey(s)] = true
	}
	return learned, nil
}

// convict names every party in conflict with more parties than may be
// malicious, counting the culprits, until none is left; it reports whether
// it named one. An honest party is only in conflict with malicious ones
// (honest parties never blame each other), so a party whose conflicts and
// the culprits exceed f has an honest party among its conflicts, and is
// malicious.
func (p *Plan) convict() bool {
	named := false
	for {
		var next transport.PartyID
		var against []transport.PartyID
		for _, q := range p.candidates() {
			n := p.neighbours(q)
			if len(n)+len(p.culprits) > p.faulty {
				next, against = q, n
				break
			}
		}
		if next == 0 {
			return named
		}
		others := slices.Sorted(maps.Keys(p.culprits))
		p.culprits[next] = &Culprit{Party: next, Attempt: p.attempts, Evidence: fmt.Errorf(
			"%w: party %d is in conflict with %v, and %v are culprits, more than f = %d", ErrConflicts, next, against, others, p.faulty)}
		named = true
	}
}

// Culprits returns the parties proven malicious so far, by party.
func (p *Plan) Culprits() []Culprit {
	if !p.made() {
		return nil
	}
	out := make([]Culprit, 0, len(p.culprits))
	for _, q := range slices.Sorted(maps.Keys(p.culprits)) {
		out = append(out, *p.culprits[q])
	}
	return out
}

// Conflicts returns the conflicts recorded so far, by pair; those of a
// party later proven a culprit included.
func (p *Plan) Conflicts() []Conflict {
	if !p.made() {
		return nil
	}
	keys := slices.SortedFunc(maps.Keys(p.conflicts), func(x, y pair) int {
		if c := cmp.Compare(x.a, y.a); c != 0 {
			return c
		}
		return cmp.Compare(x.b, y.b)
	})
	out := make([]Conflict, 0, len(keys))
	for _, k := range keys {
		out = append(out, *p.conflicts[k])
	}
	return out
}

// Suspects returns the parties of the conflicts that no culprit explains
// (neither party is a culprit): each such conflict holds a malicious
// party, but a suspect may be honest.
func (p *Plan) Suspects() []transport.PartyID {
	if !p.made() {
		return nil
	}
	set := map[transport.PartyID]bool{}
	for k := range p.conflicts {
		if p.culprits[k.a] == nil && p.culprits[k.b] == nil {
			set[k.a], set[k.b] = true, true
		}
	}
	return slices.Sorted(maps.Keys(set))
}

// setKey encodes a sorted signer set as a map key.
func setKey(s []transport.PartyID) string {
	b := make([]byte, 0, 4*len(s))
	for _, q := range s {
		b = append(b, byte(q>>24), byte(q>>16), byte(q>>8), byte(q))
	}
	return string(b)
}
