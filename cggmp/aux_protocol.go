package cggmp

import (
	"bytes"
	"crypto/rand"
	"errors"
	"fmt"
	"io"

	"github.com/mosaic-mpc/mosaic/internal/par"
	"github.com/mosaic-mpc/mosaic/internal/transcript"
	"github.com/mosaic-mpc/mosaic/paillier"
	"github.com/mosaic-mpc/mosaic/transport"
	"github.com/mosaic-mpc/mosaic/zk"
	"github.com/mosaic-mpc/mosaic/zk/fac"
	"github.com/mosaic-mpc/mosaic/zk/mod"
	"github.com/mosaic-mpc/mosaic/zk/prm"
)

// AuxProtocol names the aux-info protocol and its version. Version 3:
// every message binds the run context (the modulus size, the parties and
// their identity keys), and a run with identities judges complaints at
// once and ends with a confirmation round; a peer of version 2 would
// otherwise be refused as holding another key instead of being named as
// running another version.
const AuxProtocol = "mosaic/cggmp/aux/v3"

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
	// Level is the security level every party's Paillier and
	// ring-Pedersen modulus must have (2048 bits for paillier.Level112,
	// 3072 for paillier.Level128). Zero means the level of Secret's own
	// key, which GenerateAuxSecret makes at paillier.DefaultLevel unless
	// asked otherwise. The level is part of the run's context, so parties
	// that differ in it stop with transport.ErrContextMismatch.
	Level paillier.SecurityLevel
	// Rand is the randomness source; nil means crypto/rand.
	Rand io.Reader
	// Identity, if set, signs every message of this party with its
	// long-term identity key and makes the run agree (docs/agreement.md):
	// every honest party ends with the same outcome, the same AuxInfo or
	// an abort naming the same culprits. Its Peers must hold the identity
	// key of every party. Aux-info has no threshold of its own, so its
	// MaxFaulty defaults to (len(Parties)-1)/2, the most malicious parties
	// that still leave the honest ones a majority, which is what names a
	// party on others' unverifiable word (a timeout). For a t-of-n key
	// with t-1 above that (a 3-of-3 key, say), set MaxFaulty to t-1: more
	// malicious parties than MaxFaulty could together get an honest party
	// named. nil keeps the unsigned contract, under which a malicious
	// party can make honest parties disagree.
	Identity *transport.Identity
}

// auxFinal is aux-info's last round: commit, open, prove, confirm.
const auxFinal = 4

// NewAux returns the aux-info Machine of party cfg.Self: the
// auxiliary-information part of CGGMP21 Fig. 6, with the commit-reveal of
// Dfns's spec. Its four rounds are listed in the package documentation,
// section "Aux-info"; its result is this party's AuxInfo. An Identity the
// transport refuses, or without a party's key, is an error wrapping
// ErrConfig.
//
// Every message carries the run context, a digest of the modulus size, the
// parties and their identity keys: parties that differ in one of them end
// at once with transport.ErrContextMismatch, naming nobody. The run
// finishes with transport.FinishConfirmed on every party's Paillier key
// and ring-Pedersen parameters. With cfg.Identity a party commits its
// AuxInfo only once every party has signed a confirmation of the same
// public data; it then keeps the certificate of those confirmations
// (transport.Certified on the machine) with the new Key, and may retire
// the old aux info. A party that ends with transport.ErrUnconfirmed gets
// no AuxInfo and keeps its old Key in use (the package documentation,
// "Agreement with identities", says what then).
func NewAux(cfg AuxConfig) (transport.Machine[*AuxInfo], error) {
	st, err := newAuxState(cfg)
	if err != nil {
		return nil, err
	}
	m, err := transport.NewMachine(st.machineConfig(), &auxRound1{st: st})
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrConfig, err)
	}
	return m, nil
}

// machineConfig is the round framework's configuration of this run.
func (st *auxState) machineConfig() transport.Config {
	return transport.Config{Protocol: AuxProtocol, SessionID: st.cfg.SessionID, Self: st.cfg.Self, Parties: st.cfg.Parties,
		Context: st.context, Identity: st.id}
}

// auxState is one party's aux-info run.
type auxState struct {
	cfg AuxConfig
	log *broadcastLog
	// id is the identity handed to the transport (runIdentity), context
	// the run context (auxContext).
	id      *transport.Identity
	context []byte

	// own is this party's opening (Fig. 6, round 1), ownBody its
	// encoding, committed to in round 1 and sent in round 2.
	own     *auxOpening
	ownBody []byte
	// V holds every party's commitment V_j (round 1), opening every
	// party's checked opening (round 2), this party's included.
	V       map[transport.PartyID][]byte
	opening map[transport.PartyID]*auxOpening
	// rho is ρ = ⊕_j ρ_j, set once every opening is checked.
	rho []byte

	// verdicts holds the Πprm and Πmod verdicts of the run (see
	// proofVerdicts).
	verdicts *proofVerdicts
}

func newAuxState(cfg AuxConfig) (*auxState, error) {
	if cfg.Secret == nil || cfg.Secret.Paillier == nil || cfg.Secret.Pedersen == nil {
		return nil, errors.New("cggmp: aux-info needs an AuxSecret")
	}
	if cfg.Secret.Paillier.P() == nil || cfg.Secret.lambda == nil {
		// A zero or zeroized key (paillier.SecretKey.P is nil then).
		return nil, errors.New("cggmp: aux-info needs an AuxSecret that is not zeroized")
	}
	own := cfg.Secret.Paillier.PublicKey().BitLen()
	if cfg.Level == 0 {
		level, err := paillier.LevelOf(own)
		if err != nil {
			return nil, fmt.Errorf("%w: own Paillier key: %w", ErrConfig, err)
		}
		cfg.Level = level
	}
	if !cfg.Level.Valid() {
		return nil, fmt.Errorf("%w: security level %d is not paillier.Level112 or paillier.Level128", ErrConfig, int(cfg.Level))
	}
	if want := cfg.Level.ModulusBits(); own != want {
		return nil, fmt.Errorf("%w: own Paillier modulus has %d bits, the %v level needs %d", ErrConfig, own, cfg.Level, want)
	}
	if cfg.Rand == nil {
		cfg.Rand = rand.Reader
	}
	cfg.Rand = par.LockReader(cfg.Rand)
	st := &auxState{cfg: cfg, verdicts: &proofVerdicts{}}
	st.log = newBroadcastLog(cfg.Parties, cfg.Self, auxFinal, noClaimRound, st.check, nil)
	if err := transport.ValidateParties(st.log.parties); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrConfig, err)
	}
	// No threshold: f = (n-1)/2, the most that leaves an honest majority.
	id, err := runIdentity(cfg.Identity, st.log.parties, (len(st.log.parties)-1)/2, nil)
	if err != nil {
		return nil, err
	}
	if st.context, err = auxContext(cfg.Level.ModulusBits(), st.log.parties, id); err != nil {
		return nil, err
	}
	st.id = id
	st.log.atOnce = id != nil
	return st, nil
}

// proofTranscript binds a proof to the run, the prover and the verifier,
// and the round-3 proofs (Πmod, Πfac) also to ρ. Πprm is made in round 1,
// before ρ exists, and must verify the same when a complaint about round 2
// is judged after ρ is known.
func (st *auxState) proofTranscript(kind string, prover, verifier transport.PartyID) *transcript.Transcript {
	t := transcript.New(AuxProtocol + "/" + kind)
	zk.BindContext(t, st.cfg.SessionID, uint32(prover), uint32(verifier))
	if kind != "prm" {
		t.AppendBytes("rho", st.rho)
	}
	return t
}

// commitment is V_j = H(sid, j, opening), a hash commitment made with the
// transcript so every field is length-prefixed; the encoded opening holds
// the random u_j.
func (st *auxState) commitment(j transport.PartyID, opening []byte) []byte {
	t := transcript.New(AuxProtocol + "/commit")
	t.AppendBytes("session", st.cfg.SessionID)
	t.AppendUint64("party", uint64(j))
	t.AppendBytes("opening", opening)
	return t.ChallengeBytes("V", commitmentSize)
}

// check re-runs round r's checks of sender's broadcast for verifier
// (complaint.go).
func (st *auxState) check(r int, verifier, sender transport.PartyID) error {
	switch r {
	case 1:
		_, err := st.commitmentOf(sender)
		return err
	case 2:
		_, err := st.checkOpening(sender)
		return err
	case 3:
		_, err := st.checkProofs(verifier, sender, nil)
		return err
	}
	return fmt.Errorf("cggmp: no checks for aux-info round %d", r)
}

// commitmentOf decodes party j's round-1 commitment V_j.
func (st *auxState) commitmentOf(j transport.PartyID) ([]byte, error) {
	b, err := st.log.regular(1, j)
	if err != nil {
		return nil, err
	}
	m, err := decodeAuxCommitment(b)
	if err != nil {
		return nil, err
	}
	return m.V, nil
}

// checkOpening checks party j's round-2 opening (Fig. 6, round 3, step 1):
// it opens V_j, it decodes (the exact modulus size, the ring-Pedersen
// modulus being the Paillier modulus), and Πprm verifies (its verdict is
// kept: proofVerdicts).
func (st *auxState) checkOpening(j transport.PartyID) (*auxOpening, error) {
	b, err := st.log.regular(2, j)
	if err != nil {
		return nil, err
	}
	if !bytes.Equal(st.commitment(j, b), st.V[j]) {
		return nil, ErrAuxCommitment
	}
	o, err := decodeAuxOpening(b, st.cfg.Level.ModulusBits())
	if err != nil {
		return nil, err
	}
	err = st.verdicts.check("prm", j, b, func() error {
		proof, err := prm.DecodeProof(o.Prm)
		if err != nil {
			return err
		}
		return proof.Verify(st.proofTranscript("prm", j, 0), prm.Public{N: o.Pedersen.N(), S: o.Pedersen.S(), T: o.Pedersen.T()})
	})
	if err != nil {
		return nil, fmt.Errorf("%w: Πprm: %w", ErrAuxProof, err)
	}
	return o, nil
}

// proofsOf decodes sender's round-3 proofs.
func (st *auxState) proofsOf(sender transport.PartyID) (*auxProofs, error) {
	b, err := st.log.regular(3, sender)
	if err != nil {
		return nil, err
	}
	return decodeAuxProofs(b, len(st.log.parties)-1)
}

// checkProofs checks sender's round-3 Πmod and the Πfac it addressed to
// verifier (Fig. 6, output, step 1), and that no other party proved the
// same modulus. With the verifier's own key (own non-nil, verifier = self)
// Πfac is checked by CRT modulo the verifier's secret primes.
//
// Two parties with one modulus share a factorisation, which no honest
// party does (SECURITY.md case 15). A party that copied another's modulus
// without its factors cannot make Πmod for it and is named for that alone;
// when both have a valid Πmod (a leaked key, or a pool key handed out
// twice), no one can tell the owner from the copier, and both are named.
func (st *auxState) checkProofs(verifier, sender transport.PartyID, own *paillier.SecretKey) (*auxProofs, error) {
	if err := st.checkMod(sender); err != nil {
		return nil, err
	}
	m, err := st.proofsOf(sender) // checkMod decoded it already
	if err != nil {
		return nil, err
	}
	part, err := partFor(st.log.parties, m.Fac, sender, verifier)
	if err != nil {
		return nil, err
	}
	o := st.opening[sender]
	pub := fac.Public{N0: o.N, Aux: st.opening[verifier].Pedersen}
	var fp *fac.Proof
	if !sameModulus(o, st.opening[verifier]) {
		// Checked for every other pair; the one that shares a modulus gets
		// no Πfac (proveRound3) and is judged by the duplicate check below.
		fp, err = fac.DecodeProof(pub, part)
	}
	if err == nil && fp != nil {
		t := st.proofTranscript("fac", sender, verifier)
		if own != nil {
			err = fp.VerifyWithKey(t, pub, own)
		} else {
			err = fp.Verify(t, pub)
		}
	}
	if err != nil {
		return nil, fmt.Errorf("%w: Πfac: %w", ErrAuxProof, err)
	}
	for _, k := range st.log.parties {
		if k == sender || st.opening[k].N.NNat().Eq(o.N.NNat()) != 1 {
			continue
		}
		if k == st.cfg.Self || st.checkMod(k) == nil {
			return nil, fmt.Errorf("%w: party %d proved the same modulus", ErrAuxDuplicate, k)
		}
	}
	return m, nil
}

// checkMod checks sender's round-3 Πmod (a broadcast proof: the same for
// every verifier). It runs only once round 3's broadcasts are recorded, so
// its verdict is kept (proofVerdicts).
func (st *auxState) checkMod(sender transport.PartyID) error {
	return st.verdicts.check("mod", sender, st.log.payload(3, sender), func() error {
		m, err := st.proofsOf(sender)
		if err != nil {
			return err
		}
		mp, err := mod.DecodeProof(m.Mod)
		if err == nil {
			err = mp.Verify(st.proofTranscript("mod", sender, 0), mod.Public{N: st.opening[sender].N.N()})
		}
		if err != nil {
			return fmt.Errorf("%w: Πmod: %w", ErrAuxProof, err)
		}
		return nil
	})
}

// sameModulus reports whether two openings carry the same Paillier modulus
// (public values: variable time is fine).
func sameModulus(a, b *auxOpening) bool {
	return a.N.NNat().Eq(b.N.NNat()) == 1
}
