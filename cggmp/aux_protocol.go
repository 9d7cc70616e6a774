package cggmp

import (
	"bytes"
	"crypto/rand"
	"errors"
	"fmt"
	"io"

	"github.com/mosaic-mpc/mosaic/internal/transcript"
	"github.com/mosaic-mpc/mosaic/paillier"
	"github.com/mosaic-mpc/mosaic/transport"
	"github.com/mosaic-mpc/mosaic/zk"
	"github.com/mosaic-mpc/mosaic/zk/fac"
	"github.com/mosaic-mpc/mosaic/zk/mod"
	"github.com/mosaic-mpc/mosaic/zk/prm"
)

// AuxProtocol names the aux-info protocol and its version.
const AuxProtocol = "mosaic/cggmp/aux/v1"

// AuxConfig configures one party's aux-info run.
type AuxConfig struct {
	// Parties lists every party of the key; Self is one of them.
	Parties []transport.PartyID
	Self    transport.PartyID
	// SessionID is fresh for every run and the same at every party
	// (AuxSessionID derives it).
	SessionID []byte
	// Secret is this party's prepared Paillier key and ring-Pedersen
	// parameters (GenerateAuxSecret). It must be fresh for every run.
	Secret *AuxSecret
	// ModulusBits is the exact modulus size every party must use
	// (paillier.DefaultModulusBits when 0).
	ModulusBits int
	// Rand is the randomness source; nil means crypto/rand.
	Rand io.Reader
}

// auxRounds counts aux-info's rounds: commit, open, prove, confirm.
const auxRounds = 4

// NewAux returns the aux-info Machine (CGGMP21 Fig. 6, the auxiliary-info
// part, with the commit-reveal of Dfns's spec section "Provisioning"). Every
// message is a broadcast (complaint.go explains why and how a failed check
// becomes a verdict):
//
//  1. broadcast a hash commitment V_i to (N_i, s_i, t_i, Πprm_i, ρ_i, u_i);
//  2. broadcast the opening;
//  3. check every opening (the commitment, the exact modulus size, the
//     ring-Pedersen modulus being the Paillier modulus, Πprm), set
//     ρ = ⊕ρ_j, and broadcast Πmod for N_i and,
//     for each peer, Πfac against that peer's ring-Pedersen parameters,
//     all bound to (sid, i, ρ);
//  4. check Πmod, the Πfac addressed to this party and that no modulus is
//     proven by two parties, broadcast an empty confirmation (or a
//     complaint), and output.
//
// The result is this party's AuxInfo.
func NewAux(cfg AuxConfig) (transport.Machine[*AuxInfo], error) {
	st, err := newAuxState(cfg)
	if err != nil {
		return nil, err
	}
	return transport.NewOldMachine(transport.Config{
		Protocol:  AuxProtocol,
		SessionID: st.cfg.SessionID,
		Self:      st.cfg.Self,
		Parties:   st.cfg.Parties,
		Rounds:    auxRounds,
	}, &auxRound1{st: st})
}

func newAuxState(cfg AuxConfig) (*auxState, error) {
	if cfg.Secret == nil || cfg.Secret.Paillier == nil || cfg.Secret.Pedersen == nil {
		return nil, errors.New("cggmp: aux-info needs an AuxSecret")
	}
	if cfg.ModulusBits == 0 {
		cfg.ModulusBits = paillier.DefaultModulusBits
	}
	if cfg.Secret.Paillier.PublicKey().BitLen() != cfg.ModulusBits {
		return nil, fmt.Errorf("cggmp: own Paillier modulus has %d bits, want %d", cfg.Secret.Paillier.PublicKey().BitLen(), cfg.ModulusBits)
	}
	if cfg.Rand == nil {
		cfg.Rand = rand.Reader
	}
	cfg.Rand = lockReader(cfg.Rand)
	st := &auxState{cfg: cfg, parties: transport.SortedCopy(cfg.Parties), raw: map[int]map[transport.PartyID][]byte{},
		verdicts: &proofVerdicts{}}
	st.complaints = &complaints[*AuxInfo]{
		protocol: AuxProtocol, parties: st.parties, self: cfg.Self, final: auxRounds,
		check: st.check, expect: auxExpect,
	}
	return st, nil
}

// auxExpect: every round is one broadcast from every party; the last one,
// an empty confirmation, needs no echo.
func auxExpect(round int) transport.Expect {
	return transport.Expect{Broadcast: true, SkipFinalEcho: round == auxRounds}
}

type auxOpening struct {
	pk      *paillier.PublicKey
	ped     *paillier.PedersenParams
	prmRaw  []byte
	rho, u  []byte
	payload []byte
}

type auxState struct {
	cfg        AuxConfig
	parties    []transport.PartyID
	complaints *complaints[*AuxInfo]

	// raw holds every broadcast of rounds 1-3 as received, so that any
	// party's check for any addressee can be re-run when judging a
	// complaint.
	raw map[int]map[transport.PartyID][]byte

	own         *auxOpening
	commitments map[transport.PartyID][]byte
	openings    map[transport.PartyID]*auxOpening
	rho         []byte

	// verdicts holds the Πprm and Πmod verdicts of the run (see
	// proofVerdicts).
	verdicts *proofVerdicts
}

// proofTranscript binds a proof to the run, the prover and the verifier,
// and the round-3 proofs (Πmod, Πfac) also to ρ = ⊕ρ_j. Πprm is made in
// round 1, before ρ exists, and must verify the same when a complaint about
// round 2 is judged after ρ is known.
func (st *auxState) proofTranscript(kind string, prover, verifier transport.PartyID) *transcript.Transcript {
	t := transcript.New(AuxProtocol + "/" + kind)
	zk.BindContext(t, st.cfg.SessionID, uint32(prover), uint32(verifier))
	if kind != "prm" {
		t.AppendBytes("rho", st.rho)
	}
	return t
}

// commitment is V_j = H(sid, j, opening), a hash commitment made with the
// transcript so every field is length-prefixed.
func (st *auxState) commitment(j transport.PartyID, payload []byte) []byte {
	t := transcript.New(AuxProtocol + "/commit")
	t.AppendBytes("session", st.cfg.SessionID)
	t.AppendUint64("party", uint64(j))
	t.AppendBytes("opening", payload)
	return t.ChallengeBytes("V", 32)
}

// body returns sender's regular body of round r, or an error if its
// broadcast was anything else.
func (st *auxState) body(r int, sender transport.PartyID) ([]byte, error) {
	p, err := decodePayload(st.raw[r][sender], sender, st.parties)
	if err != nil {
		return nil, err
	}
	if p.tag != tagRegular {
		return nil, fmt.Errorf("%w: tag %d", ErrMessageKind, p.tag)
	}
	return p.body, nil
}

// check re-runs round r's checks of sender's broadcast for verifier
// (complaint.go); the regular rounds run the same functions for
// verifier = self.
func (st *auxState) check(r int, verifier, sender transport.PartyID) error {
	switch r {
	case 1:
		_, err := st.checkCommitment(sender)
		return err
	case 2:
		_, err := st.checkOpening(sender)
		return err
	case 3:
		return st.checkProofs(verifier, sender, nil)
	}
	return fmt.Errorf("cggmp: no checks for aux-info round %d", r)
}

func (st *auxState) checkCommitment(j transport.PartyID) ([]byte, error) {
	b, err := st.body(1, j)
	if err != nil {
		return nil, err
	}
	if len(b) != 32 {
		return nil, fmt.Errorf("%w: commitment of %d bytes", errWire, len(b))
	}
	return b, nil
}

type auxRound1 struct{ st *auxState }

func (r *auxRound1) Number() int               { return 1 }
func (r *auxRound1) Expects() transport.Expect { return auxExpect(1) }

func (r *auxRound1) Start() ([]*transport.Message, error) {
	st := r.st
	sec := st.cfg.Secret
	ped := sec.Pedersen
	pp, err := prm.NewProof(st.proofTranscript("prm", st.cfg.Self, 0),
		prm.Public{N: ped.N(), S: ped.S(), T: ped.T()},
		prm.Private{P: sec.Paillier.P(), Q: sec.Paillier.Q(), Lambda: sec.lambda}, st.cfg.Rand)
	if err != nil {
		return nil, fmt.Errorf("cggmp: Πprm: %w", err)
	}
	prmRaw, err := pp.MarshalBinary()
	if err != nil {
		return nil, err
	}
	pkRaw, err := sec.Paillier.PublicKey().MarshalBinary()
	if err != nil {
		return nil, err
	}
	pedRaw, err := ped.MarshalBinary()
	if err != nil {
		return nil, err
	}
	rho := make([]byte, 32)
	u := make([]byte, 32)
	if _, err := io.ReadFull(st.cfg.Rand, rho); err != nil {
		return nil, fmt.Errorf("%w: %w", transport.ErrLocal, err)
	}
	if _, err := io.ReadFull(st.cfg.Rand, u); err != nil {
		return nil, fmt.Errorf("%w: %w", transport.ErrLocal, err)
	}
	var payload []byte
	for _, f := range [][]byte{pkRaw, pedRaw, prmRaw, rho, u} {
		payload = appendField(payload, f)
	}
	st.own = &auxOpening{pk: sec.Paillier.PublicKey(), ped: ped, prmRaw: prmRaw, rho: rho, u: u, payload: payload}
	return st.send(1, regularPayload(st.commitment(st.cfg.Self, payload))), nil
}

// send records this party's own broadcast of round r and returns it.
func (st *auxState) send(r int, payload []byte) []*transport.Message {
	st.record(r, st.cfg.Self, payload)
	return []*transport.Message{{Payload: payload}}
}

// record keeps sender's broadcast of round r for later re-checks.
func (st *auxState) record(r int, sender transport.PartyID, b []byte) {
	if st.raw[r] == nil {
		st.raw[r] = map[transport.PartyID][]byte{}
	}
	st.raw[r][sender] = b
}

// recordAll keeps every broadcast of a round.
func (st *auxState) recordAll(ri *roundIn) {
	for j, b := range ri.raw {
		st.record(ri.round, j, b)
	}
}

func (r *auxRound1) Finalize(in *transport.Inbox) ([]*transport.Message, transport.OldRound[*AuxInfo], **AuxInfo, error) {
	st := r.st
	ri := classify(in, st.parties)
	st.recordAll(ri)
	// Our own commitment too: a complaint against our opening is judged
	// like any other.
	st.commitments = map[transport.PartyID][]byte{st.cfg.Self: st.commitment(st.cfg.Self, st.own.payload)}
	var bad []transport.PartyID
	for _, j := range in.Senders() {
		v, err := st.checkCommitment(j)
		if err != nil {
			bad = append(bad, j)
			continue
		}
		st.commitments[j] = v
	}
	if len(bad) > 0 {
		return st.complaints.complain(1, bad)
	}
	return st.send(2, regularPayload(st.own.payload)), &auxRound2{st: st}, nil, nil
}

type auxRound2 struct{ st *auxState }

func (r *auxRound2) Number() int               { return 2 }
func (r *auxRound2) Expects() transport.Expect { return auxExpect(2) }

// parseOpening decodes and checks party j's opening, its recorded round-2
// body: the commitment, the exact modulus size, the ring-Pedersen modulus
// being the Paillier modulus, and Πprm (whose verdict is kept:
// proofVerdicts).
func (st *auxState) parseOpening(j transport.PartyID, payload []byte) (*auxOpening, error) {
	if !bytes.Equal(st.commitment(j, payload), st.commitments[j]) {
		return nil, ErrAuxCommitment
	}
	f, err := splitFields(payload, 5)
	if err != nil {
		return nil, err
	}
	bits := paillier.WithModulusBits(st.cfg.ModulusBits)
	pk, err := paillier.ParsePublicKey(f[0], bits)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrAuxModulus, err)
	}
	ped, err := paillier.ParsePedersenParams(f[1], bits)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrAuxModulus, err)
	}
	if ped.NNat().Eq(pk.NNat()) != 1 {
		return nil, fmt.Errorf("%w: ring-Pedersen modulus differs from the Paillier modulus", ErrAuxModulus)
	}
	if len(f[3]) != 32 || len(f[4]) != 32 {
		return nil, errWire
	}
	err = st.verdicts.check("prm", j, payload, func() error {
		proof, err := prm.DecodeProof(f[2])
		if err != nil {
			return err
		}
		return proof.Verify(st.proofTranscript("prm", j, 0), prm.Public{N: ped.N(), S: ped.S(), T: ped.T()})
	})
	if err != nil {
		return nil, fmt.Errorf("%w: Πprm: %w", ErrAuxProof, err)
	}
	return &auxOpening{pk: pk, ped: ped, prmRaw: f[2], rho: f[3], u: f[4], payload: payload}, nil
}

// checkOpening checks party j's round-2 opening.
func (st *auxState) checkOpening(j transport.PartyID) (*auxOpening, error) {
	b, err := st.body(2, j)
	if err != nil {
		return nil, err
	}
	return st.parseOpening(j, b)
}

func (r *auxRound2) Finalize(in *transport.Inbox) ([]*transport.Message, transport.OldRound[*AuxInfo], **AuxInfo, error) {
	st := r.st
	ri := classify(in, st.parties)
	st.recordAll(ri)
	if len(ri.complaints()) > 0 {
		return st.complaints.onComplaints(ri, nil)
	}
	st.openings = map[transport.PartyID]*auxOpening{st.cfg.Self: st.own}
	senders := in.Senders()
	parsed := make([]*auxOpening, len(senders))
	results := parallelMap(senders, func(j transport.PartyID) error {
		o, err := st.checkOpening(j)
		parsed[indexOf(senders, j)] = o
		return err
	})
	// Rule 4: nothing derived from our factorisation goes to a party
	// whose opening failed; we complain instead.
	if bad := failed(senders, results); len(bad) > 0 {
		return st.complaints.complain(2, bad)
	}
	for i, j := range senders {
		st.openings[j] = parsed[i]
	}
	st.rho = make([]byte, 32)
	for _, j := range st.parties {
		for k, b := range st.openings[j].rho {
			st.rho[k] ^= b
		}
	}
	sk := st.cfg.Secret.Paillier
	priv := mod.Private{P: sk.P(), Q: sk.Q()}
	mp, err := mod.NewProof(st.proofTranscript("mod", st.cfg.Self, 0), mod.Public{N: sk.PublicKey().N()}, priv, st.cfg.Rand)
	if err != nil {
		return nil, nil, nil, fmt.Errorf("cggmp: Πmod: %w", err)
	}
	modRaw, err := mp.MarshalBinary()
	if err != nil {
		return nil, nil, nil, err
	}
	others := st.others()
	facs := make([][]byte, len(others))
	errs := parallelMap(others, func(j transport.PartyID) error {
		fp, err := fac.NewProof(st.proofTranscript("fac", st.cfg.Self, j),
			fac.Public{N0: sk.PublicKey(), Aux: st.openings[j].ped},
			fac.Private{P: sk.P(), Q: sk.Q()}, st.cfg.Rand)
		if err != nil {
			return err
		}
		raw, err := fp.MarshalBinary()
		if err != nil {
			return err
		}
		facs[indexOf(others, j)] = raw
		return nil
	})
	if err := errors.Join(errs...); err != nil {
		return nil, nil, nil, fmt.Errorf("cggmp: Πfac: %w", err)
	}
	body := appendField(nil, modRaw)
	for _, raw := range facs {
		body = appendField(body, raw)
	}
	return st.send(3, regularPayload(body)), &auxRound3{st: st}, nil, nil
}

func (st *auxState) others() []transport.PartyID { return othersOf(st.parties, st.cfg.Self) }

// othersOf returns ids without self, in order.
func othersOf(ids []transport.PartyID, self transport.PartyID) []transport.PartyID {
	out := make([]transport.PartyID, 0, len(ids))
	for _, j := range ids {
		if j != self {
			out = append(out, j)
		}
	}
	return out
}

// addressedTo returns the part of sender's broadcast addressed to verifier:
// after `common` shared fields, one field per peer in increasing order.
func addressedTo(fields [][]byte, common int, parties []transport.PartyID, sender, verifier transport.PartyID) ([]byte, error) {
	i := indexOf(othersOf(parties, sender), verifier)
	if i < 0 || common+i >= len(fields) {
		return nil, fmt.Errorf("%w: no part for party %d", errWire, verifier)
	}
	return fields[common+i], nil
}

type auxRound3 struct{ st *auxState }

func (r *auxRound3) Number() int               { return 3 }
func (r *auxRound3) Expects() transport.Expect { return auxExpect(3) }

// checkProofs checks sender's round-3 Πmod and the Πfac it addressed to
// verifier, and that no other party proved the same modulus. With the
// verifier's own key (own non-nil, verifier = self) Πfac is checked by CRT
// modulo the verifier's secret primes.
//
// Two parties with one modulus share a factorisation, which no honest
// party does (SECURITY.md case 15). A party that copied another's modulus
// without its factors cannot make Πmod for it and is named for that alone;
// when both have a valid Πmod (a leaked key, or a pool key handed out
// twice), no one can tell the owner from the copier, and both are named.
func (st *auxState) checkProofs(verifier, sender transport.PartyID, own *paillier.SecretKey) error {
	if err := st.checkMod(sender); err != nil {
		return err
	}
	f, _ := st.r3Fields(sender) // checkMod parsed them
	o := st.openings[sender]
	part, err := addressedTo(f, 1, st.parties, sender, verifier)
	if err != nil {
		return err
	}
	pub := fac.Public{N0: o.pk, Aux: st.openings[verifier].ped}
	fp, err := fac.DecodeProof(pub, part)
	if err == nil {
		t := st.proofTranscript("fac", sender, verifier)
		if own != nil {
			err = fp.VerifyWithKey(t, pub, own)
		} else {
			err = fp.Verify(t, pub)
		}
	}
	if err != nil {
		return fmt.Errorf("%w: Πfac: %w", ErrAuxProof, err)
	}
	for _, k := range st.parties {
		if k == sender || st.openings[k].pk.NNat().Eq(o.pk.NNat()) != 1 {
			continue
		}
		if k == st.cfg.Self || st.checkMod(k) == nil {
			return fmt.Errorf("%w: party %d proved the same modulus", ErrAuxDuplicate, k)
		}
	}
	return nil
}

// r3Fields splits sender's round-3 body: Πmod, then Πfac per peer.
func (st *auxState) r3Fields(sender transport.PartyID) ([][]byte, error) {
	b, err := st.body(3, sender)
	if err != nil {
		return nil, err
	}
	return splitFields(b, len(st.parties))
}

// checkMod checks sender's round-3 Πmod (a broadcast proof: the same for
// every verifier). It runs only once round 3's broadcasts are recorded, so
// its verdict is kept (proofVerdicts).
func (st *auxState) checkMod(sender transport.PartyID) error {
	return st.verdicts.check("mod", sender, st.raw[3][sender], func() error {
		f, err := st.r3Fields(sender)
		if err != nil {
			return err
		}
		mp, err := mod.DecodeProof(f[0])
		if err == nil {
			err = mp.Verify(st.proofTranscript("mod", sender, 0), mod.Public{N: st.openings[sender].pk.N()})
		}
		if err != nil {
			return fmt.Errorf("%w: Πmod: %w", ErrAuxProof, err)
		}
		return nil
	})
}

func (r *auxRound3) Finalize(in *transport.Inbox) ([]*transport.Message, transport.OldRound[*AuxInfo], **AuxInfo, error) {
	st := r.st
	ri := classify(in, st.parties)
	st.recordAll(ri)
	if len(ri.complaints()) > 0 {
		return st.complaints.onComplaints(ri, nil)
	}
	senders := in.Senders()
	results := parallelMap(senders, func(j transport.PartyID) error {
		return st.checkProofs(st.cfg.Self, j, st.cfg.Secret.Paillier)
	})
	if bad := failed(senders, results); len(bad) > 0 {
		return st.complaints.complain(3, bad)
	}
	return []*transport.Message{{Payload: regularPayload(nil)}}, &auxRound4{st: st}, nil, nil
}

// auxRound4 collects the confirmations; a complaint about round 3 is
// judged at once (it is the last round).
type auxRound4 struct{ st *auxState }

func (r *auxRound4) Number() int               { return 4 }
func (r *auxRound4) Expects() transport.Expect { return auxExpect(4) }

func (r *auxRound4) Finalize(in *transport.Inbox) ([]*transport.Message, transport.OldRound[*AuxInfo], **AuxInfo, error) {
	st := r.st
	ri := classify(in, st.parties)
	if len(ri.complaints()) > 0 {
		return st.complaints.onComplaints(ri, nil)
	}
	if err := requireConfirmations(AuxProtocol, ri); err != nil {
		return nil, nil, nil, err
	}
	info := &AuxInfo{
		Parties:  st.parties,
		Self:     st.cfg.Self,
		Secret:   st.cfg.Secret.Paillier,
		Paillier: map[transport.PartyID]*paillier.PublicKey{},
		Pedersen: map[transport.PartyID]*paillier.PedersenParams{},
	}
	for _, j := range st.parties {
		info.Paillier[j] = st.openings[j].pk
		info.Pedersen[j] = st.openings[j].ped
	}
	return nil, nil, &info, nil
}

// requireConfirmations names every party whose last-round broadcast is not
// an empty regular message.
func requireConfirmations(protocol string, ri *roundIn) error {
	bad := ri.wrongKind(tagRegular)
	for j, p := range ri.msgs {
		if p.tag == tagRegular && len(p.body) != 0 {
			bad[j] = fmt.Errorf("%w: confirmation with a body", errWire)
		}
	}
	if len(bad) == 0 {
		return nil
	}
	var culprits []transport.PartyID
	var reasons []error
	for j, err := range bad {
		culprits = append(culprits, j)
		reasons = append(reasons, fmt.Errorf("party %d: %w", j, err))
	}
	return transport.NewAbortError(protocol, 0, "bad confirmation", errors.Join(reasons...), culprits...)
}

// failed returns the ids whose result is an error.
func failed(ids []transport.PartyID, errs []error) []transport.PartyID {
	var out []transport.PartyID
	for i, err := range errs {
		if err != nil {
			out = append(out, ids[i])
		}
	}
	return out
}

func indexOf(ids []transport.PartyID, id transport.PartyID) int {
	for i, x := range ids {
		if x == id {
			return i
		}
	}
	return -1
}
