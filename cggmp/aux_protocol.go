package cggmp

import (
	"bytes"
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"runtime"
	"sync"

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
	// SessionID is fresh for every run and the same at every party.
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

// NewAux returns the aux-info Machine (CGGMP21 Fig. 6, the auxiliary-info
// part, with the commit-reveal of Dfns's spec section "Provisioning"):
//
//  1. broadcast a hash commitment V_i to (N_i, s_i, t_i, Πprm_i, ρ_i, u_i);
//  2. broadcast the opening (echo-checked by the framework);
//  3. check every opening (exact modulus size, Πprm), set ρ = ⊕ρ_j, and
//     broadcast Πmod for N_i and send each peer Πfac against that peer's
//     ring-Pedersen parameters, both bound to (sid, i, ρ);
//  4. (framework) echo-check the Πmod broadcasts, verify, output.
//
// The result is this party's AuxInfo.
func NewAux(cfg AuxConfig) (transport.Machine[*AuxInfo], error) {
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
	st := &auxState{cfg: cfg, parties: transport.SortedCopy(cfg.Parties)}
	return transport.NewMachine(transport.Config{
		Protocol:  AuxProtocol,
		SessionID: cfg.SessionID,
		Self:      cfg.Self,
		Parties:   cfg.Parties,
		Rounds:    3,
	}, &auxRound1{st: st})
}

type auxOpening struct {
	pk      *paillier.PublicKey
	ped     *paillier.PedersenParams
	prmRaw  []byte
	rho, u  []byte
	payload []byte
}

type auxState struct {
	cfg     AuxConfig
	parties []transport.PartyID

	own         *auxOpening
	commitments map[transport.PartyID][]byte
	openings    map[transport.PartyID]*auxOpening
	rho         []byte
}

func (st *auxState) proofTranscript(kind string, prover, verifier transport.PartyID) *transcript.Transcript {
	t := transcript.New(AuxProtocol + "/" + kind)
	zk.BindContext(t, st.cfg.SessionID, uint32(prover), uint32(verifier))
	if st.rho != nil {
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

type auxRound1 struct{ st *auxState }

func (r *auxRound1) Number() int               { return 1 }
func (r *auxRound1) Expects() transport.Expect { return transport.Expect{Broadcast: true} }

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
	return []*transport.Message{{Payload: st.commitment(st.cfg.Self, payload)}}, nil
}

func (r *auxRound1) Finalize(in *transport.Inbox) ([]*transport.Message, transport.Round[*AuxInfo], **AuxInfo, error) {
	st := r.st
	st.commitments = map[transport.PartyID][]byte{}
	var bad []transport.PartyID
	for _, j := range in.Senders() {
		if len(in.Broadcast(j)) != 32 {
			bad = append(bad, j)
			continue
		}
		st.commitments[j] = in.Broadcast(j)
	}
	if len(bad) > 0 {
		return nil, nil, nil, transport.NewAbortError(AuxProtocol, 1, "malformed commitment", errWire, bad...)
	}
	return []*transport.Message{{Payload: st.own.payload}}, &auxRound2{st: st}, nil, nil
}

type auxRound2 struct{ st *auxState }

func (r *auxRound2) Number() int               { return 2 }
func (r *auxRound2) Expects() transport.Expect { return transport.Expect{Broadcast: true} }

// parseOpening decodes and checks party j's opening: the commitment, the
// exact modulus size, the ring-Pedersen modulus being the Paillier modulus,
// and Πprm.
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
	proof, err := prm.DecodeProof(f[2])
	if err == nil {
		err = proof.Verify(st.proofTranscript("prm", j, 0), prm.Public{N: ped.N(), S: ped.S(), T: ped.T()})
	}
	if err != nil {
		return nil, fmt.Errorf("%w: Πprm: %w", ErrAuxProof, err)
	}
	return &auxOpening{pk: pk, ped: ped, prmRaw: f[2], rho: f[3], u: f[4], payload: payload}, nil
}

func (r *auxRound2) Finalize(in *transport.Inbox) ([]*transport.Message, transport.Round[*AuxInfo], **AuxInfo, error) {
	st := r.st
	st.openings = map[transport.PartyID]*auxOpening{st.cfg.Self: st.own}
	senders := in.Senders()
	parsed := make([]*auxOpening, len(senders))
	results := parallelMap(senders, func(j transport.PartyID) error {
		o, err := st.parseOpening(j, in.Broadcast(j))
		parsed[indexOf(senders, j)] = o
		return err
	})
	for i, j := range senders {
		st.openings[j] = parsed[i]
	}
	if err := abortFor(AuxProtocol, 2, "invalid aux-info opening", senders, results); err != nil {
		// Rule 4: nothing derived from our factorisation goes to a party
		// whose modulus or Πprm failed.
		return nil, nil, nil, err
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
	out := []*transport.Message{{Payload: modRaw}}
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
	for _, err := range errs {
		if err != nil {
			return nil, nil, nil, fmt.Errorf("cggmp: Πfac: %w", err)
		}
	}
	for i, j := range others {
		out = append(out, &transport.Message{To: j, Payload: facs[i]})
	}
	return out, &auxRound3{st: st}, nil, nil
}

func (st *auxState) others() []transport.PartyID {
	out := make([]transport.PartyID, 0, len(st.parties)-1)
	for _, j := range st.parties {
		if j != st.cfg.Self {
			out = append(out, j)
		}
	}
	return out
}

type auxRound3 struct{ st *auxState }

func (r *auxRound3) Number() int { return 3 }
func (r *auxRound3) Expects() transport.Expect {
	return transport.Expect{Broadcast: true, Direct: true}
}

func (r *auxRound3) Finalize(in *transport.Inbox) ([]*transport.Message, transport.Round[*AuxInfo], **AuxInfo, error) {
	st := r.st
	ownPed := st.cfg.Secret.Pedersen
	senders := in.Senders()
	results := parallelMap(senders, func(j transport.PartyID) error {
		o := st.openings[j]
		mp, err := mod.DecodeProof(in.Broadcast(j))
		if err == nil {
			err = mp.Verify(st.proofTranscript("mod", j, 0), mod.Public{N: o.pk.N()})
		}
		if err != nil {
			return fmt.Errorf("%w: Πmod: %w", ErrAuxProof, err)
		}
		pub := fac.Public{N0: o.pk, Aux: ownPed}
		fp, err := fac.DecodeProof(pub, in.Direct(j))
		if err == nil {
			err = fp.Verify(st.proofTranscript("fac", j, st.cfg.Self), pub)
		}
		if err != nil {
			return fmt.Errorf("%w: Πfac: %w", ErrAuxProof, err)
		}
		return nil
	})
	if err := abortFor(AuxProtocol, 3, "invalid Πmod or Πfac", senders, results); err != nil {
		return nil, nil, nil, err
	}
	// Every modulus is proven; two parties with one modulus share a
	// factorisation, which no honest party does (security.md case 15).
	if dup := st.duplicateModuli(); len(dup) > 0 {
		return nil, nil, nil, transport.NewAbortError(AuxProtocol, 3, "modulus used by several parties", ErrAuxDuplicate, dup...)
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

// duplicateModuli lists the parties, other than this one, whose modulus
// another party also uses.
func (st *auxState) duplicateModuli() []transport.PartyID {
	var out []transport.PartyID
	for _, j := range st.parties {
		if j == st.cfg.Self {
			continue
		}
		for _, k := range st.parties {
			if k != j && st.openings[j].pk.Equal(st.openings[k].pk) {
				out = append(out, j)
				break
			}
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

// parallelMap runs f for every id on up to GOMAXPROCS goroutines, all
// finished before it returns, and returns the errors in the order of ids.
// Verifying the n-1 peers' proofs in parallel is the main speed-up of a
// round (architecture.md, "Performance design").
func parallelMap(ids []transport.PartyID, f func(transport.PartyID) error) []error {
	errs := make([]error, len(ids))
	workers := min(runtime.GOMAXPROCS(0), len(ids))
	next := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				errs[i] = f(ids[i])
			}
		}()
	}
	for i := range ids {
		next <- i
	}
	close(next)
	wg.Wait()
	return errs
}

// abortFor turns per-party check results into one AbortError naming every
// failing party, or nil.
func abortFor(protocol string, round int, reason string, ids []transport.PartyID, errs []error) error {
	var culprits []transport.PartyID
	var all []error
	for i, err := range errs {
		if err != nil {
			culprits = append(culprits, ids[i])
			all = append(all, fmt.Errorf("party %d: %w", ids[i], err))
		}
	}
	if len(culprits) == 0 {
		return nil
	}
	return transport.NewAbortError(protocol, round, reason, errors.Join(all...), culprits...)
}
