package agreementtest

import (
	"crypto/ed25519"
	"errors"
	"fmt"
	"maps"
	"slices"

	"github.com/mosaic-mpc/mosaic/transport"
)

// Net is one simulated run: a machine per party (started by Run), the
// identity key of each malicious party, and their behaviours.
type Net[Out any] struct {
	// Machines holds every party's machine, not yet started.
	Machines map[transport.PartyID]transport.Machine[Out]
	// Malicious maps each malicious party to its behaviour.
	Malicious map[transport.PartyID]Behaviour
	// Keys holds the identity keys the behaviours re-sign with.
	Keys map[transport.PartyID]ed25519.PrivateKey
	// MaxTicks bounds the run (default 10000): a run that has not ended by
	// then is a failure, not a hang.
	MaxTicks int
}

// Outcome is how each honest party ended.
type Outcome[Out any] struct {
	Results map[transport.PartyID]Out
	Errs    map[transport.PartyID]error
	// Ticks counts the ticks, Expiries the round timeouts.
	Ticks, Expiries int
}

type envelope struct {
	to  transport.PartyID
	msg *transport.Message
}

// Run starts every machine and delivers messages until every honest
// machine is done.
func Run[Out any](n *Net[Out]) (*Outcome[Out], error) {
	maxTicks := n.MaxTicks
	if maxTicks == 0 {
		maxTicks = 10000
	}
	ids := slices.Sorted(maps.Keys(n.Machines))
	var queue []envelope
	route := func(from transport.PartyID, out []*transport.Message) {
		for _, m := range out {
			for _, to := range ids {
				if to == from || (m.To != 0 && m.To != to) {
					continue
				}
				c := m.Clone()
				if b := n.Malicious[from]; b != nil {
					for _, r := range b.Rewrite(c, to, n.Keys[from]) {
						queue = append(queue, envelope{to, r})
					}
					continue
				}
				queue = append(queue, envelope{to, c})
			}
		}
	}
	for _, id := range ids {
		out, _ := n.Machines[id].Start()
		route(id, out)
	}
	o := &Outcome[Out]{}
	// ended holds the parties that transport.Run would have stopped on a
	// refusal: a peer with another context (key mismatch).
	ended := map[transport.PartyID]error{}
	running := func(id transport.PartyID) bool { return ended[id] == nil && !n.Machines[id].Done() }
	honestRunning := func() bool {
		for _, id := range ids {
			if n.Malicious[id] == nil && running(id) {
				return true
			}
		}
		return false
	}
	for honestRunning() {
		o.Ticks++
		if o.Ticks > maxTicks {
			return o, fmt.Errorf("agreementtest: no outcome after %d ticks", maxTicks)
		}
		cur := queue
		queue = nil
		delivered := false
		for _, e := range cur {
			m := n.Machines[e.to]
			if !running(e.to) {
				continue
			}
			out, err := m.Deliver(e.msg)
			var ce *transport.ContextError
			if errors.As(err, &ce) {
				ended[e.to] = transport.NewAbortError("", 0, "key mismatch", ce)
			}
			route(e.to, out)
			delivered = true
		}
		if delivered {
			continue
		}
		// Nothing moved: the round timeout passes for every running party.
		o.Expiries++
		for _, id := range ids {
			m := n.Machines[id]
			e, ok := m.(transport.Expirer)
			if !running(id) || !ok {
				continue
			}
			out, _, _ := e.Expire()
			route(id, out)
		}
	}
	o.Results = map[transport.PartyID]Out{}
	o.Errs = map[transport.PartyID]error{}
	for _, id := range ids {
		if n.Malicious[id] != nil {
			continue
		}
		if err := ended[id]; err != nil {
			o.Errs[id] = err
			continue
		}
		res, err := n.Machines[id].Result()
		if err != nil {
			o.Errs[id] = err
			continue
		}
		o.Results[id] = res
	}
	return o, nil
}

// Check reports how the honest parties of o disagree, or nil if they
// agree: all finished with outputs that equal says are the same, or all
// aborted naming the same culprits, none of them honest. Malicious parties
// are the parties of the run o does not report.
func (o *Outcome[Out]) Check(equal func(a, b Out) bool) error {
	honest := slices.Sorted(maps.Keys(o.Results))
	honest = append(honest, slices.Sorted(maps.Keys(o.Errs))...)
	slices.Sort(honest)
	if len(o.Results) > 0 && len(o.Errs) > 0 {
		return fmt.Errorf("split outcome: %v finished, %v aborted (%v)", slices.Sorted(maps.Keys(o.Results)), slices.Sorted(maps.Keys(o.Errs)), o.firstErr())
	}
	var first *Out
	for _, id := range honest {
		if res, ok := o.Results[id]; ok {
			if first != nil && !equal(*first, res) {
				return fmt.Errorf("party %d finished with another output", id)
			}
			first = &res
		}
	}
	var culprits []transport.PartyID
	for i, id := range slices.Sorted(maps.Keys(o.Errs)) {
		err := o.Errs[id]
		var ae *transport.AbortError
		if !errors.As(err, &ae) {
			return fmt.Errorf("party %d ended without an abort: %w", id, err)
		}
		for _, c := range ae.Culprits {
			if slices.Contains(honest, c) {
				return fmt.Errorf("party %d names honest party %d: %w", id, c, err)
			}
		}
		if i > 0 && !slices.Equal(culprits, ae.Culprits) {
			return fmt.Errorf("party %d names %v, another honest party names %v: %w", id, ae.Culprits, culprits, err)
		}
		culprits = ae.Culprits
	}
	return nil
}

// Culprits returns the culprits the honest parties named (Check makes sure
// they are the same), or nil if they finished.
func (o *Outcome[Out]) Culprits() []transport.PartyID {
	for _, err := range o.Errs {
		return transport.Culprits(err)
	}
	return nil
}

func (o *Outcome[Out]) firstErr() error {
	for _, id := range slices.Sorted(maps.Keys(o.Errs)) {
		return o.Errs[id]
	}
	return nil
}
