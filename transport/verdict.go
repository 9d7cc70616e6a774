package transport

import (
	"crypto/ed25519"
	"errors"
	"fmt"
	"maps"
	"slices"
)

// evidenceKey is one message slot of one sender: at most one signed
// message may fill it.
type evidenceKey struct {
	round    int
	from, to PartyID
	kind     Kind
}

// verdict is what the accepted items of a conclusion prove: a function of
// the items alone, so that honest parties, which accept the same items,
// name the same culprits.
type verdict struct {
	equivocators map[PartyID]bool // signed two messages for one slot
	badEchoers   map[PartyID]bool // signed an echo slot its party never signed
	liars        map[PartyID]bool // signed a view holding a forged header
	blamed       map[PartyID]bool // blamed by f+1 distinct authors
}

// judge computes the verdict of items, in a run whose identity keys are
// peers and which withstands f malicious parties.
func (b *runBinding) judge(peers map[PartyID]ed25519.PublicKey, f int, items []*item) *verdict {
	v := &verdict{
		equivocators: map[PartyID]bool{},
		badEchoers:   map[PartyID]bool{},
		liars:        map[PartyID]bool{},
		blamed:       map[PartyID]bool{},
	}
	// One header shows up in many views and echo slots: verify it once.
	known := map[string]bool{}
	verify := func(h *header) bool {
		d := b.digest(h)
		k := string(d[:]) + string(h.Sig)
		ok, seen := known[k]
		if !seen {
			ok = b.verify(peers, h)
			known[k] = ok
		}
		return ok
	}
	bodies := map[evidenceKey][]header{}
	record := func(h header) {
		k := evidenceKey{h.Round, h.From, h.To, h.Kind}
		for _, o := range bodies[k] {
			if o.sameBody(&h) {
				return
			}
		}
		bodies[k] = append(bodies[k], h)
	}
	blamers := map[PartyID]map[PartyID]bool{}
	for _, it := range items {
		switch it.typ {
		case itemView:
			for _, e := range it.entries {
				if !verify(&e.h) {
					// Only its holder could have put a header that its
					// sender never signed into a view it signed.
					v.liars[it.author] = true
					continue
				}
				record(e.h)
				b.judgeEcho(verify, &e, v, record)
			}
		case itemBlame:
			for _, p := range it.blamed {
				if blamers[p] == nil {
					blamers[p] = map[PartyID]bool{}
				}
				blamers[p][it.author] = true
			}
		}
	}
	for k, hs := range bodies {
		if len(hs) > 1 {
			v.equivocators[k.from] = true
		}
	}
	for p, by := range blamers {
		if len(by) > f && peers[p] != nil {
			v.blamed[p] = true
		}
	}
	return v
}

// judgeEcho checks the echo vector of a message whose signature verified:
// every slot must hold a header its party signed, and these headers join
// the others, where a second body for one slot shows an equivocation.
func (b *runBinding) judgeEcho(verify func(*header) bool, e *viewEntry, v *verdict, record func(header)) {
	if len(e.echo) == 0 {
		return
	}
	slots, ok := parseSlots(e.echo, e.h.Round)
	if !ok || e.h.Round < 2 {
		v.badEchoers[e.h.From] = true
		return
	}
	for _, s := range slots {
		if !verify(&s) {
			v.badEchoers[e.h.From] = true
			continue
		}
		record(s)
	}
}

// culprits returns every party the verdict names, in increasing order.
func (v *verdict) culprits() []PartyID {
	all := map[PartyID]bool{}
	for _, m := range []map[PartyID]bool{v.equivocators, v.badEchoers, v.liars, v.blamed} {
		maps.Copy(all, m)
	}
	return slices.Sorted(maps.Keys(all))
}

// err describes the verdict: it wraps ErrEquivocation, ErrEchoMismatch or
// ErrBlamed for each kind of finding.
func (v *verdict) err() error {
	var errs []error
	add := func(m map[PartyID]bool, sentinel error, what string) {
		if len(m) > 0 {
			errs = append(errs, fmt.Errorf("%w: %s: %v", sentinel, what, slices.Sorted(maps.Keys(m))))
		}
	}
	add(v.equivocators, ErrEquivocation, "signed two different messages for one slot")
	add(v.badEchoers, ErrEchoMismatch, "signed an echo holding a slot its party never signed")
	add(v.liars, ErrEchoMismatch, "signed a view holding a header its sender never signed")
	add(v.blamed, ErrBlamed, "named by more parties than may be malicious")
	return errors.Join(errs...)
}

// ErrBlamed: parties named in a conclusion because more parties than may
// be malicious (Identity.MaxFaulty) blamed them, so that at least one
// honest party did.
var ErrBlamed = errors.New("transport: blamed by enough parties to include an honest one")
