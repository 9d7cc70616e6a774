package tlsnet

import (
	"encoding/binary"
	"errors"

	"github.com/mosaic-mpc/mosaic/transport"
)

// A two-round toy protocol for the end-to-end tests: in round 1 every
// party broadcasts a number; in round 2 it sends every other party, in a
// direct message, the total it computed; it finishes with the total,
// confirmed by every party when the run has identities. A payload that is
// not 8 bytes, or a total that differs from ours, is blamed on its sender.

const sumProtocol = "tlsnet-test-sum/v1"

var (
	errSumPayload = errors.New("sum: payload is not 8 bytes")
	errSumTotal   = errors.New("sum: totals disagree")
)

func sumEncode(v uint64) []byte { return binary.BigEndian.AppendUint64(nil, v) }

func sumDecode(b []byte) (uint64, error) {
	if len(b) != 8 {
		return 0, errSumPayload
	}
	return binary.BigEndian.Uint64(b), nil
}

// sumInput is party p's number.
func sumInput(p transport.PartyID) uint64 { return 100 + uint64(p) }

type sumShare struct{ value uint64 }

func (r *sumShare) Expects() transport.Expect { return transport.Expect{Broadcast: true} }

func (r *sumShare) Start() ([]*transport.Message, error) {
	return []*transport.Message{{Payload: sumEncode(r.value)}}, nil
}

func (r *sumShare) Finalize(in *transport.Inbox) transport.Step[uint64] {
	total := r.value
	var blame transport.Blame
	for _, p := range in.Senders() {
		v, err := sumDecode(in.Broadcast(p))
		if !blame.Add(p, err) {
			total += v
		}
	}
	if err := blame.Err("round 1 number"); err != nil {
		return transport.Abort[uint64](err)
	}
	var out []*transport.Message
	for _, p := range in.Senders() {
		out = append(out, &transport.Message{To: p, Payload: sumEncode(total)})
	}
	return transport.Next(out, &sumCheck{total: total})
}

type sumCheck struct{ total uint64 }

func (r *sumCheck) Expects() transport.Expect { return transport.Expect{Direct: true} }

func (r *sumCheck) Finalize(in *transport.Inbox) transport.Step[uint64] {
	var blame transport.Blame
	for _, p := range in.Senders() {
		v, err := sumDecode(in.Direct(p))
		if err == nil && v != r.total {
			err = errSumTotal
		}
		blame.Add(p, err)
	}
	if err := blame.Err("round 2 total"); err != nil {
		return transport.Abort[uint64](err)
	}
	return transport.FinishConfirmed(r.total, sumEncode(r.total))
}

// newSum returns party self's machine of the toy protocol among parties.
func newSum(sid []byte, self transport.PartyID, parties []transport.PartyID, id *transport.Identity) (transport.Machine[uint64], error) {
	return transport.NewMachine(transport.Config{
		Protocol:  sumProtocol,
		SessionID: sid,
		Self:      self,
		Parties:   parties,
		Identity:  id,
	}, transport.FirstRound[uint64](&sumShare{value: sumInput(self)}))
}
