package transport

import (
	"errors"
	"fmt"
	"maps"
	"slices"
)

// Blame gathers what a round's checks found wrong with each sender, so that
// Finalize names every culprit of the round and not only the first it
// meets: honest parties that check the same messages then name the same
// parties, whatever order they check them in. The zero value is empty and
// ready to use.
//
//	var blame transport.Blame
//	for _, j := range in.Senders() {
//		blame.Add(j, check(in.Broadcast(j)))
//	}
//	if err := blame.Err("invalid commitment"); err != nil {
//		return transport.Abort[Out](err)
//	}
type Blame struct {
	errs map[PartyID][]error
}

// Add records err against party p and reports whether it did: a nil err
// records nothing. Several errors against one party are all kept.
func (b *Blame) Add(p PartyID, err error) bool {
	if err == nil {
		return false
	}
	if b.errs == nil {
		b.errs = make(map[PartyID][]error)
	}
	b.errs[p] = append(b.errs[p], err)
	return true
}

// AddAll records every error of errs against its party.
func (b *Blame) AddAll(errs map[PartyID]error) {
	for p, err := range errs {
		b.Add(p, err)
	}
}

// Blamed reports whether p has an error recorded.
func (b *Blame) Blamed(p PartyID) bool { return len(b.errs[p]) > 0 }

// Culprits returns the blamed parties in increasing order.
func (b *Blame) Culprits() []PartyID {
	return slices.Sorted(maps.Keys(b.errs))
}

// Err returns nil if nobody is blamed, and otherwise an *AbortError with
// reason that names every blamed party and wraps their errors, each
// prefixed with its party, in party order (errors.Is and errors.As see each
// of them). The machine fills in its protocol and round.
func (b *Blame) Err(reason string) error {
	if len(b.errs) == 0 {
		return nil
	}
	culprits := b.Culprits()
	var all []error
	for _, p := range culprits {
		for _, err := range b.errs[p] {
			all = append(all, fmt.Errorf("party %d: %w", p, err))
		}
	}
	return NewAbortError("", 0, reason, errors.Join(all...), culprits...)
}
