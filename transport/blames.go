package transport

import (
	"fmt"
	"maps"
	"slices"
	"strings"
)

// BlameError lists the blames accepted in a conclusion (docs/agreement.md),
// whether or not they reached the count that names a party: each author
// with the parties it blamed. Every honest party accepts the same items, so
// every honest party's *AbortError holds the same BlameError (find it with
// errors.As). A blame that did not name its target is one party's word
// against another's: at least one of the two is malicious, but which one
// the run cannot tell. A caller that retries with other parties (package
// cggmp/robust) keeps the two apart.
type BlameError struct {
	// Blames maps each author to the parties it blamed, sorted, without
	// duplicates and without the author itself.
	Blames map[PartyID][]PartyID
}

// Error implements error.
func (e *BlameError) Error() string {
	var b strings.Builder
	b.WriteString("transport: blames:")
	for _, a := range slices.Sorted(maps.Keys(e.Blames)) {
		fmt.Fprintf(&b, " %d blames %v;", a, e.Blames[a])
	}
	return strings.TrimSuffix(b.String(), ";")
}

// blameError collects the blame items of items among the run's members, or
// returns nil if there is none.
func blameError(items []*item, member map[PartyID]bool) error {
	by := map[PartyID]map[PartyID]bool{}
	for _, it := range items {
		if it.typ != itemBlame {
			continue
		}
		for _, p := range it.blamed {
			if p == it.author || !member[p] {
				continue
			}
			if by[it.author] == nil {
				by[it.author] = map[PartyID]bool{}
			}
			by[it.author][p] = true
		}
	}
	if len(by) == 0 {
		return nil
	}
	e := &BlameError{Blames: make(map[PartyID][]PartyID, len(by))}
	for a, ps := range by {
		e.Blames[a] = slices.Sorted(maps.Keys(ps))
	}
	return e
}
