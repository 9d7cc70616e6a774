package dkls23

import (
	"errors"
	"fmt"

	"github.com/mosaic-mpc/mosaic/cggmp"
	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/mosaic-mpc/mosaic/internal/ot"
	"github.com/mosaic-mpc/mosaic/transport"
)

// The three rounds of DKLs23 Protocol 3.6 (signing), for signer i, with j
// ranging over the other signers; package doc.go maps them to the paper.

// signRound1 samples the instance key r_i and the inversion mask φ_i,
// commits to R_i = r_i·G (broadcast), and starts, as Bob, the
// multiplication with every j as Alice (direct), which gives i its random
// χ_{i,j} (here bob[j].b).
type signRound1 struct {
	st   *signState
	r    scalar
	phi  scalar
	R    curve.Point
	salt []byte
	bob  map[transport.PartyID]*voleBob
}

func (r *signRound1) Expects() transport.Expect {
	return transport.Expect{Broadcast: true, Direct: true}
}

func (r *signRound1) Start() ([]*transport.Message, error) {
	st := r.st
	var err error
	if r.r, err = randomNonZero(st.rand); err != nil {
		return nil, err
	}
	if r.phi, err = randomScalar(st.rand); err != nil {
		return nil, err
	}
	r.R = st.share.Curve.ScalarBaseMult(toCurve(&r.r))
	if r.salt, err = randomBytes(st.rand, saltSize); err != nil {
		return nil, err
	}
	out := []*transport.Message{{Payload: commitR(st.sid, st.self, r.R, r.salt)}}
	r.bob = map[transport.PartyID]*voleBob{}
	for _, j := range st.peers {
		bob, msg, err := bobStart(st.key.pairs[j].bob, st.voleLabel(j, st.self), st.g, st.rand)
		if err != nil {
			return nil, err
		}
		r.bob[j] = bob
		out = append(out, &transport.Message{To: j, Payload: msg})
	}
	return out, nil
}

// Finalize keeps every commitment and answers every j's multiplication as
// Alice with input (r_i, sk_i); it then opens R_i (broadcast) and sends
// each j the multiplication answer, Γ^u_{i,j} = c^u_{i,j}·G,
// Γ^v_{i,j} = c^v_{i,j}·G and ψ_{i,j} = φ_i − χ_{i,j} (direct).
func (r *signRound1) Finalize(in *transport.Inbox) transport.Step[*cggmp.Signature] {
	st := r.st
	var blame transport.Blame
	next := &signRound2{round1: r, commitments: map[transport.PartyID][]byte{}, c: map[transport.PartyID][voleInputs]scalar{}}
	for _, j := range st.peers {
		com := in.Broadcast(j)
		if len(com) != commitmentSize {
			blame.Add(j, fmt.Errorf("%w: commitment of %d bytes", ErrMalformed, len(com)))
			continue
		}
		next.commitments[j] = com
	}
	if err := blame.Err("malformed nonce commitment"); err != nil {
		return transport.Abort[*cggmp.Signature](err)
	}
	a := [voleInputs]scalar{r.r, st.sk}
	out := []*transport.Message{{Payload: openingBytes(r.R, r.salt)}}
	for _, j := range st.peers {
		c, msg, err := st.answerAsAlice(j, in.Direct(j), &a)
		if err != nil {
			a[0].Zero()
			a[1].Zero()
			r.zero()
			return transport.Abort[*cggmp.Signature](err)
		}
		next.c[j] = c
		psi := r.phi
		psi.Add(new(scalar).NegateVal(&r.bob[j].b))
		payload := append(msg, st.share.Curve.ScalarBaseMult(toCurve(&c[0])).Bytes()...)
		payload = append(payload, st.share.Curve.ScalarBaseMult(toCurve(&c[1])).Bytes()...)
		pb := psi.Bytes()
		payload = append(payload, pb[:]...)
		out = append(out, &transport.Message{To: j, Payload: payload})
	}
	a[0].Zero()
	a[1].Zero()
	return transport.Next[*cggmp.Signature](out, next)
}

// answerAsAlice answers j's multiplication as Alice. Checking j's
// extension message and retiring the pair when the check fails are one
// step under the pair's lock, and a run that comes to it after a failed
// check with j (another run's, possibly a concurrent one that was past
// NewSign too) refuses instead of checking again: j learns at most one bit
// of Δ from failed checks, however many runs it opens at once
// (SECURITY.md case 41).
func (st *signState) answerAsAlice(j transport.PartyID, bobMsg []byte, a *[voleInputs]scalar) ([voleInputs]scalar, []byte, error) {
	p := st.key.pairs[j]
	p.checks.Lock()
	defer p.checks.Unlock()
	if st.key.isRetired(j) {
		return [voleInputs]scalar{}, nil, transport.NewAbortError("", 0, "pairwise setup retired during the run", fmt.Errorf("%w: with party %d", ErrPairRetired, j))
	}
	c, msg, err := aliceRespond(p.alice, st.voleLabel(st.self, j), bobMsg, a, st.g, st.rand)
	if err != nil {
		return c, nil, st.pairFailure(j, err)
	}
	return c, msg, nil
}

// zero clears the round's secrets, on an abort.
func (r *signRound1) zero() {
	r.r.Zero()
	r.phi.Zero()
	r.st.sk.Zero()
}

// pairFailure turns a failure in a pairwise exchange with j into the
// run's abort. The message was seen by this party alone, so the abort
// names nobody (a *SuspectError says whom this party suspects). A failed
// OT-extension check also retires the pair in the Key (Key.Retired).
func (st *signState) pairFailure(j transport.PartyID, err error) error {
	var pe *ot.PeerError
	if !errors.As(err, &pe) && !errors.Is(err, ErrMalformed) && !errors.Is(err, ErrVOLECheck) && !errors.Is(err, ErrConsistency) {
		return err // a local failure
	}
	if errors.Is(err, ot.ErrConsistencyCheck) {
		st.key.retire(j)
		err = fmt.Errorf("%w: %w", ErrOTCheck, err)
	}
	return transport.NewAbortError("", 0, "pairwise multiplication failed", &SuspectError{Suspect: j, Err: err})
}

// signRound2 checks every opening of R_j against its commitment, finishes
// every multiplication as Bob, checks it against R_j and pk_j (step 3 of
// the paper's round 3: χ_{i,j}·R_j − Γ^u_{j,i} = d^u_{i,j}·G and
// χ_{i,j}·pk_j − Γ^v_{j,i} = d^v_{i,j}·G), and broadcasts
// u_i = r_i·(φ_i + Σ ψ_{j,i}) + Σ (c^u_{i,j} + d^u_{i,j}) and
// w_i = m·φ_i + x·v_i with v_i = sk_i·(φ_i + Σ ψ_{j,i}) + Σ (c^v_{i,j} + d^v_{i,j}).
type signRound2 struct {
	round1      *signRound1
	commitments map[transport.PartyID][]byte
	c           map[transport.PartyID][voleInputs]scalar
}

func (r *signRound2) Expects() transport.Expect {
	return transport.Expect{Broadcast: true, Direct: true}
}

func (r *signRound2) Finalize(in *transport.Inbox) transport.Step[*cggmp.Signature] {
	r1 := r.round1
	st := r1.st
	c := st.share.Curve
	// Openings first: they are broadcasts, so every honest signer judges
	// them alike and may name the culprit.
	var blame transport.Blame
	Rs := map[transport.PartyID]curve.Point{}
	for _, j := range st.peers {
		Rj, err := parseOpening(c, st.sid, j, in.Broadcast(j), r.commitments[j])
		if blame.Add(j, err) {
			continue
		}
		Rs[j] = Rj
	}
	if err := blame.Err("bad opening of the nonce commitment"); err != nil {
		return transport.Abort[*cggmp.Signature](err)
	}
	R := r1.R
	for _, j := range st.peers {
		R = R.Add(Rs[j])
	}
	if R.IsIdentity() {
		return transport.Abort[*cggmp.Signature](transport.NewAbortError("", 0, "R is the identity", ErrInvalidSignature))
	}
	x, recid := xCoordinate(R)

	phiSum := r1.phi
	var uSum, vSum scalar // Σ (c + d) over the pairs
	for _, j := range st.peers {
		ans, err := parseAnswer(c, in.Direct(j))
		if err != nil {
			return transport.Abort[*cggmp.Signature](st.pairFailure(j, err))
		}
		bob := r1.bob[j]
		d, err := bob.bobFinish(ans.vole, st.g)
		if err != nil {
			return transport.Abort[*cggmp.Signature](st.pairFailure(j, err))
		}
		if err := checkGamma(c, &bob.b, Rs[j], ans.gammaU, &d[0]); err != nil {
			return transport.Abort[*cggmp.Signature](st.pairFailure(j, fmt.Errorf("%w: Γ^u", err)))
		}
		if err := checkGamma(c, &bob.b, st.pk[j], ans.gammaV, &d[1]); err != nil {
			return transport.Abort[*cggmp.Signature](st.pairFailure(j, fmt.Errorf("%w: Γ^v", err)))
		}
		phiSum.Add(&ans.psi)
		cj := r.c[j]
		uSum.Add(&cj[0]).Add(&d[0])
		vSum.Add(&cj[1]).Add(&d[1])
	}
	var u, v, w, m, t scalar
	u.Mul2(&r1.r, &phiSum).Add(&uSum)
	v.Mul2(&st.sk, &phiSum).Add(&vSum)
	m.SetByteSlice(st.digest) // reduced mod n, as ECDSA takes the digest
	w.Mul2(&m, &r1.phi).Add(t.Mul2(&x, &v))
	ub, wb := u.Bytes(), w.Bytes()
	payload := append(ub[:], wb[:]...)
	r1.r.Zero()
	r1.phi.Zero()
	phiSum.Zero()
	v.Zero()
	return transport.Next[*cggmp.Signature]([]*transport.Message{{Payload: payload}},
		&signRound3{st: st, R: R, x: x, recid: recid, u: u, w: w})
}

// checkGamma checks χ·P − Γ = d·G: Alice's share of χ·a, committed to as
// Γ = c·G, and Bob's share d add up to χ times the a behind P (R_j or
// pk_j). χ and d are secret, so the products are constant time.
func checkGamma(c curve.Curve, chi *scalar, P, gamma curve.Point, d *scalar) error {
	left := P.ScalarMult(toCurve(chi)).Sub(gamma)
	if !left.Equal(c.ScalarBaseMult(toCurve(d))) {
		return ErrConsistency
	}
	return nil
}

// signRound3 combines the broadcasts: s = Σ w_j / Σ u_j, the signature
// (x, s), checked under the key (the paper's last step).
type signRound3 struct {
	st    *signState
	R     curve.Point
	x     scalar
	recid byte
	u, w  scalar
}

func (r *signRound3) Expects() transport.Expect { return transport.Expect{Broadcast: true} }

func (r *signRound3) Finalize(in *transport.Inbox) transport.Step[*cggmp.Signature] {
	st := r.st
	var blame transport.Blame
	uSum, wSum := r.u, r.w
	for _, j := range st.peers {
		b := in.Broadcast(j)
		if len(b) != 2*scalarSize {
			blame.Add(j, fmt.Errorf("%w: (u, w) of %d bytes", ErrMalformed, len(b)))
			continue
		}
		u, err := decodeScalar(b[:scalarSize])
		if blame.Add(j, err) {
			continue
		}
		w, err := decodeScalar(b[scalarSize:])
		if blame.Add(j, err) {
			continue
		}
		uSum.Add(&u)
		wSum.Add(&w)
	}
	if err := blame.Err("malformed (u, w)"); err != nil {
		return transport.Abort[*cggmp.Signature](err)
	}
	if uSum.IsZero() {
		return transport.Abort[*cggmp.Signature](transport.NewAbortError("", 0, "Σ u is zero", ErrInvalidSignature))
	}
	// Σ u and Σ w are public now (every signer has every term), so the
	// inversion may take variable time.
	var s scalar
	s.InverseValNonConst(&uSum).Mul(&wSum)
	sig, err := signature(&r.x, &s, r.recid)
	if err != nil {
		return transport.Abort[*cggmp.Signature](err)
	}
	if err := cggmp.VerifyLowS(st.group, st.digest, sig); err != nil {
		return transport.Abort[*cggmp.Signature](transport.NewAbortError("", 0, "signature does not verify", fmt.Errorf("%w: %w", ErrInvalidSignature, err)))
	}
	// With identities, every signer confirms the signature before any
	// returns it; without, this is a plain Finish.
	return transport.FinishConfirmed(sig, append(sig.Bytes(), sig.RecoveryID))
}
