package dkg

import (
	"bytes"
	"fmt"
	"slices"

	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/mosaic-mpc/mosaic/internal/complaint"
	"github.com/mosaic-mpc/mosaic/internal/identities"
	"github.com/mosaic-mpc/mosaic/schnorr"
	"github.com/mosaic-mpc/mosaic/transport"
	"github.com/mosaic-mpc/mosaic/vss"
)

// Rounds 1 to 3: Komlo and Goldberg's Figure 1, with the chain-code
// commit and reveal riding along, and complaints (GJKR) where Figure 1
// would abort on a bad share.

// round1 broadcasts C_i, σ_i and the chain-code commitment. Payload:
// C_i (t points) || σ_i || chain-code commitment (32 bytes).
type round1 struct{ st *state }

// Expects implements transport.Round: one broadcast from every party.
func (r *round1) Expects() transport.Expect { return transport.Expect{Broadcast: true} }

// Start implements transport.FirstRound: Figure 1, round 1, steps 1 to 4.
func (r *round1) Start() ([]*transport.Message, error) {
	st := r.st
	// Step 1: f_i with t random coefficients a_i0, ..., a_i(t-1).
	f, err := vss.NewPolynomial(st.cfg.Curve, st.cfg.Threshold, nil, st.cfg.Rand)
	if err != nil {
		return nil, err
	}
	st.f = f
	ccm, err := st.commitChainCode(st.cfg.Rand)
	if err != nil {
		return nil, err
	}
	// Step 3 (first, since step 2 proves against φ_i0): C_i = ⟨φ_i0, ...⟩,
	// φ_ij = a_ij·G.
	Ci := f.Commit()
	st.C = map[transport.PartyID]*vss.Commitment{st.cfg.Self: Ci}
	// Step 2: σ_i, a proof of knowledge of a_i0, bound to the session, to
	// i and to the chain-code commitment.
	ai0 := f.Constant()
	defer ai0.Zeroize()
	sigma, err := schnorr.Prove(st.proofTranscript(st.cfg.Self, ccm), ai0, Ci.Constant(), st.cfg.Rand)
	if err != nil {
		return nil, err
	}
	sb, err := sigma.MarshalBinary()
	if err != nil {
		return nil, err
	}
	// Step 4: broadcast C_i and σ_i.
	payload := append(append(Ci.Bytes(), sb...), ccm...)
	return []*transport.Message{{Payload: payload}}, nil
}

// Finalize implements transport.Round: Figure 1, round 1, step 5, then
// round 2, step 1.
func (r *round1) Finalize(in *transport.Inbox) transport.Step[*KeyShare] {
	st := r.st
	c := st.cfg.Curve
	cLen := st.cfg.Threshold * c.PointSize()
	sigmaEnd := cLen + schnorr.ProofSize(c)
	// Step 5: check every C_ℓ (exactly t points, SECURITY.md case 17) and
	// verify every σ_ℓ against φ_ℓ0 (the rogue-key defence, case 18).
	var blame transport.Blame
	for _, l := range in.Senders() {
		b := in.Broadcast(l)
		if len(b) != sigmaEnd+commitmentSize {
			// a vector of t-1 or t+1 points changes the length
			blame.Add(l, fmt.Errorf("%w: %d bytes", ErrBadCommitment, len(b)))
			continue
		}
		Cl, err := vss.DecodeCommitment(c, b[:cLen], st.cfg.Threshold)
		if err != nil {
			blame.Add(l, fmt.Errorf("%w: %w", ErrBadCommitment, err))
			continue
		}
		ccm := b[sigmaEnd:]
		sigma, err := schnorr.DecodeProof(c, b[cLen:sigmaEnd])
		if err == nil {
			err = sigma.Verify(st.proofTranscript(l, ccm), Cl.Constant())
		}
		if blame.Add(l, wrapIf(ErrBadProof, err)) {
			continue
		}
		st.C[l] = Cl
		st.cc.commits[l] = slices.Clone(ccm)
	}
	if err := blame.Err("invalid commitment or proof of knowledge"); err != nil {
		// Verify before responding (SECURITY.md rule 4): no share leaves
		// this party in a run with a bad contribution.
		st.f.Zeroize()
		return transport.Abort[*KeyShare](err)
	}
	// Round 2, step 1: send f_i(ℓ) privately to every other ℓ; f_i(i) is
	// taken in round 2. Each f_i(ℓ) is kept for a reveal, should ℓ
	// complain.
	out := make([]*transport.Message, 0, len(st.parties)-1)
	st.shareTo = make(map[transport.PartyID][]byte, len(st.parties)-1)
	for _, l := range st.parties {
		if l == st.cfg.Self {
			continue
		}
		fl := st.f.Evaluate(st.idScalar(l))
		share := fl.Bytes()
		fl.Zeroize()
		st.shareTo[l] = share
		// A separate copy: the kept one is cleared once no reveal can
		// need it.
		out = append(out, &transport.Message{To: l, Payload: bytes.Clone(share)})
	}
	return transport.Next[*KeyShare](out, &round2{st: st})
}

// wrapIf wraps a non-nil err in sentinel; nil stays nil.
func wrapIf(sentinel, err error) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("%w: %w", sentinel, err)
}

// round2 receives the shares f_ℓ(i).
type round2 struct{ st *state }

// Expects implements transport.Round: a direct message from every party
// to every other.
func (r *round2) Expects() transport.Expect { return transport.Expect{Direct: true} }

// Finalize implements transport.Round: Figure 1, round 2, step 2, with a
// GJKR complaint (step 1(b)) where Figure 1 aborts. It broadcasts the
// complaint list followed by the chain-code reveal c_i.
func (r *round2) Finalize(in *transport.Inbox) transport.Step[*KeyShare] {
	st := r.st
	i := st.idScalar(st.cfg.Self)
	st.shareFrom = map[transport.PartyID]curve.Scalar{st.cfg.Self: st.f.Evaluate(i)}
	st.f.Zeroize()
	// Step 2: f_ℓ(i)·G = Σ_k φ_ℓk·i^k, or complain about ℓ.
	accused := complaint.CheckShares(st.cfg.Curve, in, func(l transport.PartyID, s curve.Scalar) error {
		return st.C[l].Verify(i, s)
	}, st.shareFrom)
	st.complaints.Add(st.cfg.Self, accused)
	payload := append(complaint.EncodeList(accused), st.cc.own...)
	return transport.Next[*KeyShare]([]*transport.Message{{Payload: payload}}, &round3{st: st})
}

// round3 reads every party's complaints and chain-code reveal.
type round3 struct{ st *state }

// Expects implements transport.Round: one broadcast from every party.
func (r *round3) Expects() transport.Expect { return transport.Expect{Broadcast: true} }

// Finalize implements transport.Round: without complaints, Figure 1's
// round 2, steps 3 and 4 (the framework then echo-checks these
// broadcasts); with complaints, GJKR step 1(c): each accused party
// reveals.
func (r *round3) Finalize(in *transport.Inbox) transport.Step[*KeyShare] {
	st := r.st
	var blame transport.Blame
	for _, l := range in.Senders() {
		list, cl, err := splitReveal(in.Broadcast(l))
		if err == nil {
			err = st.acceptReveal(l, cl)
		}
		if err == nil {
			err = st.complaints.Read(l, list)
		}
		blame.Add(l, err)
	}
	if err := blame.Err("malformed complaint or chain code reveal"); err != nil {
		// Abort only after round 3's echo check (in round 4), so that a
		// party that sent bad data to some honest parties and good data
		// to others is named by all of them, instead of the honest
		// parties that stopped early being blamed for silence. The empty
		// round-4 payload withholds share reveals from a run that will
		// abort, and is what the parties that saw nothing wrong send in
		// the framework's echo-only round.
		st.deferred = err
		return transport.Next[*KeyShare]([]*transport.Message{{}}, &round4{st: st})
	}
	if st.complaints.Empty() {
		st.forgetSent()
		return st.finish()
	}
	// GJKR step 1(c): reveal f_i(ℓ) to everyone, for every ℓ that accused i.
	reveal := st.complaints.Reveal(st.cfg.Self, st.sentTo)
	return transport.Next[*KeyShare]([]*transport.Message{{Payload: reveal}}, &round4{st: st})
}

// finish ends the run with the key share: Figure 1, round 2, steps 3
// and 4. The shares received are wiped either way. Every party confirms
// the share's public part before any commits (docs/agreement.md,
// "Confirmed completion"; without identities this is a plain finish).
func (st *state) finish() transport.Step[*KeyShare] {
	ks, err := st.keyShare()
	st.wipe()
	if err != nil {
		return transport.Abort[*KeyShare](err)
	}
	return transport.FinishConfirmed(ks, ks.publicRecord())
}

// keyShare computes s_i = Σ_ℓ f_ℓ(i) (step 3), and the group key
// Y = Σ_ℓ φ_ℓ0 and every public share Y_j = Σ_ℓ Σ_k φ_ℓk·j^k (step 4) from
// the summed commitments. The partial sums, secret, are zeroized on the
// way.
func (st *state) keyShare() (*KeyShare, error) {
	c := st.cfg.Curve
	si := c.NewScalar()
	all := make([]*vss.Commitment, 0, len(st.parties))
	for _, l := range st.parties {
		next := si.Add(st.shareFrom[l])
		si.Zeroize()
		si = next
		all = append(all, st.C[l])
	}
	sum, err := vss.SumCommitments(all...)
	if err != nil {
		si.Zeroize()
		return nil, err
	}
	ks := &KeyShare{
		Curve:        c,
		Threshold:    st.cfg.Threshold,
		Parties:      slices.Clone(st.parties),
		Self:         st.cfg.Self,
		Secret:       si,
		GroupKey:     sum.Constant(),
		PublicShares: make(map[transport.PartyID]curve.Point, len(st.parties)),
		ChainCode:    st.chainCode(),
		Identities:   identities.Clone(st.identities),
	}
	for _, j := range st.parties {
		ks.PublicShares[j] = sum.Evaluate(st.idScalar(j))
	}
	if err := ks.Validate(); err != nil {
		si.Zeroize()
		return nil, err
	}
	return ks, nil
}

// Rounds 4 and 5 run only after a complaint: GJKR's complaint phase
// (package internal/complaint), judged only on echo-checked broadcasts.

// round4 collects the accused parties' reveals (or, after a malformed
// round 3, announces that abort).
type round4 struct{ st *state }

// Expects implements transport.Round: one broadcast from every party.
func (r *round4) Expects() transport.Expect { return transport.Expect{Broadcast: true} }

// Finalize implements transport.Round: GJKR step 1(d), every complaint
// judged on the reveals. The verdict waits for round 5, so that the
// reveals are echo-checked before anyone acts on them.
func (r *round4) Finalize(in *transport.Inbox) transport.Step[*KeyShare] {
	st := r.st
	if st.deferred != nil {
		st.wipe()
		return transport.Abort[*KeyShare](st.deferred)
	}
	reveals := complaint.Reveals(in, st.cfg.Self, st.complaints.Reveal(st.cfg.Self, st.sentTo))
	st.forgetSent()
	st.verdict = st.complaints.Judge(st.cfg.Curve, reveals, st.checkRevealed)
	// A settled complaint of this party's: it adopts the revealed f_ℓ(i).
	for l, s := range st.verdict.To(st.cfg.Self) {
		st.shareFrom[l] = s
	}
	return transport.Next[*KeyShare]([]*transport.Message{{}}, &round5{st: st})
}

// checkRevealed checks the share f_j(ℓ) that the accused party j revealed
// for accuser ℓ against C_j.
func (st *state) checkRevealed(j, l transport.PartyID, s curve.Scalar) error {
	return st.C[j].Verify(st.idScalar(l), s)
}

// round5 carries empty broadcasts, whose echo checks round 4's reveals;
// then the verdict.
type round5 struct{ st *state }

// Expects implements transport.Round: one broadcast from every party.
func (r *round5) Expects() transport.Expect { return transport.Expect{Broadcast: true} }

// Finalize implements transport.Round: GJKR step 1(d)'s disqualification,
// as an abort naming every accused party whose reveal failed; otherwise
// every complaint is settled and the run ends as in Figure 1, round 2,
// steps 3 and 4 (the framework's echo-only round 6 follows).
func (r *round5) Finalize(*transport.Inbox) transport.Step[*KeyShare] {
	st := r.st
	var blame transport.Blame
	for j, err := range st.verdict.Upheld() {
		blame.Add(j, fmt.Errorf("%w: %w", ErrBadShare, err))
	}
	if err := blame.Err("share complaint upheld"); err != nil {
		st.wipe()
		return transport.Abort[*KeyShare](err)
	}
	return st.finish()
}
