package refresh

import (
	"errors"
	"fmt"
	"io"

	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/mosaic-mpc/mosaic/dkg"
	"github.com/mosaic-mpc/mosaic/transport"
)

// RepairConfig configures one party's share repair. The run's parties are
// Helpers and Lost.
type RepairConfig struct {
	// Self is this party: a helper or the lost party.
	Self transport.PartyID
	// Share is a helper's key share (never modified); nil for the lost
	// party.
	Share *dkg.KeyShare
	// Public is the key's public data. The lost party must give it (from
	// a trusted record, or a helper's PublicOf compared across helpers);
	// for a helper it comes from Share, and must agree if also given.
	Public *Public
	// Helpers are at least t share holders; Lost is the party whose share
	// is repaired.
	Helpers []transport.PartyID
	Lost    transport.PartyID
	// SessionID comes from RepairSessionID and is the same for every
	// party.
	SessionID []byte
	// Rand is the randomness source; nil means crypto/rand.
	Rand io.Reader
}

// repairRounds is the most rounds a repair takes (with complaints).
const repairRounds = 4

// NewRepair returns the repair Machine of one party: RepairStep1, 2 and 3
// over the network, with complaints settled in public. Rounds:
//
//  1. helpers: broadcast the commitment to their summands, and send each
//     other helper its summand. Everyone checks every commitment against
//     the helper's public share; helpers check their summands.
//  2. helpers: broadcast complaints (empty when all is well), and send σ_j
//     to the lost party (an empty message from a helper that complains).
//     Without complaints the lost party checks every σ_j and combines
//     them; the framework's echo-only round checks the complaints.
//  3. only after a complaint, helpers: broadcast the disputed summands.
//  4. everyone: direct messages carrying the echo of the reveals; an
//     accuser whose complaint was settled by a valid reveal sends its σ_j
//     to the lost party in it. A bad reveal names the accused helper.
//
// The lost party's result is its repaired key share; a helper's result is
// nil. Every helper's share is left as it is. A failure returns an
// *transport.AbortError naming the helpers at fault, and the lost party
// gets nothing. Only the lost party can check the σ values (they are
// secret to it): a bad σ_j makes its Result an AbortError naming j, while
// the helpers, who learnt nothing, complete.
func NewRepair(cfg RepairConfig) (transport.Machine[*dkg.KeyShare], error) {
	m, _, err := newRepair(cfg)
	return m, err
}

// newRepair returns the machine and, for tests that play a malicious
// party, its state.
func newRepair(cfg RepairConfig) (transport.Machine[*dkg.KeyShare], *repair, error) {
	pub, err := cfg.public()
	if err != nil {
		return nil, nil, err
	}
	set, err := NewRepairSet(pub, cfg.Helpers, cfg.Lost)
	if err != nil {
		return nil, nil, err
	}
	if cfg.Self != cfg.Lost && !transport.Contains(cfg.Helpers, cfg.Self) {
		return nil, nil, fmt.Errorf("%w: party %d is neither a helper nor the lost party", ErrConfig, cfg.Self)
	}
	if len(cfg.SessionID) == 0 {
		return nil, nil, fmt.Errorf("%w: empty session id", ErrConfig)
	}
	r := &repair{
		set:      set,
		self:     cfg.Self,
		isHelper: cfg.Self != cfg.Lost,
		share:    cfg.Share,
		rand:     orDefault(cfg.Rand),
		parties:  union(set.helpers, []transport.PartyID{set.lost}),
		cms:      make(map[transport.PartyID]*RepairCommitment, len(set.helpers)),
	}
	m, err := transport.NewMachine(transport.Config{
		Protocol:  RepairProtocol,
		SessionID: cfg.SessionID,
		Self:      cfg.Self,
		Parties:   r.parties,
		Rounds:    repairRounds,
	}, transport.FirstRound[repairOutcome](&repRound1{r}))
	if err != nil {
		return nil, nil, fmt.Errorf("%w: %w", ErrConfig, err)
	}
	return &repairMachine{inner: m}, r, nil
}

// repairOutcome is a repair's result inside the round framework. The lost
// party's verdict on the σ values is private (only it can check them), so
// a failed check must not stop it before the echo-only round that the
// helpers wait for: it finishes the run with err set, and repairMachine
// turns that into its Result.
type repairOutcome struct {
	share *dkg.KeyShare
	err   error
}

// repairMachine presents the framework's Machine[repairOutcome] as a
// Machine[*dkg.KeyShare].
type repairMachine struct {
	inner transport.Machine[repairOutcome]
}

// Start implements transport.Machine.
func (m *repairMachine) Start() ([]*transport.Message, error) { return m.inner.Start() }

// Deliver implements transport.Machine.
func (m *repairMachine) Deliver(msg *transport.Message) ([]*transport.Message, error) {
	return m.inner.Deliver(msg)
}

// Done implements transport.Machine.
func (m *repairMachine) Done() bool { return m.inner.Done() }

// Result implements transport.Machine: the repaired share (nil for a
// helper), or the run's AbortError, or the lost party's verdict on the
// helpers' σ values.
func (m *repairMachine) Result() (*dkg.KeyShare, error) {
	o, err := m.inner.Result()
	if err != nil {
		return nil, err
	}
	return o.share, o.err
}

// Waiting implements transport.Waiter.
func (m *repairMachine) Waiting() []transport.PartyID {
	return m.inner.(transport.Waiter).Waiting()
}

// Progress implements transport.ProgressReporter.
func (m *repairMachine) Progress() transport.Progress {
	return m.inner.(transport.ProgressReporter).Progress()
}

// public checks Share and Public and returns the key's public data.
func (cfg *RepairConfig) public() (*Public, error) {
	if cfg.Self == cfg.Lost {
		if cfg.Share != nil {
			return nil, fmt.Errorf("%w: the lost party has no share to give", ErrConfig)
		}
		if cfg.Public == nil {
			return nil, fmt.Errorf("%w: the lost party needs the key's public data", ErrConfig)
		}
		return cfg.Public, nil
	}
	if cfg.Share == nil {
		return nil, fmt.Errorf("%w: helper %d needs its key share", ErrConfig, cfg.Self)
	}
	if err := cfg.Share.Validate(); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrConfig, err)
	}
	if cfg.Share.Self != cfg.Self {
		return nil, fmt.Errorf("%w: share of party %d given to party %d", ErrConfig, cfg.Share.Self, cfg.Self)
	}
	pub := PublicOf(cfg.Share)
	if cfg.Public != nil && !cfg.Public.Equal(pub) {
		return nil, fmt.Errorf("%w: Public and Share describe different keys", ErrConfig)
	}
	return pub, nil
}

// repair is one party's state across the rounds.
type repair struct {
	set      *RepairSet
	self     transport.PartyID
	isHelper bool
	share    *dkg.KeyShare
	rand     io.Reader
	parties  []transport.PartyID

	own        *RepairDeltas // a helper's step-1 output
	cms        map[transport.PartyID]*RepairCommitment
	deltas     map[transport.PartyID]curve.Scalar // a helper's received summands
	accused    []transport.PartyID                // a helper's own complaints
	complaints map[transport.PartyID][]transport.PartyID
	sigmas     map[transport.PartyID]curve.Scalar // the lost party's σ_j
	reveals    map[transport.PartyID][]byte
}

func (r *repair) curve() curve.Curve { return r.set.public.Curve }

// wipe zeroizes every secret the party holds; called when the run ends.
func (r *repair) wipe() {
	if r.own != nil {
		r.own.Zeroize()
	}
	for _, m := range []map[transport.PartyID]curve.Scalar{r.deltas, r.sigmas} {
		for _, v := range m {
			v.Zeroize()
		}
	}
}

func (r *repair) abort(round int, reason string, err error, culprits ...transport.PartyID) error {
	r.wipe()
	return transport.NewAbortError(RepairProtocol, round, reason, err, culprits...)
}

// sigmaMessage is a helper's σ for the lost party.
func (r *repair) sigmaMessage() *transport.Message {
	sigma := r.set.sum(r.deltas)
	defer sigma.Zeroize()
	return &transport.Message{To: r.set.lost, Payload: sigma.Bytes()}
}

// done ends the run: the lost party checks every σ_j and combines them; a
// helper's share is nil. A bad σ_j is the lost party's verdict alone: it is
// returned in the outcome, not as an abort (see repairOutcome).
func (r *repair) done(round int) *repairOutcome {
	defer r.wipe()
	if r.isHelper {
		return &repairOutcome{}
	}
	if bad := r.set.badSigmas(r.sigmas, r.cms); len(bad) > 0 {
		return &repairOutcome{err: transport.NewAbortError(RepairProtocol, round, "repair sum", errBadSigma, bad...)}
	}
	ks, err := r.set.combine(r.sigmas)
	return &repairOutcome{share: ks, err: err}
}

// repRound1: helpers commit to their summands and send them.
type repRound1 struct{ r *repair }

func (x *repRound1) Number() int { return 1 }
func (x *repRound1) Expects() transport.Expect {
	h := x.r.set.helpers
	return transport.Expect{Broadcast: true, Direct: true, From: h, To: h}
}

func (x *repRound1) Start() ([]*transport.Message, error) {
	r := x.r
	if !r.isHelper {
		return nil, nil
	}
	own, err := RepairStep1(r.set, r.share, r.rand)
	if err != nil {
		return nil, err
	}
	r.own = own
	r.cms[r.self] = own.Commitment
	out := []*transport.Message{{Payload: own.Commitment.Bytes()}}
	for _, j := range r.set.helpers {
		if j != r.self {
			out = append(out, &transport.Message{To: j, Payload: own.Deltas[j].Bytes()})
		}
	}
	return out, nil
}

func (x *repRound1) Finalize(in *transport.Inbox) ([]*transport.Message, transport.Round[repairOutcome], *repairOutcome, error) {
	r := x.r
	var culprits []transport.PartyID
	var reasons []error
	for _, i := range in.Senders() {
		rc, err := DecodeRepairCommitment(r.set, in.Broadcast(i))
		if err == nil {
			err = r.set.checkCommitment(i, rc)
		}
		if err != nil {
			culprits = append(culprits, i)
			reasons = append(reasons, fmt.Errorf("helper %d: %w", i, err))
			continue
		}
		r.cms[i] = rc
	}
	if len(culprits) > 0 {
		return nil, nil, nil, r.abort(1, "repair commitment", errors.Join(reasons...), culprits...)
	}
	if !r.isHelper {
		return nil, &repRound2{r}, nil, nil
	}
	r.deltas = map[transport.PartyID]curve.Scalar{r.self: r.own.Deltas[r.self]}
	for _, i := range in.Senders() {
		d, err := r.curve().DecodeScalar(in.Direct(i))
		if err == nil {
			err = r.set.checkDelta(r.cms[i], r.self, d)
		}
		if err != nil {
			r.accused = append(r.accused, i)
			continue
		}
		r.deltas[i] = d
	}
	out := []*transport.Message{{Payload: encodeIDs(r.accused)}}
	if len(r.accused) == 0 {
		out = append(out, r.sigmaMessage())
	} else {
		out = append(out, &transport.Message{To: r.set.lost})
	}
	return out, &repRound2{r}, nil, nil
}

// repRound2: helpers' complaints and σ values.
type repRound2 struct{ r *repair }

func (x *repRound2) Number() int { return 2 }
func (x *repRound2) Expects() transport.Expect {
	s := x.r.set
	return transport.Expect{Broadcast: true, Direct: true, From: s.helpers, To: []transport.PartyID{s.lost}}
}

func (x *repRound2) Finalize(in *transport.Inbox) ([]*transport.Message, transport.Round[repairOutcome], *repairOutcome, error) {
	r := x.r
	s := r.set
	r.complaints = make(map[transport.PartyID][]transport.PartyID)
	var malformed []transport.PartyID
	var reasons []error
	for _, j := range in.Senders() {
		ids, err := decodeIDs(in.Broadcast(j), s.helpers, j)
		if err != nil {
			malformed = append(malformed, j)
			reasons = append(reasons, fmt.Errorf("helper %d: %w", j, err))
			continue
		}
		if len(ids) > 0 {
			r.complaints[j] = ids
		}
	}
	if len(r.accused) > 0 {
		r.complaints[r.self] = r.accused
	}
	if !r.isHelper {
		r.sigmas = make(map[transport.PartyID]curve.Scalar, len(s.helpers))
		for _, j := range in.Senders() {
			if transport.Contains(malformed, j) {
				continue
			}
			if err := r.takeSigma(j, in.Direct(j), len(r.complaints[j]) > 0); err != nil {
				malformed = append(malformed, j)
				reasons = append(reasons, err)
			}
		}
	}
	if len(malformed) > 0 {
		return nil, nil, nil, r.abort(2, "malformed complaint or repair sum", errors.Join(reasons...), malformed...)
	}
	if len(r.complaints) == 0 {
		return nil, nil, r.done(2), nil
	}
	if !r.isHelper {
		return nil, &repRound3{r}, nil, nil
	}
	var recs []reveal
	for _, accuser := range accusersOf(r.complaints, s.helpers, r.self) {
		recs = append(recs, reveal{accuser: accuser, value: r.own.Deltas[accuser].Bytes()})
	}
	payload := encodeReveals(recs)
	r.reveals = map[transport.PartyID][]byte{r.self: payload}
	return []*transport.Message{{Payload: payload}}, &repRound3{r}, nil, nil
}

// takeSigma records helper j's σ at the lost party: a scalar, or nothing
// from a helper that complained (its σ comes once the complaint is
// settled).
func (r *repair) takeSigma(j transport.PartyID, payload []byte, complained bool) error {
	if complained {
		if len(payload) != 0 {
			return fmt.Errorf("helper %d: %w: a repair sum despite its complaint", j, ErrBadComplaint)
		}
		return nil
	}
	sigma, err := r.curve().DecodeScalar(payload)
	if err != nil {
		return fmt.Errorf("helper %d: %w: repair sum: %w", j, ErrBadShare, err)
	}
	r.sigmas[j] = sigma
	return nil
}

// repRound3: collect the reveals; an accuser adopts valid ones and sends its
// σ with round 4.
type repRound3 struct{ r *repair }

func (x *repRound3) Number() int { return 3 }
func (x *repRound3) Expects() transport.Expect {
	return transport.Expect{Broadcast: true, From: x.r.set.helpers}
}

func (x *repRound3) Finalize(in *transport.Inbox) ([]*transport.Message, transport.Round[repairOutcome], *repairOutcome, error) {
	r := x.r
	if r.reveals == nil {
		r.reveals = make(map[transport.PartyID][]byte, len(r.set.helpers))
	}
	for _, i := range in.Senders() {
		r.reveals[i] = in.Broadcast(i)
	}
	var sigma *transport.Message
	if len(r.accused) > 0 {
		settled := true
		for _, i := range r.accused {
			d, err := findReveal(r.curve(), r.reveals[i], r.self)
			if err == nil {
				err = r.set.checkDelta(r.cms[i], r.self, d)
			}
			if err != nil {
				settled = false // round 4 names i
				continue
			}
			r.deltas[i] = d
		}
		if settled {
			sigma = r.sigmaMessage()
		}
	}
	out := make([]*transport.Message, 0, len(r.parties)-1)
	for _, p := range r.parties {
		switch {
		case p == r.self:
		case sigma != nil && p == r.set.lost:
			out = append(out, sigma)
		default:
			out = append(out, &transport.Message{To: p})
		}
	}
	return out, &repRound4{r}, nil, nil
}

// repRound4 carries the echo of the reveals, and the accusers' σ; then the
// verdict.
type repRound4 struct{ r *repair }

func (x *repRound4) Number() int               { return 4 }
func (x *repRound4) Expects() transport.Expect { return transport.Expect{Direct: true} }

func (x *repRound4) Finalize(in *transport.Inbox) ([]*transport.Message, transport.Round[repairOutcome], *repairOutcome, error) {
	r := x.r
	s := r.set
	blamed := map[transport.PartyID]bool{}
	var reasons []error
	for _, accuser := range s.helpers {
		for _, accused := range r.complaints[accuser] {
			d, err := findReveal(r.curve(), r.reveals[accused], accuser)
			if err == nil {
				err = s.checkDelta(r.cms[accused], accuser, d)
			}
			if err != nil {
				blamed[accused] = true
				reasons = append(reasons, fmt.Errorf("helper %d (complaint by %d): %w", accused, accuser, err))
			}
		}
	}
	if len(blamed) > 0 {
		var culprits []transport.PartyID
		for _, h := range s.helpers {
			if blamed[h] {
				culprits = append(culprits, h)
			}
		}
		return nil, nil, nil, r.abort(4, "repair complaint upheld", errors.Join(reasons...), culprits...)
	}
	var malformed []transport.PartyID
	for _, j := range in.Senders() {
		payload := in.Direct(j)
		if !r.isHelper && len(r.complaints[j]) > 0 {
			if err := r.takeSigma(j, payload, false); err != nil {
				malformed = append(malformed, j)
				reasons = append(reasons, err)
			}
			continue
		}
		if len(payload) != 0 {
			malformed = append(malformed, j)
			reasons = append(reasons, fmt.Errorf("party %d: %w: payload in an echo-only message", j, ErrBadComplaint))
		}
	}
	if len(malformed) > 0 {
		return nil, nil, nil, r.abort(4, "malformed message", errors.Join(reasons...), malformed...)
	}
	return nil, nil, r.done(4), nil
}
