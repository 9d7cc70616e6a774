package midround

import (
	"errors"
	"slices"
	"testing"

	"github.com/mosaic-mpc/mosaic/transport"
)

// Delivery is one message as one recipient got it. A broadcast is one
// Delivery per recipient.
type Delivery struct {
	Round  int
	From   transport.PartyID
	To     transport.PartyID // the recipient, also of a broadcast
	Direct bool              // a direct message, not a broadcast
	Echo   []byte
	// Payload is the protocol's message body.
	Payload []byte
}

// Lie is the one message a run changes: From's message of Round, of the
// kind Direct says, as To receives it. Everyone gives the changed copy of
// a broadcast to every recipient (a consistent lie) rather than to To
// alone (an equivocation).
type Lie struct {
	Round    int
	From, To transport.PartyID
	Direct   bool
	Everyone bool
	// Echo and Payload replace the real message's.
	Echo, Payload []byte
}

// matches reports whether the real message m, on its way to rcpt, is the
// one the lie replaces.
func (l *Lie) matches(m *transport.Message, rcpt transport.PartyID) bool {
	if l == nil || m.Round != l.Round || m.From != l.From || m.Broadcast() == l.Direct {
		return false
	}
	return rcpt == l.To || (l.Everyone && m.Broadcast())
}

// Outcome is how a run ended once no message was left to deliver.
type Outcome[Out any] struct {
	// Deliveries are every message delivered, in order, as delivered
	// (with the lie).
	Deliveries []Delivery
	// Outs holds the output of every party that finished, Errs the
	// error of every party that aborted.
	Outs map[transport.PartyID]Out
	Errs map[transport.PartyID]error
	// Waiting maps every party still running to the parties it waits for.
	Waiting map[transport.PartyID][]transport.PartyID
}

// maxDeliveries bounds one run: far more than any protocol here sends, so
// reaching it means machines that keep answering each other.
const maxDeliveries = 1 << 14

// Run starts every machine in increasing party order and delivers every
// message, first in first out, to its recipients in increasing order,
// replacing the one lie describes (nil for an honest run). A message for a
// machine that has stopped is dropped. It fails tb if Start or Deliver
// returns an error of a type the Machine contract does not allow.
func Run[Out any](tb testing.TB, ms map[transport.PartyID]transport.Machine[Out], lie *Lie) *Outcome[Out] {
	tb.Helper()
	parties := sortedParties(ms)
	var queue []*transport.Message
	for _, id := range parties {
		out, err := ms[id].Start()
		checkReturn(tb, id, "Start", err)
		queue = append(queue, out...)
	}
	res := &Outcome[Out]{
		Outs:    map[transport.PartyID]Out{},
		Errs:    map[transport.PartyID]error{},
		Waiting: map[transport.PartyID][]transport.PartyID{},
	}
	for len(queue) > 0 {
		m := queue[0]
		queue = queue[1:]
		for _, rcpt := range parties {
			if rcpt == m.From || (!m.Broadcast() && m.To != rcpt) || ms[rcpt].Done() {
				continue
			}
			msg := m.Clone()
			if lie.matches(m, rcpt) {
				msg.Echo, msg.Payload = slices.Clone(lie.Echo), slices.Clone(lie.Payload)
			}
			res.Deliveries = append(res.Deliveries, Delivery{Round: msg.Round, From: msg.From, To: rcpt,
				Direct: !msg.Broadcast(), Echo: slices.Clone(msg.Echo), Payload: slices.Clone(msg.Payload)})
			if len(res.Deliveries) > maxDeliveries {
				tb.Fatalf("midround: more than %d deliveries", maxDeliveries)
			}
			out, err := ms[rcpt].Deliver(msg)
			checkReturn(tb, rcpt, "Deliver", err)
			queue = append(queue, out...)
		}
	}
	for _, id := range parties {
		m := ms[id]
		if !m.Done() {
			w, ok := m.(transport.Waiter)
			if !ok {
				tb.Fatalf("midround: party %d's machine is not a transport.Waiter", id)
			}
			res.Waiting[id] = w.Waiting()
			continue
		}
		out, err := m.Result()
		if err != nil {
			res.Errs[id] = err
			continue
		}
		res.Outs[id] = out
	}
	return res
}

// checkReturn fails tb unless err is nil, a *transport.MessageError, a join
// of them (the refusals of buffered messages) or a *transport.AbortError.
func checkReturn(tb testing.TB, id transport.PartyID, call string, err error) {
	tb.Helper()
	switch e := err.(type) {
	case nil, *transport.MessageError, *transport.AbortError:
		return
	case interface{ Unwrap() []error }:
		for _, inner := range e.Unwrap() {
			if _, ok := inner.(*transport.MessageError); !ok {
				tb.Fatalf("midround: party %d: %s returned a join holding %T: %v", id, call, inner, err)
			}
		}
	default:
		tb.Fatalf("midround: party %d: %s returned %T, want *transport.MessageError or *transport.AbortError: %v", id, call, err, err)
	}
}

// sortedParties returns the parties of ms in increasing order.
func sortedParties[Out any](ms map[transport.PartyID]transport.Machine[Out]) []transport.PartyID {
	ids := make([]transport.PartyID, 0, len(ms))
	for id := range ms {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	return ids
}

// abortOf returns the *transport.AbortError in err's chain, or nil.
func abortOf(err error) *transport.AbortError {
	var ae *transport.AbortError
	if errors.As(err, &ae) {
		return ae
	}
	return nil
}
