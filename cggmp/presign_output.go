package cggmp

import (
	"bytes"

	"github.com/cronokirby/saferith"
	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/mosaic-mpc/mosaic/hd"
	"github.com/mosaic-mpc/mosaic/transport"
)

// The output of presigning (CGGMP21 Fig. 7, "Output"): once round 3's
// messages are checked (presignRound3), either every party confirms in
// round 4 (or sends its partial signature, NewFullSign), or a consistency
// check failed and round 4 carries the identification claims (identify.go),
// round 5 their echo and the verdict.

// output is Fig. 7, output, step 2: with δ = Σ_j δ_j, check δ·G = ΣΔ_j and
// δ·X = ΣS_j, and output the presignature and confirm, or claim
// (identify.go) if a check failed.
func (run *presignRun[Out]) output(msgs map[transport.PartyID]*presign3) transport.Step[Out] {
	st := run.st
	for _, j := range st.others {
		m := msgs[j]
		st.delta[j], st.Delta[j], st.S[j] = m.delta, m.Delta, m.S
	}
	r4 := &presignRound4[Out]{run: run}
	var deltaSum curve.Scalar
	r4.mode, deltaSum = st.failedCheck(st.delta, st.Delta, st.S)
	if r4.mode != identifyNone {
		out, err := st.sendClaim(r4.mode)
		if err != nil {
			return transport.Abort[Out](err)
		}
		return transport.Next[Out](out, r4)
	}
	r4.pres = st.presignature(deltaSum)
	out, err := run.sendOutput(r4.pres)
	if err != nil {
		r4.pres.Discard()
		return transport.Abort[Out](err)
	}
	return transport.Next[Out](out, r4)
}

// failedCheck runs Fig. 7, output, step 2's checks on every signer's δ_j,
// Δ_j and S_j (public values of round 3) and returns the one that failed,
// identifyNone if both passed, and δ = Σ_j δ_j.
func (st *presignState) failedCheck(delta map[transport.PartyID]curve.Scalar, Delta, S map[transport.PartyID]curve.Point) (identifyMode, curve.Scalar) {
	deltaSum := delta[st.self]
	DeltaSum, SSum := Delta[st.self], S[st.self]
	for _, j := range st.others {
		deltaSum = deltaSum.Add(delta[j])
		DeltaSum = DeltaSum.Add(Delta[j])
		SSum = SSum.Add(S[j])
	}
	switch {
	case !st.curve.ScalarBaseMult(deltaSum).Equal(DeltaSum):
		// Every proof verified, so some party lied about its δ_j: find it.
		return identifyDelta, deltaSum
	case deltaSum.IsZero() || !st.pub.VarTimeScalarMult(deltaSum).Equal(SSum):
		// Some party's S_j is not χ_j·Γ.
		return identifyChi, deltaSum
	}
	return identifyNone, deltaSum
}

// claimsFollow reports whether this run's round 4 is the claim round, so
// that round 5 follows it: every signer's round-3 message, as recorded,
// decodes and fails a check of failedCheck. It reads echo-checked public
// data only, so at the end of round 4 every honest party gives the same
// answer, the one that complained about round 3 (and made no claim) as
// well as the ones that made claims. A round-3 message that does not
// decode makes every party complain about it, and no claim is made.
func (st *presignState) claimsFollow() bool {
	delta := map[transport.PartyID]curve.Scalar{}
	Delta := map[transport.PartyID]curve.Point{}
	S := map[transport.PartyID]curve.Point{}
	for _, j := range st.signers {
		m, err := st.message3(j)
		if err != nil {
			return false
		}
		delta[j], Delta[j], S[j] = m.delta, m.Delta, m.S
	}
	mode, _ := st.failedCheck(delta, Delta, S)
	return mode != identifyNone
}

// sendOutput is this party's round-4 message once every check passed: a
// confirmation, or its partial signature (NewFullSign).
func (run *presignRun[Out]) sendOutput(p *Presignature) ([]*transport.Message, error) {
	msg, err := run.out.message(p)
	if err != nil {
		return nil, err
	}
	return run.st.log.sendRegular(presignFinal, msg)
}

// presignature builds this party's presignature once every check passed:
// R = δ⁻¹·Γ = k⁻¹·G and the public k_j·R = δ⁻¹·Δ_j and χ_j·R = δ⁻¹·S_j of
// every signer.
func (st *presignState) presignature(delta curve.Scalar) *Presignature {
	dInv := delta.Invert()
	// The key was validated when the run started, so KeyGeneration does
	// not fail; were it to, the presignature would sign but not encode.
	gen, _ := KeyGeneration(st.cfg.Key)
	ps := &Presignature{
		generation: gen,
		sessionID:  bytes.Clone(st.cfg.SessionID),
		threshold:  st.cfg.Key.Share.Threshold,
		path:       append(hd.Path(nil), st.cfg.Path...),
		self:       st.self,
		signers:    st.signers,
		pub:        st.pub,
		tweak:      st.cfg.Tweak,
		R:          st.GammaSum.VarTimeScalarMult(dInv),
		secret:     newPresignSecret(st.k, st.chi),
		Delta:      map[transport.PartyID]curve.Point{},
		S:          map[transport.PartyID]curve.Point{},
	}
	for _, j := range st.signers {
		ps.Delta[j] = st.Delta[j].VarTimeScalarMult(dInv)
		ps.S[j] = st.S[j].VarTimeScalarMult(dInv)
	}
	st.zeroize(st.gamma, st.x)
	st.zeroizeMasks()
	wipeNats(st.rho, st.nu)
	return ps
}

// discard zeroes the run's secrets (k_i, γ_i, x'_i, χ_i, the masks β and
// β̂, the nonces ρ_i and ν_i) once no message of this party needs them:
// after its identification claim is made, when it enters the complaint
// path (broadcastLog.discard: judging a complaint needs public data and the
// Paillier secret key only) and when it aborts on a local failure. ν_i is
// kept until then because the δ claim proves against G_i = enc_i(γ_i; ν_i)
// (claimDelta); ρ_i is cleared as soon as round 3's Πlog* are made. Once
// presignature has run, k_i and χ_i are the presignature's: discard runs
// then only with it discarded too.
func (st *presignState) discard() {
	st.zeroize(st.k, st.gamma, st.x, st.chi)
	st.zeroizeMasks()
	wipeNats(st.rho, st.nu)
}

func (st *presignState) zeroize(secrets ...curve.Scalar) {
	for _, s := range secrets {
		if s != nil {
			s.Zeroize()
		}
	}
}

// wipeNats overwrites every limb of each secret Nat with zero, keeping its
// announced length; nil entries are skipped. saferith has no erasure of
// its own: SetNat copies the zero limbs over the Nat's own, which are
// already long enough, so they are overwritten in place, not replaced.
func wipeNats(secrets ...*saferith.Nat) {
	for _, n := range secrets {
		if n != nil {
			n.SetNat(new(saferith.Nat).Resize(n.AnnouncedLen()))
		}
	}
}

// zeroizeMasks zeroes β_{i,j} and β̂_{i,j}, which δ_i and χ_i hold by now.
func (st *presignState) zeroizeMasks() {
	for _, j := range st.others {
		st.zeroize(st.beta[j], st.betaHat[j])
	}
}

// presignRound4 collects the confirmations (or partial signatures), or the
// identification claims; a complaint about round 3 is judged at once.
type presignRound4[Out any] struct {
	run  *presignRun[Out]
	mode identifyMode
	pres *Presignature // identifyNone
}

// Expects implements transport.Round (lastRound).
func (r *presignRound4[Out]) Expects() transport.Expect { return lastRound() }

// Finalize ends the run once every party confirmed: with the presignature,
// or (NewFullSign) with the signature of Fig. 8's output. After claims it
// judges them, and round 5 announces the verdict (at once, in a run with
// identities).
func (r *presignRound4[Out]) Finalize(in *transport.Inbox) transport.Step[Out] {
	run := r.run
	st := run.st
	ri := st.log.receive(in)
	if len(ri.complaints()) > 0 {
		if r.pres != nil {
			r.pres.Discard()
		}
		return onComplaints[Out](st.log, ri, nil)
	}
	if r.mode != identifyNone {
		verdict := st.judgeClaims(r.mode, ri)
		if st.log.atOnce {
			// With identities the claims need no round for their echo
			// (complaint.go, "Runs with identities").
			return transport.Abort[Out](verdict.err())
		}
		return transport.Next[Out](st.log.send(presignFinal+1, pendingEnvelope()), &presignVerdict[Out]{run: run, verdict: verdict})
	}
	out, err := run.out.result(r.pres, ri)
	if err != nil {
		return transport.Abort[Out](err)
	}
	// In a run with identities every signer confirms the output's public
	// part in one more round, which also carries the echo of round 4's
	// broadcasts. Without it a signer that sent a complaint or a bad
	// partial signature to some signers only would make them abort while
	// the others finished.
	return transport.FinishConfirmed(out, run.out.public(out))
}

// presignVerdict is round 5: its messages carry the echo of the round-4
// claims, so a party that sent different claims to different peers is
// named by the echo check before the verdict, and honest parties agree.
type presignVerdict[Out any] struct {
	run     *presignRun[Out]
	verdict *claimVerdict
}

// Expects implements transport.Round.
func (r *presignVerdict[Out]) Expects() transport.Expect { return everyoneBroadcasts() }

// Finalize implements transport.Round: the verdict of round 4, with every
// party that did not acknowledge it named too.
func (r *presignVerdict[Out]) Finalize(in *transport.Inbox) transport.Step[Out] {
	r.run.st.log.receive(in).blameKinds(&r.verdict.blame, kindPending)
	return transport.Abort[Out](r.verdict.err())
}
