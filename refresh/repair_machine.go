package refresh

import (
	"bytes"
	"fmt"
	"io"

	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/mosaic-mpc/mosaic/dkg"
	"github.com/mosaic-mpc/mosaic/internal/complaint"
	"github.com/mosaic-mpc/mosaic/internal/transcript"
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
	// Identity, if set, signs every message of this party with its
	// long-term identity key and makes the run agree (docs/agreement.md):
	// every honest party ends with the same outcome, the lost party's share
	// repaired or an abort naming the same culprits. Its Peers must hold
	// the identity key of every helper and of the lost party; keys of
	// other parties are left out, so a wallet may pass the key's record
	// (Share.Identities, or Public.Identities at the lost party). Where the
	// key has a record, Peers must agree with it. Its MaxFaulty defaults
	// to the key's threshold less one. nil keeps the unsigned contract,
	// under which a malicious helper can make the lost party fail while
	// the helpers complete.
	Identity *transport.Identity
}

// NewRepair returns the repair [transport.Machine] of one party: the steps
// of [RepairStep1], [RepairStep2] and [RepairStep3] over the network, with
// complaints settled in public (the package documentation lists the
// rounds). Helpers and the lost party run the same protocol.
//
// The lost party's result is its repaired key share, with the key's public
// data (its Identities included); a helper's result is nil. Every
// helper's share is left as it is. A failure is an [*transport.AbortError]
// naming the helpers at fault, and the lost party gets nothing. Only the
// lost party can check the σ values (they are secret to it): a bad σ_j
// makes its Result an AbortError naming j.
//
// The run finishes with [transport.FinishConfirmed] on the key's public
// data. Without cfg.Identity that is a plain finish, and the helpers, who
// learnt nothing of a bad σ_j, complete while the lost party fails. With
// cfg.Identity every party, the lost party too, must confirm before any
// completes: a lost party that refuses a σ_j does not confirm, and every
// party ends with the same abort (naming j only if more than MaxFaulty
// parties blame it, since the lost party alone can judge σ_j). The lost
// party stores its share with the certificate ([transport.Certified] on
// the machine).
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
		set:        set,
		cfg:        cfg,
		self:       cfg.Self,
		isHelper:   cfg.Self != cfg.Lost,
		parties:    union(set.helpers, []transport.PartyID{set.lost}),
		D:          make(map[transport.PartyID]*RepairCommitment, len(set.helpers)),
		complaints: complaint.NewBook(set.helpers, ErrBadComplaint),
	}
	// f is the key's threshold less one: the key is safe from t-1
	// malicious holders, and the run withstands as many. There are at
	// least t helpers, so the cap to len(parties)-1 that the transport
	// needs is a guard only.
	id, err := runIdentity(cfg.Identity, pub.Identities, r.parties, min(pub.Threshold-1, len(r.parties)-1))
	if err != nil {
		return nil, nil, err
	}
	context, err := runContext(RepairProtocol, set.public, r.parties, id, func(tr *transcript.Transcript) error {
		return appendRepair(tr, set.helpers, set.lost)
	})
	if err != nil {
		return nil, nil, err
	}
	m, err := newMachine(transport.Config{
		Protocol:  RepairProtocol,
		SessionID: cfg.SessionID,
		Self:      cfg.Self,
		Parties:   r.parties,
		Context:   context,
		Identity:  id,
	}, &repairRound1{r})
	return m, r, err
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

// repair is one party's state across the rounds, named as in the package
// documentation: helper i (or j), lost party r.
type repair struct {
	cfg      RepairConfig
	set      *RepairSet
	self     transport.PartyID
	isHelper bool
	parties  []transport.PartyID

	// step1 is this helper's step-1 output: δ_{i→j} for every helper j,
	// and its commitment D_{i→·}.
	step1 *RepairDeltas
	// D maps every helper i to its commitment D_{i→·}.
	D map[transport.PartyID]*RepairCommitment
	// delta maps every helper i to δ_{i→j}, j this helper, once it checked
	// out against D_{i→j} (or a reveal settled this helper's complaint).
	delta map[transport.PartyID]curve.Scalar
	// sigma maps every helper j to σ_j, at the lost party.
	sigma map[transport.PartyID]curve.Scalar
	// sigmaBlame is the lost party's private verdict on the σ messages,
	// which only it can judge, announced when it finishes. The lost party
	// sends nothing in any round, so its verdict never holds up a helper.
	sigmaBlame transport.Blame

	// complaints is the GJKR complaint phase: who accuses whom.
	complaints *complaint.Book
	// ownReveal is this helper's round-3 payload.
	ownReveal []byte
	// pending is an abort decided in round 2 and announced in round 3.
	pending error
	// verdict is round 3's judgement, announced in round 4.
	verdict *complaint.Verdict
}

func (r *repair) curve() curve.Curve { return r.set.public.Curve }

// wipe zeroizes every secret the party holds; called when the run ends.
func (r *repair) wipe() {
	if r.step1 != nil {
		r.step1.Zeroize()
	}
	for _, m := range []map[transport.PartyID]curve.Scalar{r.delta, r.sigma} {
		for _, v := range m {
			v.Zeroize()
		}
	}
	clear(r.ownReveal)
}

func (r *repair) abort(err error) transport.Step[*dkg.KeyShare] {
	r.wipe()
	return transport.Abort[*dkg.KeyShare](err)
}

// sigmaMessage is step 2 at helper j: σ_j = Σ_i δ_{i→j}, for the lost
// party.
func (r *repair) sigmaMessage() *transport.Message {
	sigma := r.set.sum(r.delta)
	defer sigma.Zeroize()
	return &transport.Message{To: r.set.lost, Payload: sigma.Bytes()}
}

// takeSigma records helper j's σ_j at the lost party: a scalar, or nothing
// from a helper that complained (its σ_j comes once the complaint is
// settled). A fault is recorded in sigmaBlame.
func (r *repair) takeSigma(j transport.PartyID, payload []byte, complained bool) {
	if complained {
		if len(payload) != 0 {
			r.sigmaBlame.Add(j, fmt.Errorf("%w: a repair sum despite its complaint", ErrBadComplaint))
		}
		return
	}
	sigma, err := r.curve().DecodeScalar(payload)
	if err != nil {
		r.sigmaBlame.Add(j, fmt.Errorf("%w: repair sum: %w", ErrBadShare, err))
		return
	}
	r.sigma[j] = sigma
}

// finish ends the run. At the lost party it is step 3: every σ_j·G must
// be Σ_i D_{i→j}, and x_r = Σ_j σ_j. A helper's result is nil. Every party
// confirms the key's public data, which the repair leaves as it is, so
// that no helper completes while the lost party fails (docs/agreement.md,
// "Confirmed completion"; without identities this is a plain finish).
func (r *repair) finish() transport.Step[*dkg.KeyShare] {
	defer r.wipe()
	if r.isHelper {
		return confirmed(nil, r.set.public)
	}
	r.set.blameSigmas(&r.sigmaBlame, r.sigma, r.D)
	if err := r.sigmaBlame.Err("repair sum"); err != nil {
		return transport.Abort[*dkg.KeyShare](err)
	}
	ks, err := r.set.combine(r.sigma)
	if err != nil {
		return transport.Abort[*dkg.KeyShare](err)
	}
	return confirmed(ks, r.set.public)
}

// repairRound1: step 1, the helpers' summands and commitments.
type repairRound1 struct{ r *repair }

// Expects implements transport.Round: each helper broadcasts D_{i→·} and
// sends each other helper j its δ_{i→j}.
func (x *repairRound1) Expects() transport.Expect {
	h := x.r.set.helpers
	return transport.Expect{Broadcast: true, Direct: true, From: h, To: h}
}

// Start implements transport.FirstRound: step 1 at helper i.
func (x *repairRound1) Start() ([]*transport.Message, error) {
	r := x.r
	if !r.isHelper {
		return nil, nil
	}
	step1, err := RepairStep1(r.set, r.cfg.Share, r.cfg.Rand)
	if err != nil {
		return nil, err
	}
	r.step1 = step1
	r.D[r.self] = step1.Commitment
	out := []*transport.Message{{Payload: step1.Commitment.Bytes()}}
	for _, j := range r.set.helpers {
		if j != r.self {
			out = append(out, &transport.Message{To: j, Payload: step1.Deltas[j].Bytes()})
		}
	}
	return out, nil
}

// Finalize implements transport.Round: everyone checks Σ_j D_{i→j} = ζ_i·X_i
// for every helper i; then step 2 at helper j: δ_{i→j}·G = D_{i→j}, or a
// complaint about i (GJKR step 1(b)), and σ_j to the lost party (an empty
// message instead while j complains).
func (x *repairRound1) Finalize(in *transport.Inbox) transport.Step[*dkg.KeyShare] {
	r := x.r
	var blame transport.Blame
	for _, i := range in.Senders() {
		Di, err := DecodeRepairCommitment(r.set, in.Broadcast(i))
		if err == nil {
			err = r.set.checkCommitment(i, Di)
		}
		if !blame.Add(i, err) {
			r.D[i] = Di
		}
	}
	if err := blame.Err("repair commitment"); err != nil {
		return r.abort(err)
	}
	if !r.isHelper {
		return transport.Next[*dkg.KeyShare](nil, &repairRound2{r})
	}
	r.delta = map[transport.PartyID]curve.Scalar{r.self: r.step1.Deltas[r.self]}
	accused := complaint.CheckShares(r.curve(), in, func(i transport.PartyID, d curve.Scalar) error {
		return r.set.checkDelta(r.D[i], r.self, d)
	}, r.delta)
	r.complaints.Add(r.self, accused)
	sigma := &transport.Message{To: r.set.lost}
	if len(accused) == 0 {
		sigma = r.sigmaMessage()
	}
	return transport.Next[*dkg.KeyShare]([]*transport.Message{{Payload: complaint.EncodeList(accused)}, sigma}, &repairRound2{r})
}

// repairRound2: the helpers' complaints, and their σ_j to the lost party.
type repairRound2 struct{ r *repair }

// Expects implements transport.Round: each helper broadcasts its
// complaints and sends the lost party σ_j.
func (x *repairRound2) Expects() transport.Expect {
	s := x.r.set
	return transport.Expect{Broadcast: true, Direct: true, From: s.helpers, To: []transport.PartyID{s.lost}}
}

// Finalize implements transport.Round: the lost party takes every σ_j;
// then, with nothing to settle, everyone confirms in round 3; with
// complaints, GJKR step 1(c): each accused helper reveals.
func (x *repairRound2) Finalize(in *transport.Inbox) transport.Step[*dkg.KeyShare] {
	r := x.r
	blame := r.complaints.ReadAll(in)
	// Announced after round 2's echo check, as in dkg: a list malformed
	// for one party only is equivocation, which the echo check names.
	r.pending = blame.Err("malformed complaint")
	if !r.isHelper {
		r.sigma = make(map[transport.PartyID]curve.Scalar, len(r.set.helpers))
		for _, j := range in.Senders() {
			if !blame.Blamed(j) {
				r.takeSigma(j, in.Direct(j), len(r.complaints.By(j)) > 0)
			}
		}
	}
	if r.pending != nil || r.complaints.Empty() {
		var confirm []*transport.Message
		if r.isHelper {
			confirm = []*transport.Message{{}}
		}
		return transport.Next[*dkg.KeyShare](confirm, &repairConfirm{r})
	}
	if !r.isHelper {
		return transport.Next[*dkg.KeyShare](nil, &repairRound3{r})
	}
	r.ownReveal = r.complaints.Reveal(r.self, func(j transport.PartyID) []byte { return r.step1.Deltas[j].Bytes() })
	return transport.Next[*dkg.KeyShare]([]*transport.Message{{Payload: bytes.Clone(r.ownReveal)}}, &repairRound3{r})
}

// repairConfirm is round 3 when there is nothing to settle: every helper
// broadcasts an empty confirmation, whose echo checks round 2's
// complaints. It is the last round, and its own broadcasts need no echo.
type repairConfirm struct{ r *repair }

// Expects implements transport.Round: one empty broadcast from every
// helper.
func (x *repairConfirm) Expects() transport.Expect {
	return transport.Expect{Broadcast: true, From: x.r.set.helpers, SkipFinalEcho: true}
}

// Finalize implements transport.Round: the round-2 abort if any, else
// step 3 at the lost party.
func (x *repairConfirm) Finalize(in *transport.Inbox) transport.Step[*dkg.KeyShare] {
	r := x.r
	if err := echoOnly(in, in.Broadcast, r.pending); err != nil {
		return r.abort(err)
	}
	return r.finish()
}

// repairRound3: the accused helpers' reveals.
type repairRound3 struct{ r *repair }

// Expects implements transport.Round: one broadcast from every helper.
func (x *repairRound3) Expects() transport.Expect {
	return transport.Expect{Broadcast: true, From: x.r.set.helpers}
}

// Finalize implements transport.Round: GJKR step 1(d), every complaint
// judged on the reveals (the verdict waits for round 4's echo check). A
// helper whose complaints are all settled adopts the revealed summands
// and sends its σ_j with round 4.
func (x *repairRound3) Finalize(in *transport.Inbox) transport.Step[*dkg.KeyShare] {
	r := x.r
	reveals := complaint.Reveals(in, r.self, r.ownReveal)
	r.verdict = r.complaints.Judge(r.curve(), reveals, func(i, j transport.PartyID, d curve.Scalar) error {
		return r.set.checkDelta(r.D[i], j, d)
	})
	if !r.isHelper {
		return transport.Next[*dkg.KeyShare](nil, &repairRound4{r})
	}
	out := emptyTo(r.parties, r.self)
	if accused := r.complaints.By(r.self); len(accused) > 0 {
		settled := r.verdict.To(r.self)
		for i, d := range settled {
			r.delta[i] = d
		}
		if len(settled) == len(accused) {
			for k, m := range out {
				if m.To == r.set.lost {
					out[k] = r.sigmaMessage()
				}
			}
		}
	}
	return transport.Next[*dkg.KeyShare](out, &repairRound4{r})
}

// repairRound4 carries the echo of the reveals, and the σ_j of the
// helpers whose complaints were settled; then the verdict.
type repairRound4 struct{ r *repair }

// Expects implements transport.Round: a direct message from every helper
// to every other party.
func (x *repairRound4) Expects() transport.Expect {
	return transport.Expect{Direct: true, From: x.r.set.helpers}
}

// Finalize implements transport.Round: GJKR's disqualification, as an
// abort naming every helper whose reveal failed; otherwise step 3 at the
// lost party.
func (x *repairRound4) Finalize(in *transport.Inbox) transport.Step[*dkg.KeyShare] {
	r := x.r
	var blame transport.Blame
	blame.AddAll(r.verdict.Upheld())
	if err := blame.Err("repair complaint upheld"); err != nil {
		return r.abort(err)
	}
	// An accuser's message to the lost party carries its σ_j, now that
	// its complaints are settled; every other message only the echo.
	carriesSigma := func(j transport.PartyID) bool { return !r.isHelper && len(r.complaints.By(j)) > 0 }
	echo := func(j transport.PartyID) []byte {
		if carriesSigma(j) {
			return nil
		}
		return in.Direct(j)
	}
	if err := echoOnly(in, echo, nil); err != nil {
		return r.abort(err)
	}
	for _, j := range in.Senders() {
		if carriesSigma(j) {
			r.takeSigma(j, in.Direct(j), false)
		}
	}
	return r.finish()
}
