package refresh

import (
	"bytes"
	"fmt"
	"io"

	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/mosaic-mpc/mosaic/dkg"
	"github.com/mosaic-mpc/mosaic/internal/complaint"
	"github.com/mosaic-mpc/mosaic/transport"
	"github.com/mosaic-mpc/mosaic/vss"
)

// Refresh and reshare are one protocol with different parameters: the
// package documentation's "Dealing rounds", whose steps D1 to D4 and the
// complaint phase's GJKR steps label the code below.

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
	// context is the run context (runContext) and identity the run's
	// identity (runIdentity; nil for an unsigned run).
	context  []byte
	identity *transport.Identity

	// w is w_i, the value this party deals; nil unless it is a dealer. It
	// is zeroized once δ_i holds a copy.
	w curve.Scalar
	// decode parses dealer's commitment ε and checks it (its length and
	// constant term); an error blames the dealer.
	decode func(dealer transport.PartyID, b []byte) (*vss.Commitment, error)
	// finish makes the result from the values u_ji this party received
	// (nil if it is not a receiver) and every dealer's commitment ε_j,
	// with the new key's public data, which every party computes (a dealer
	// that leaves too) and confirms.
	finish func(u map[transport.PartyID]curve.Scalar, eps map[transport.PartyID]*vss.Commitment) (*dkg.KeyShare, *Public, error)
}

// dealing is party i's state across the rounds, in the notation of the
// package documentation.
type dealing struct {
	spec       dealingSpec
	isDealer   bool
	isReceiver bool

	// delta is δ_i, this dealer's polynomial, δ_i(0) = w_i.
	delta *vss.Polynomial
	// eps maps every dealer j to its commitment ε_j to δ_j.
	eps map[transport.PartyID]*vss.Commitment
	// uOut maps every other receiver j to u_ij = δ_i(j) as sent, kept for
	// a GJKR reveal until no complaint can need it.
	uOut map[transport.PartyID][]byte
	// uIn maps every dealer j to u_ji = δ_j(i) once it checked out against
	// ε_j (or a reveal settled this party's complaint).
	uIn map[transport.PartyID]curve.Scalar

	// complaints is the GJKR complaint phase: who accuses whom.
	complaints *complaint.Book
	// ownReveal is this dealer's round-3 payload.
	ownReveal []byte
	// pending is an abort decided in round 2 and announced in round 4.
	pending error
	// verdict is round 3's judgement, announced in round 4.
	verdict *complaint.Verdict
}

// newDealingMachine returns the machine and, for tests that play a
// malicious party, its state.
func newDealingMachine(spec dealingSpec, sessionID []byte) (transport.Machine[*dkg.KeyShare], *dealing, error) {
	d := &dealing{
		spec:       spec,
		isDealer:   transport.Contains(spec.dealers, spec.self),
		isReceiver: transport.Contains(spec.receivers, spec.self),
		eps:        make(map[transport.PartyID]*vss.Commitment, len(spec.dealers)),
		complaints: complaint.NewBook(spec.dealers, ErrBadComplaint),
	}
	m, err := newMachine(transport.Config{
		Protocol:  spec.protocol,
		SessionID: sessionID,
		Self:      spec.self,
		Parties:   spec.parties,
		Context:   spec.context,
		Identity:  spec.identity,
	}, &dealRound1{d})
	return m, d, err
}

// newMachine runs a protocol of this package, from its first round, in
// the round framework; a run the framework refuses is ErrConfig.
func newMachine(cfg transport.Config, first transport.FirstRound[*dkg.KeyShare]) (transport.Machine[*dkg.KeyShare], error) {
	m, err := transport.NewMachine(cfg, first)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrConfig, err)
	}
	return m, nil
}

// wipe zeroizes every secret the party still holds; called when the run
// ends either way.
func (d *dealing) wipe() {
	if d.delta != nil {
		d.delta.Zeroize()
	}
	if d.spec.w != nil {
		d.spec.w.Zeroize()
	}
	d.forgetSent()
	clear(d.ownReveal)
	for _, s := range d.uIn {
		s.Zeroize()
	}
}

// forgetSent zeroes the values u_ij kept for reveals.
func (d *dealing) forgetSent() {
	for _, b := range d.uOut {
		clear(b)
	}
	d.uOut = nil
}

// sentTo is the value u_ij this dealer sent receiver j, for its reveal.
func (d *dealing) sentTo(j transport.PartyID) []byte { return d.uOut[j] }

// abort wipes the party's secrets and ends the run with err.
func (d *dealing) abort(err error) transport.Step[*dkg.KeyShare] {
	d.wipe()
	return transport.Abort[*dkg.KeyShare](err)
}

// output ends the run (D4): the spec's result, and every secret wiped.
// Every party confirms the new key's public data before any commits
// (docs/agreement.md, "Confirmed completion"; without identities this is
// a plain finish).
func (d *dealing) output() transport.Step[*dkg.KeyShare] {
	var u map[transport.PartyID]curve.Scalar
	if d.isReceiver {
		u = d.uIn
	}
	ks, next, err := d.spec.finish(u, d.eps)
	d.wipe()
	if err != nil {
		return transport.Abort[*dkg.KeyShare](err)
	}
	return confirmed(ks, next)
}

// confirmed finishes with ks (nil for a party that gets no share) once
// every party has confirmed pub, the public data of the key after the run.
func confirmed(ks *dkg.KeyShare, pub *Public) transport.Step[*dkg.KeyShare] {
	public, err := pub.MarshalBinary()
	if err != nil {
		if ks != nil {
			ks.Secret.Zeroize()
		}
		return transport.Abort[*dkg.KeyShare](fmt.Errorf("%w: public data after the run: %w", ErrInvariant, err))
	}
	return transport.FinishConfirmed(ks, public)
}

// sumCommitments is Σ_j ε_j over the dealers, for D4.
func sumCommitments(eps map[transport.PartyID]*vss.Commitment, dealers []transport.PartyID) (*vss.Commitment, error) {
	all := make([]*vss.Commitment, 0, len(dealers))
	for _, j := range dealers {
		all = append(all, eps[j])
	}
	sum, err := vss.SumCommitments(all...)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrInvariant, err)
	}
	return sum, nil
}

// addValues returns base + Σ_j u_j over parties, a new scalar; the partial
// sums, secret, are zeroized on the way.
func addValues(base curve.Scalar, u map[transport.PartyID]curve.Scalar, parties []transport.PartyID) curve.Scalar {
	acc := base.Add(base.Curve().NewScalar())
	for _, j := range parties {
		next := acc.Add(u[j])
		acc.Zeroize()
		acc = next
	}
	return acc
}

// dealRound1: dealers commit and send shares.
type dealRound1 struct{ d *dealing }

// Expects implements transport.Round: dealers broadcast ε_i and send each
// receiver its u_ij.
func (r *dealRound1) Expects() transport.Expect {
	s := &r.d.spec
	return transport.Expect{Broadcast: true, Direct: true, From: s.dealers, To: s.receivers}
}

// Start implements transport.FirstRound: D1, at a dealer.
func (r *dealRound1) Start() ([]*transport.Message, error) {
	d := r.d
	s := &d.spec
	if !d.isDealer {
		return nil, nil
	}
	// D1: δ_i of degree t-1 with δ_i(0) = w_i, its commitment ε_i, and
	// u_ij = δ_i(j) for every receiver j.
	delta, err := vss.NewPolynomial(s.curve, s.threshold, s.w, s.rand)
	s.w.Zeroize()
	if err != nil {
		return nil, err
	}
	d.delta = delta
	epsI := delta.Commit()
	d.eps[s.self] = epsI
	out := []*transport.Message{{Payload: epsI.Bytes()}}
	d.uOut = make(map[transport.PartyID][]byte, len(s.receivers))
	for _, j := range s.receivers {
		if j == s.self {
			continue
		}
		uij := delta.Evaluate(idScalar(s.curve, j))
		b := uij.Bytes()
		uij.Zeroize()
		d.uOut[j] = b
		// A separate copy: the kept one is cleared later, maybe while the
		// message is still on its way.
		out = append(out, &transport.Message{To: j, Payload: bytes.Clone(b)})
	}
	return out, nil
}

// Finalize implements transport.Round: D2, every ε_j checked by everyone
// and every u_ji by its receiver, who broadcasts its complaints (GJKR step
// 1(b)).
func (r *dealRound1) Finalize(in *transport.Inbox) transport.Step[*dkg.KeyShare] {
	d := r.d
	s := &d.spec
	var blame transport.Blame
	for _, j := range in.Senders() {
		epsJ, err := s.decode(j, in.Broadcast(j))
		if !blame.Add(j, err) {
			d.eps[j] = epsJ
		}
	}
	if err := blame.Err("invalid commitment"); err != nil {
		return d.abort(err)
	}
	if !d.isReceiver {
		if d.delta != nil {
			d.delta.Zeroize()
		}
		return transport.Next[*dkg.KeyShare](nil, &dealRound2{d})
	}
	i := idScalar(s.curve, s.self)
	d.uIn = make(map[transport.PartyID]curve.Scalar, len(s.dealers))
	if d.isDealer {
		d.uIn[s.self] = d.delta.Evaluate(i)
		d.delta.Zeroize()
	}
	accused := complaint.CheckShares(s.curve, in, func(j transport.PartyID, u curve.Scalar) error {
		return d.eps[j].Verify(i, u)
	}, d.uIn)
	d.complaints.Add(s.self, accused)
	return transport.Next[*dkg.KeyShare]([]*transport.Message{{Payload: complaint.EncodeList(accused)}}, &dealRound2{d})
}

// dealRound2: receivers' complaints.
type dealRound2 struct{ d *dealing }

// Expects implements transport.Round: one broadcast from every receiver.
func (r *dealRound2) Expects() transport.Expect {
	return transport.Expect{Broadcast: true, From: r.d.spec.receivers}
}

// Finalize implements transport.Round: D4 when nobody complained (the
// framework then echo-checks the complaint lists); otherwise D3, GJKR step
// 1(c): each accused dealer reveals.
func (r *dealRound2) Finalize(in *transport.Inbox) transport.Step[*dkg.KeyShare] {
	d := r.d
	blame := d.complaints.ReadAll(in)
	// Announced after the next rounds' echo checks, as in dkg: a
	// complaint list malformed for one receiver only is equivocation, and
	// the echo check names its sender before anyone acts alone.
	d.pending = blame.Err("malformed complaint")
	if d.complaints.Empty() && d.pending == nil {
		return d.output()
	}
	if !d.isDealer {
		return transport.Next[*dkg.KeyShare](nil, &dealRound3{d})
	}
	d.ownReveal = d.complaints.Reveal(d.spec.self, d.sentTo)
	return transport.Next[*dkg.KeyShare]([]*transport.Message{{Payload: bytes.Clone(d.ownReveal)}}, &dealRound3{d})
}

// dealRound3: the dealers' reveals.
type dealRound3 struct{ d *dealing }

// Expects implements transport.Round: one broadcast from every dealer.
func (r *dealRound3) Expects() transport.Expect {
	return transport.Expect{Broadcast: true, From: r.d.spec.dealers}
}

// Finalize implements transport.Round: D3, GJKR step 1(d), every complaint
// judged on the reveals; the verdict waits for round 4, so that the
// reveals are echo-checked first.
func (r *dealRound3) Finalize(in *transport.Inbox) transport.Step[*dkg.KeyShare] {
	d := r.d
	s := &d.spec
	reveals := complaint.Reveals(in, s.self, d.ownReveal)
	d.forgetSent()
	d.verdict = d.complaints.Judge(s.curve, reveals, func(j, l transport.PartyID, u curve.Scalar) error {
		return d.eps[j].Verify(idScalar(s.curve, l), u)
	})
	// A settled complaint of this party's: it adopts the revealed u_ji.
	for j, u := range d.verdict.To(s.self) {
		d.uIn[j] = u
	}
	return transport.Next[*dkg.KeyShare](emptyTo(s.parties, s.self), &dealRound4{d})
}

// dealRound4 carries only the echo of the reveals; then the verdict.
type dealRound4 struct{ d *dealing }

// Expects implements transport.Round: a direct message from every party
// to every other.
func (r *dealRound4) Expects() transport.Expect { return transport.Expect{Direct: true} }

// Finalize implements transport.Round: D3's disqualification (GJKR step
// 1(d)), as an abort naming every dealer whose reveal failed; otherwise
// D4.
func (r *dealRound4) Finalize(in *transport.Inbox) transport.Step[*dkg.KeyShare] {
	d := r.d
	if err := echoOnly(in, in.Direct, d.pending); err != nil {
		return d.abort(err)
	}
	var blame transport.Blame
	for j, err := range d.verdict.Upheld() {
		blame.Add(j, fmt.Errorf("%w: %w", ErrBadShare, err))
	}
	if err := blame.Err("share complaint upheld"); err != nil {
		return d.abort(err)
	}
	return d.output()
}

// emptyTo is one empty direct message to every party but self: a round
// whose messages only carry the echo of the previous round's broadcasts.
func emptyTo(parties []transport.PartyID, self transport.PartyID) []*transport.Message {
	out := make([]*transport.Message, 0, len(parties)-1)
	for _, p := range parties {
		if p != self {
			out = append(out, &transport.Message{To: p})
		}
	}
	return out
}

// echoOnly checks a round whose messages only carry the echo of the
// previous round's broadcasts: it returns the abort naming every sender
// whose message, as payload reads it, has a payload, or else pending (an
// abort decided earlier and announced now; nil if none).
func echoOnly(in *transport.Inbox, payload func(transport.PartyID) []byte, pending error) error {
	var blame transport.Blame
	for _, j := range in.Senders() {
		if len(payload(j)) != 0 {
			blame.Add(j, fmt.Errorf("%w: payload in an echo-only message", ErrBadComplaint))
		}
	}
	if err := blame.Err("payload in an echo-only message"); err != nil {
		return err
	}
	return pending
}
