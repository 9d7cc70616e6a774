package cggmp

import (
	"fmt"
	"io"

	"github.com/mosaic-mpc/mosaic/paillier"
	"github.com/mosaic-mpc/mosaic/transport"
	"github.com/mosaic-mpc/mosaic/zk/fac"
	"github.com/mosaic-mpc/mosaic/zk/mod"
	"github.com/mosaic-mpc/mosaic/zk/prm"
)

// The rounds of aux-info (CGGMP21 Fig. 6, its auxiliary-information part).
// A failed check of a peer's message becomes a complaint (complaint.go).

// auxRound1 carries the commitments V_j.
type auxRound1 struct{ st *auxState }

// Expects implements transport.Round.
func (r *auxRound1) Expects() transport.Expect { return everyoneBroadcasts() }

// Start is Fig. 6, round 1: make Πprm for this party's ring-Pedersen
// parameters, draw ρ_i and u_i, and broadcast V_i, the commitment to them.
func (r *auxRound1) Start() ([]*transport.Message, error) {
	st := r.st
	sec := st.cfg.Secret
	ped := sec.Pedersen
	proof, err := prm.NewProof(st.proofTranscript("prm", st.cfg.Self, 0),
		prm.Public{N: ped.N(), S: ped.S(), T: ped.T()},
		prm.Private{P: sec.Paillier.P(), Q: sec.Paillier.Q(), Lambda: sec.lambda}, st.cfg.Rand)
	if err != nil {
		return nil, fmt.Errorf("cggmp: Πprm: %w", err)
	}
	own := &auxOpening{N: sec.Paillier.PublicKey(), Pedersen: ped,
		Rho: make([]byte, randomSize), U: make([]byte, randomSize)}
	if own.Prm, err = proof.MarshalBinary(); err != nil {
		return nil, err
	}
	for _, b := range [][]byte{own.Rho, own.U} {
		if _, err := io.ReadFull(st.cfg.Rand, b); err != nil {
			return nil, fmt.Errorf("%w: %w", transport.ErrLocal, err)
		}
	}
	body, err := own.MarshalBinary()
	if err != nil {
		return nil, err
	}
	st.own, st.ownBody = own, body
	return st.log.sendRegular(1, &auxCommitment{V: st.commitment(st.cfg.Self, body)})
}

// Finalize checks every commitment V_j (sendOpening follows).
func (r *auxRound1) Finalize(in *transport.Inbox) transport.Step[*AuxInfo] {
	return checkRound(r.st.log, in, r.st.commitmentOf, r.st.sendOpening)
}

// sendOpening is Fig. 6, round 2: once every V_j is in, broadcast the
// opening of V_i.
func (st *auxState) sendOpening(V map[transport.PartyID][]byte) transport.Step[*AuxInfo] {
	st.setCommitments(V)
	return transport.Next[*AuxInfo](st.log.send(2, regularEnvelope(st.ownBody)), &auxRound2{st: st})
}

// setCommitments keeps every party's V_j, this party's own included: a
// complaint against its opening is judged like any other.
func (st *auxState) setCommitments(V map[transport.PartyID][]byte) {
	V[st.cfg.Self] = st.commitment(st.cfg.Self, st.ownBody)
	st.V = V
}

// auxRound2 carries the openings.
type auxRound2 struct{ st *auxState }

// Expects implements transport.Round.
func (r *auxRound2) Expects() transport.Expect { return everyoneBroadcasts() }

// Finalize is Fig. 6, round 3, step 1: check every opening before anything
// derived from this party's factorisation goes to its sender (SECURITY.md
// rule 4); sendProofs follows.
func (r *auxRound2) Finalize(in *transport.Inbox) transport.Step[*AuxInfo] {
	return checkRound(r.st.log, in, r.st.checkOpening, r.st.sendProofs)
}

// sendProofs is Fig. 6, round 3, step 2: keep the openings, set ρ, and
// broadcast the round-3 proofs.
func (st *auxState) sendProofs(opening map[transport.PartyID]*auxOpening) transport.Step[*AuxInfo] {
	st.setOpenings(opening)
	msg, err := st.proveRound3()
	if err != nil {
		return transport.Abort[*AuxInfo](err)
	}
	out, err := st.log.sendRegular(3, msg)
	if err != nil {
		return transport.Abort[*AuxInfo](err)
	}
	return transport.Next[*AuxInfo](out, &auxRound3{st: st})
}

// setOpenings keeps every party's checked opening, this party's own
// included, and sets ρ = ⊕_j ρ_j.
func (st *auxState) setOpenings(opening map[transport.PartyID]*auxOpening) {
	opening[st.cfg.Self] = st.own
	st.opening = opening
	st.rho = make([]byte, randomSize)
	for _, j := range st.log.parties {
		for k, b := range opening[j].Rho {
			st.rho[k] ^= b
		}
	}
}

// proveRound3 makes Fig. 6's round-3 proofs: Πmod for N_i and, for each
// peer, Πfac against the peer's ring-Pedersen parameters, bound to ρ.
func (st *auxState) proveRound3() (*auxProofs, error) {
	sk := st.cfg.Secret.Paillier
	mp, err := mod.NewProof(st.proofTranscript("mod", st.cfg.Self, 0), mod.Public{N: sk.PublicKey().N()},
		mod.Private{P: sk.P(), Q: sk.Q()}, st.cfg.Rand)
	if err != nil {
		return nil, fmt.Errorf("cggmp: Πmod: %w", err)
	}
	msg := &auxProofs{}
	if msg.Mod, err = mp.MarshalBinary(); err != nil {
		return nil, err
	}
	msg.Fac, err = perPeer(st.log.others(), func(j transport.PartyID) ([]byte, error) {
		if sameModulus(st.opening[j], st.own) {
			// Party j opened this party's own modulus: its ring-Pedersen
			// parameters are on N0, a statement Πfac refuses
			// (zk.ErrProverModulus). No proof is made for j, and none is
			// checked (checkProofs): the duplicate-modulus check judges
			// the pair.
			return []byte{}, nil
		}
		fp, err := fac.NewProof(st.proofTranscript("fac", st.cfg.Self, j),
			fac.Public{N0: sk.PublicKey(), Aux: st.opening[j].Pedersen},
			fac.Private{P: sk.P(), Q: sk.Q()}, st.cfg.Rand)
		if err != nil {
			return nil, fmt.Errorf("cggmp: Πfac: %w", err)
		}
		return fp.MarshalBinary()
	})
	return msg, err
}

// auxRound3 carries the proofs.
type auxRound3 struct{ st *auxState }

// Expects implements transport.Round.
func (r *auxRound3) Expects() transport.Expect { return everyoneBroadcasts() }

// Finalize is Fig. 6, output, step 1: check every Πmod and the Πfac
// addressed to this party, and that no modulus is proven twice (confirm
// follows).
func (r *auxRound3) Finalize(in *transport.Inbox) transport.Step[*AuxInfo] {
	st := r.st
	return checkRound(st.log, in, func(j transport.PartyID) (*auxProofs, error) {
		return st.checkProofs(st.cfg.Self, j, st.cfg.Secret.Paillier)
	}, st.confirm)
}

// confirm broadcasts this party's confirmation: every check passed.
func (st *auxState) confirm(map[transport.PartyID]*auxProofs) transport.Step[*AuxInfo] {
	out, err := st.log.sendRegular(auxFinal, confirmation{})
	if err != nil {
		return transport.Abort[*AuxInfo](err)
	}
	return transport.Next[*AuxInfo](out, &auxRound4{st: st})
}

// auxRound4 collects the confirmations; a complaint about round 3 is
// judged at once (it is the last round).
type auxRound4 struct{ st *auxState }

// Expects implements transport.Round (lastRound).
func (r *auxRound4) Expects() transport.Expect { return lastRound() }

// Finalize is Fig. 6, output, step 2: every party confirmed, and the
// AuxInfo is every party's Paillier key and ring-Pedersen parameters. It
// finishes with transport.FinishConfirmed on their canonical encoding: in
// a run with identities the machine adds a round in which every party
// signs a confirmation of it (that round also carries the echo of the
// confirmations here), and commits only with every party's, so that no
// party puts new aux info in use while another lacks it.
func (r *auxRound4) Finalize(in *transport.Inbox) transport.Step[*AuxInfo] {
	st := r.st
	ri := st.log.receive(in)
	if len(ri.complaints()) > 0 {
		return onComplaints[*AuxInfo](st.log, ri, nil)
	}
	if err := checkConfirmations(ri); err != nil {
		return transport.Abort[*AuxInfo](err)
	}
	info := &AuxInfo{
		Parties:  st.log.parties,
		Self:     st.cfg.Self,
		Secret:   st.cfg.Secret.Paillier,
		Paillier: map[transport.PartyID]*paillier.PublicKey{},
		Pedersen: map[transport.PartyID]*paillier.PedersenParams{},
	}
	for _, j := range st.log.parties {
		info.Paillier[j] = st.opening[j].N
		info.Pedersen[j] = st.opening[j].Pedersen
	}
	public, err := info.publicRecord()
	if err != nil {
		return transport.Abort[*AuxInfo](err)
	}
	return transport.FinishConfirmed(info, public)
}

// checkConfirmations names every party whose last-round broadcast is not
// an empty regular message.
func checkConfirmations(ri *roundIn) error {
	blame := new(transport.Blame)
	ri.blameKinds(blame, kindRegular)
	for j, e := range ri.msgs {
		if e.kind == kindRegular {
			blame.Add(j, decodeConfirmation(e.body))
		}
	}
	return blame.Err("bad confirmation")
}
