package refresh

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"slices"

	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/mosaic-mpc/mosaic/dkg"
	"github.com/mosaic-mpc/mosaic/transport"
	"github.com/mosaic-mpc/mosaic/vss"
)

// Refresh and reshare are one protocol with different parameters: dealers
// share a value with a Feldman VSS among receivers, receivers check their
// shares and complain, complaints are settled in public, and each receiver
// combines what it received. Refresh: every party deals a sharing of zero
// to every party. Reshare: the old committee's dealers deal λ_i·x_i to the
// new committee. The rounds:
//
//  1. dealers: broadcast the commitment, and send each receiver its share
//     (Expect.From = dealers, Expect.To = receivers). Everyone checks every
//     commitment (its length and its constant term); receivers check their
//     shares.
//  2. receivers: broadcast complaints, the dealers whose share failed (empty
//     when all is well; it then doubles as a confirmation to everyone, and
//     the framework's echo-only round checks it). Its echo vector proves
//     that the receivers saw the same commitments.
//  3. only after a complaint, dealers: broadcast the disputed shares.
//  4. everyone: empty direct messages whose echo vector checks the reveals
//     before the verdict (Gennaro-Jarecki-Krawczyk-Rabin): a missing or bad
//     reveal aborts naming the dealer; a valid one settles the complaint,
//     the accuser adopts the share and the run completes, so an honest
//     dealer is never blamed on a liar's word.
const dealingRounds = 4

// dealingSpec is what tells refresh and reshare apart.
type dealingSpec struct {
	protocol  string
	curve     curve.Curve
	self      transport.PartyID
	parties   []transport.PartyID // sorted: dealers ∪ receivers
	dealers   []transport.PartyID // sorted
	receivers []transport.PartyID // sorted
	threshold int                 // of the sharing dealt
	rand      io.Reader

	// secret is the value this party deals; nil unless it is a dealer. It
	// is zeroized once the polynomial holds a copy.
	secret curve.Scalar
	// decode parses dealer's commitment and checks it; an error blames
	// the dealer.
	decode func(dealer transport.PartyID, b []byte) (*vss.Commitment, error)
	// finish makes the result from the shares this party received (nil if
	// it is not a receiver) and every dealer's commitment.
	finish func(received map[transport.PartyID]curve.Scalar, cms map[transport.PartyID]*vss.Commitment) (*dkg.KeyShare, error)
}

// dealing is one party's state across the rounds.
type dealing struct {
	// pending is an abort decided in round 2 and announced in round 4.
	pending     error
	spec        dealingSpec
	isDealer    bool
	isReceiver  bool
	poly        *vss.Polynomial
	commitments map[transport.PartyID]*vss.Commitment
	received    map[transport.PartyID]curve.Scalar
	dealt       map[transport.PartyID][]byte // shares sent, kept for reveals
	ownReveal   []byte                       // this party's round-3 payload
	accused     []transport.PartyID          // this party's own complaints
	complaints  map[transport.PartyID][]transport.PartyID
}

// newDealingMachine returns the machine and, for tests that play a
// malicious party, its state.
func newDealingMachine(spec dealingSpec, sessionID []byte) (transport.Machine[*dkg.KeyShare], *dealing, error) {
	d := &dealing{
		spec:        spec,
		isDealer:    transport.Contains(spec.dealers, spec.self),
		isReceiver:  transport.Contains(spec.receivers, spec.self),
		commitments: make(map[transport.PartyID]*vss.Commitment, len(spec.dealers)),
	}
	m, err := transport.NewMachine(transport.Config{
		Protocol:  spec.protocol,
		SessionID: sessionID,
		Self:      spec.self,
		Parties:   spec.parties,
		Rounds:    dealingRounds,
	}, &dealRound1{d})
	if err != nil {
		return nil, nil, fmt.Errorf("%w: %w", ErrConfig, err)
	}
	return m, d, nil
}

// wipe zeroizes every secret the party still holds; called when the run
// ends either way.
func (d *dealing) wipe() {
	if d.poly != nil {
		d.poly.Zeroize()
	}
	if d.spec.secret != nil {
		d.spec.secret.Zeroize()
	}
	d.forgetDealt()
	clear(d.ownReveal)
	for _, s := range d.received {
		s.Zeroize()
	}
}

func (d *dealing) forgetDealt() {
	for _, b := range d.dealt {
		clear(b)
	}
	d.dealt = nil
}

// abort wipes the party's secrets and returns the AbortError.
func (d *dealing) abort(round int, reason string, err error, culprits ...transport.PartyID) error {
	d.wipe()
	return transport.NewAbortError(d.spec.protocol, round, reason, err, culprits...)
}

// output finishes the run: the spec's result, and every secret wiped.
func (d *dealing) output() (**dkg.KeyShare, error) {
	var received map[transport.PartyID]curve.Scalar
	if d.isReceiver {
		received = d.received
	}
	ks, err := d.spec.finish(received, d.commitments)
	d.wipe()
	if err != nil {
		return nil, err
	}
	return &ks, nil
}

// dealRound1: dealers commit and send shares.
type dealRound1 struct{ d *dealing }

func (r *dealRound1) Number() int { return 1 }
func (r *dealRound1) Expects() transport.Expect {
	s := &r.d.spec
	return transport.Expect{Broadcast: true, Direct: true, From: s.dealers, To: s.receivers}
}

func (r *dealRound1) Start() ([]*transport.Message, error) {
	d := r.d
	s := &d.spec
	if !d.isDealer {
		return nil, nil
	}
	poly, err := vss.NewPolynomial(s.curve, s.threshold, s.secret, s.rand)
	s.secret.Zeroize()
	if err != nil {
		return nil, err
	}
	d.poly = poly
	cm := poly.Commit()
	d.commitments[s.self] = cm
	out := []*transport.Message{{Payload: cm.Bytes()}}
	d.dealt = make(map[transport.PartyID][]byte, len(s.receivers))
	for _, j := range s.receivers {
		if j == s.self {
			continue
		}
		share := poly.Evaluate(idScalar(s.curve, j))
		b := share.Bytes()
		share.Zeroize()
		d.dealt[j] = b
		// A separate copy: the kept one is cleared later, maybe while the
		// message is still on its way.
		out = append(out, &transport.Message{To: j, Payload: bytes.Clone(b)})
	}
	return out, nil
}

func (r *dealRound1) Finalize(in *transport.Inbox) ([]*transport.Message, transport.Round[*dkg.KeyShare], **dkg.KeyShare, error) {
	d := r.d
	s := &d.spec
	var culprits []transport.PartyID
	var reasons []error
	for _, j := range in.Senders() {
		cm, err := s.decode(j, in.Broadcast(j))
		if err != nil {
			culprits = append(culprits, j)
			reasons = append(reasons, fmt.Errorf("party %d: %w", j, err))
			continue
		}
		d.commitments[j] = cm
	}
	if len(culprits) > 0 {
		return nil, nil, nil, d.abort(1, "invalid commitment", errors.Join(reasons...), culprits...)
	}
	if !d.isReceiver {
		if d.poly != nil {
			d.poly.Zeroize()
		}
		return nil, &dealRound2{d}, nil, nil
	}
	x := idScalar(s.curve, s.self)
	d.received = make(map[transport.PartyID]curve.Scalar, len(s.dealers))
	if d.isDealer {
		d.received[s.self] = d.poly.Evaluate(x)
		d.poly.Zeroize()
	}
	for _, j := range in.Senders() {
		share, err := s.curve.DecodeScalar(in.Direct(j))
		if err == nil {
			err = d.commitments[j].Verify(x, share)
		}
		if err != nil {
			d.accused = append(d.accused, j)
			continue
		}
		d.received[j] = share
	}
	return []*transport.Message{{Payload: encodeIDs(d.accused)}}, &dealRound2{d}, nil, nil
}

// dealRound2: receivers' complaints; finish, or ask the accused to reveal.
type dealRound2 struct{ d *dealing }

func (r *dealRound2) Number() int { return 2 }
func (r *dealRound2) Expects() transport.Expect {
	return transport.Expect{Broadcast: true, From: r.d.spec.receivers}
}

func (r *dealRound2) Finalize(in *transport.Inbox) ([]*transport.Message, transport.Round[*dkg.KeyShare], **dkg.KeyShare, error) {
	d := r.d
	s := &d.spec
	d.complaints = make(map[transport.PartyID][]transport.PartyID)
	var malformed []transport.PartyID
	var reasons []error
	for _, j := range in.Senders() {
		ids, err := decodeIDs(in.Broadcast(j), s.dealers, j)
		if err != nil {
			malformed = append(malformed, j)
			reasons = append(reasons, fmt.Errorf("party %d: %w", j, err))
			continue
		}
		if len(ids) > 0 {
			d.complaints[j] = ids
		}
	}
	if len(d.accused) > 0 {
		d.complaints[s.self] = d.accused
	}
	if len(malformed) > 0 {
		// Announced after the next rounds' echo checks, as in dkg: a
		// complaint list malformed for one receiver only is equivocation,
		// and the echo check names its sender before anyone acts alone.
		d.pending = transport.NewAbortError(d.spec.protocol, 2, "malformed complaint", errors.Join(reasons...), malformed...)
	}
	if len(d.complaints) == 0 && d.pending == nil {
		res, err := d.output()
		return nil, nil, res, err
	}
	if !d.isDealer {
		return nil, &dealRound3{d}, nil, nil
	}
	var recs []reveal
	for _, accuser := range accusersOf(d.complaints, s.receivers, s.self) {
		recs = append(recs, reveal{accuser: accuser, value: d.dealt[accuser]})
	}
	d.ownReveal = encodeReveals(recs)
	return []*transport.Message{{Payload: bytes.Clone(d.ownReveal)}}, &dealRound3{d}, nil, nil
}

// dealRound3: collect the dealers' reveals; the verdict waits for round 4
// so that the reveals are echo-checked first.
type dealRound3 struct{ d *dealing }

func (r *dealRound3) Number() int { return 3 }
func (r *dealRound3) Expects() transport.Expect {
	return transport.Expect{Broadcast: true, From: r.d.spec.dealers}
}

func (r *dealRound3) Finalize(in *transport.Inbox) ([]*transport.Message, transport.Round[*dkg.KeyShare], **dkg.KeyShare, error) {
	d := r.d
	s := &d.spec
	reveals := make(map[transport.PartyID][]byte, len(s.dealers))
	if d.isDealer {
		reveals[s.self] = d.ownReveal
	}
	for _, j := range in.Senders() {
		reveals[j] = in.Broadcast(j)
	}
	d.forgetDealt()
	out := make([]*transport.Message, 0, len(s.parties)-1)
	for _, p := range s.parties {
		if p != s.self {
			out = append(out, &transport.Message{To: p})
		}
	}
	return out, &dealRound4{d: d, reveals: reveals}, nil, nil
}

// dealRound4 carries only the echo of the reveals; then the verdict.
type dealRound4 struct {
	d       *dealing
	reveals map[transport.PartyID][]byte
}

func (r *dealRound4) Number() int               { return 4 }
func (r *dealRound4) Expects() transport.Expect { return transport.Expect{Direct: true} }

func (r *dealRound4) Finalize(in *transport.Inbox) ([]*transport.Message, transport.Round[*dkg.KeyShare], **dkg.KeyShare, error) {
	d := r.d
	s := &d.spec
	var malformed []transport.PartyID
	for _, j := range in.Senders() {
		if len(in.Direct(j)) != 0 {
			malformed = append(malformed, j)
		}
	}
	if len(malformed) > 0 {
		return nil, nil, nil, d.abort(4, "payload in an echo-only message", ErrBadComplaint, malformed...)
	}
	if d.pending != nil {
		d.wipe()
		return nil, nil, nil, d.pending
	}
	blamed := map[transport.PartyID]bool{}
	var reasons []error
	for _, accuser := range s.receivers {
		for _, accused := range d.complaints[accuser] {
			share, err := findReveal(s.curve, r.reveals[accused], accuser)
			if err == nil {
				err = d.commitments[accused].Verify(idScalar(s.curve, accuser), share)
			}
			if err != nil {
				blamed[accused] = true
				reasons = append(reasons, fmt.Errorf("party %d: %w (complaint by %d): %w", accused, ErrBadShare, accuser, err))
				continue
			}
			if accuser == s.self {
				d.received[accused] = share
			}
		}
	}
	if len(blamed) > 0 {
		culprits := make([]transport.PartyID, 0, len(blamed))
		for id := range blamed {
			culprits = append(culprits, id)
		}
		slices.Sort(culprits)
		return nil, nil, nil, d.abort(4, "share complaint upheld", errors.Join(reasons...), culprits...)
	}
	res, err := d.output()
	return nil, nil, res, err
}
