package cggmp

import (
	"crypto/rand"
	"encoding"
	"errors"
	"fmt"
	"io"

	"github.com/cronokirby/saferith"
	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/mosaic-mpc/mosaic/hd"
	"github.com/mosaic-mpc/mosaic/internal/par"
	"github.com/mosaic-mpc/mosaic/internal/transcript"
	"github.com/mosaic-mpc/mosaic/paillier"
	"github.com/mosaic-mpc/mosaic/transport"
	"github.com/mosaic-mpc/mosaic/vss"
	"github.com/mosaic-mpc/mosaic/zk"
)

// PresignProtocol names the presigning protocol and its version. Version
// 4: every message binds the run context (the key's public data with every
// party's aux public data, the signers, the derivation, the identity keys),
// and a run with identities judges complaints and identification claims at
// once and ends with a confirmation round; a peer of version 3 would
// otherwise be refused as holding another key instead of being named as
// running another version.
const PresignProtocol = "mosaic/cggmp/presign/v4"

// presignFinal is presigning's last regular round: a run without failures
// ends with it, and complaints sent in it are judged at once. After a
// failed consistency check it carries the identification claims, and one
// more round their echo before the verdict (and before the judgement of
// any complaint sent in it).
const presignFinal = 4

// Presigning errors (reasons inside AbortErrors).
var (
	ErrPresignProof       = errors.New("cggmp: presigning proof failed")
	ErrPresignMalformed   = errors.New("cggmp: malformed presigning message")
	ErrPresignConsistency = errors.New("cggmp: presigning consistency check failed")
	ErrConfig             = errors.New("cggmp: invalid configuration")
)

// PresignConfig configures one party's presigning run.
type PresignConfig struct {
	// Key is this party's key share with aux info.
	Key *Key
	// Signers is the signing set, at least t parties of the key; Self
	// (Key.Self()) is one of them.
	Signers []transport.PartyID
	// SessionID is fresh for every run and the same at every signer
	// (PresignSessionID derives it; FullSignSessionID for NewFullSign).
	SessionID []byte
	// Path is an optional BIP-32 non-hardened derivation path (package hd)
	// from the key's chain code. It is fixed now, before presigning, and
	// bound into the presignature, which can then only sign for the derived
	// key: choosing the derivation after seeing the presignature opens
	// related-key attacks (Groth-Shoup, ePrint 2021/1330, Section 5).
	Path hd.Path
	// Tweak is an optional additive key tweak for other derivation schemes,
	// with the same binding; it is added to Path's tweak.
	Tweak curve.Scalar
	// Rand is the randomness source; nil means crypto/rand.
	Rand io.Reader
	// Identity, if set, signs every message of this signer with its
	// long-term identity key and makes the run agree (docs/agreement.md):
	// every honest signer ends with the same outcome, the same
	// presignature (signature, for NewFullSign) or an abort naming the same
	// culprits. Its Peers must hold the identity key of every signer, and
	// the key's recorded one (dkg.KeyShare.Identities) if the key has a
	// record; keys of holders outside the signing set are left out. Its
	// MaxFaulty defaults to the key's threshold less one, capped to
	// len(Signers)-1. nil keeps the unsigned contract, under which a
	// malicious signer can make honest signers disagree.
	Identity *transport.Identity
}

// NewPresign returns the presigning Machine of party cfg.Key.Self(): CGGMP21
// Fig. 7, with the Shamir-to-additive conversion of Dfns's spec. Its rounds
// are listed in the package documentation, section "Presigning"; its result
// is this party's Presignature. It refuses an invalid key (ErrKey) and,
// with an error wrapping ErrConfig, the signing sets, paths and tweaks
// that PresignSessionID refuses, a signing set without Self and an
// Identity the transport refuses or without a signer's key.
//
// Every message carries the run context, a digest of the key's public data
// (every party's Paillier key and ring-Pedersen parameters included), the
// signers, the derivation and the identity keys: signers that differ in one
// of them end at once with transport.ErrContextMismatch, naming nobody.
// With cfg.Identity the machine adds a round in which every signer
// confirms the presignature's public part (transport.FinishConfirmed), and
// returns the presignature only once every signer has confirmed it, so
// that no honest signer keeps a presignature that another discarded.
func NewPresign(cfg PresignConfig) (transport.Machine[*Presignature], error) {
	st, err := newPresignState(cfg)
	if err != nil {
		return nil, err
	}
	return newPresignMachine[*Presignature](st, PresignProtocol, nil, presignOnly{})
}

// presignOutput is what a run does with the presignature once round 3's
// checks pass: message is this party's round-4 message, result turns
// everyone's round-4 broadcasts into the run's output, and public encodes
// the part of that output every signer holds the same of, which they all
// confirm before it is returned (transport.FinishConfirmed).
type presignOutput[Out any] interface {
	message(p *Presignature) (encoding.BinaryMarshaler, error)
	result(p *Presignature, ri *roundIn) (Out, error)
	public(out Out) []byte
}

// presignOnly outputs the presignature after empty confirmations.
type presignOnly struct{}

func (presignOnly) message(*Presignature) (encoding.BinaryMarshaler, error) {
	return confirmation{}, nil
}

func (presignOnly) result(p *Presignature, ri *roundIn) (*Presignature, error) {
	if err := checkConfirmations(ri); err != nil {
		p.Discard()
		return nil, err
	}
	return p, nil
}

func (presignOnly) public(p *Presignature) []byte { return p.publicRecord() }

// presignRun is one presigning run producing Out.
type presignRun[Out any] struct {
	st  *presignState
	out presignOutput[Out]
}

// newPresignMachine returns the machine of a run of protocol on st, which
// signs digest (NewFullSign; nil for presigning).
func newPresignMachine[Out any](st *presignState, protocol string, digest []byte, out presignOutput[Out]) (transport.Machine[Out], error) {
	cfg, err := st.machineConfig(protocol, digest)
	if err != nil {
		return nil, err
	}
	m, err := transport.NewMachine(cfg, &presignRound1[Out]{run: &presignRun[Out]{st: st, out: out}})
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrConfig, err)
	}
	return m, nil
}

// machineConfig is the round framework's configuration of a run of
// protocol on st, which signs digest (nil for presigning).
func (st *presignState) machineConfig(protocol string, digest []byte) (transport.Config, error) {
	ctx, err := presignContext(protocol, st, digest)
	if err != nil {
		return transport.Config{}, err
	}
	return transport.Config{Protocol: protocol, SessionID: st.cfg.SessionID, Self: st.self, Parties: st.signers,
		Context: ctx, Identity: st.id}, nil
}

// presignState is one signer's presigning run, P_i's in the paper.
// Values of the paper keep their names (package doc, "Notation"); a value
// every signer has is a map by signer.
type presignState struct {
	cfg PresignConfig
	log *broadcastLog
	// id is the identity handed to the transport (runIdentity).
	id      *transport.Identity
	curve   curve.Curve
	self    transport.PartyID
	signers []transport.PartyID
	others  []transport.PartyID
	sk      *paillier.SecretKey
	pk      map[transport.PartyID]*paillier.PublicKey
	ped     map[transport.PartyID]*paillier.PedersenParams

	// x is this party's additive share x'_i = λ_i·x_i (plus the tweak for
	// the lowest signer), X[j] = λ_j·X_j the signers' public ones; pub is
	// the (tweaked) public key the presignature signs for, ΣX[j].
	x   curve.Scalar
	X   map[transport.PartyID]curve.Point
	pub curve.Point

	// Round 1: k_i, γ_i and the nonces ρ_i, ν_i of K_i = enc_i(k_i; ρ_i)
	// and G_i = enc_i(γ_i; ν_i); every signer's K_j and G_j.
	k, gamma curve.Scalar
	rho, nu  *saferith.Nat
	K, G     map[transport.PartyID]*paillier.Ciphertext
	// Round 2: every signer's Γ_j, the masks β_{i,j} and β̂_{i,j} (mod q) of
	// this party's MtAs for each peer P_j, and every signer's round-2
	// message, which identification sums.
	Gamma         map[transport.PartyID]curve.Point
	beta, betaHat map[transport.PartyID]curve.Scalar
	round2        map[transport.PartyID]*presign2
	// Round 3: Γ = Σ_j Γ_j, χ_i, and every signer's δ_j, Δ_j and S_j.
	GammaSum curve.Point
	chi      curve.Scalar
	delta    map[transport.PartyID]curve.Scalar
	Delta, S map[transport.PartyID]curve.Point
}

func newPresignState(cfg PresignConfig) (*presignState, error) {
	if err := cfg.Key.Validate(); err != nil {
		return nil, err
	}
	share := cfg.Key.Share
	if err := checkRunInputs(cfg.Key, cfg.Signers, cfg.Path, cfg.Tweak); err != nil {
		return nil, err
	}
	if !transport.Contains(cfg.Signers, share.Self) {
		return nil, fmt.Errorf("%w: self %d is not a signer", ErrConfig, share.Self)
	}
	// f = t-1, capped to the signing set: any t signers can sign what they
	// like anyway. With exactly t signers there is no honest majority, and
	// only self-verifying evidence names anyone (docs/agreement.md).
	id, err := runIdentity(cfg.Identity, transport.SortedCopy(cfg.Signers), min(share.Threshold, len(cfg.Signers))-1, share.Identities)
	if err != nil {
		return nil, err
	}
	if cfg.Rand == nil {
		cfg.Rand = rand.Reader
	}
	cfg.Rand = par.LockReader(cfg.Rand)
	if len(cfg.Path) > 0 {
		t, err := deriveTweak(share.GroupKey, share.ChainCode, cfg.Path)
		if err != nil {
			return nil, fmt.Errorf("%w: derivation path %s: %w", ErrConfig, cfg.Path, err)
		}
		if cfg.Tweak != nil {
			t = t.Add(cfg.Tweak)
		}
		cfg.Tweak = t
	}
	c := share.Curve
	st := &presignState{
		cfg: cfg, id: id, curve: c, self: share.Self,
		signers: transport.SortedCopy(cfg.Signers),
		sk:      cfg.Key.Aux.Secret,
		pk:      cfg.Key.Aux.Paillier,
		ped:     cfg.Key.Aux.Pedersen,
		X:       map[transport.PartyID]curve.Point{},
	}
	st.others = othersOf(st.signers, st.self)
	st.log = newBroadcastLog(st.signers, st.self, presignFinal, presignFinal, st.check, st.discard)
	st.log.moreRounds = st.claimsFollow
	st.log.atOnce = id != nil
	// Shamir to additive: x'_i = λ_i·x_i, X'_j = λ_j·X_j (Lagrange at 0
	// over the signing set). A tweak t is added once, by the lowest signer,
	// so Σx' = x + t.
	ids := make([]curve.Scalar, len(st.signers))
	for i, j := range st.signers {
		s, err := vss.IDScalar(c, uint32(j))
		if err != nil {
			return nil, err
		}
		ids[i] = s
	}
	lambdas, err := vss.LagrangeCoefficients(c, ids)
	if err != nil {
		return nil, err
	}
	st.pub = share.GroupKey
	for i, j := range st.signers {
		X := share.PublicShares[j].VarTimeScalarMult(lambdas[i])
		if j == st.self {
			st.x = share.Secret.Mul(lambdas[i])
		}
		if cfg.Tweak != nil && i == 0 {
			X = X.Add(c.ScalarBaseMult(cfg.Tweak))
			if j == st.self {
				st.x = st.x.Add(cfg.Tweak)
			}
		}
		st.X[j] = X
	}
	if cfg.Tweak != nil {
		st.pub = st.pub.Add(c.ScalarBaseMult(cfg.Tweak))
	}
	return st, nil
}

// checkRunInputs checks what defines a presigning run besides the key,
// which must be valid: a valid signing set of at least t parties that all
// hold a share, a derivation path that is not hardened and not deeper than
// hd.MaxDepth, and a tweak, if any, on the key's curve. Every refusal wraps
// ErrConfig. NewPresign, NewFullSign and the session ids of both run it, so
// no caller input reaches the curve arithmetic unchecked.
func checkRunInputs(key *Key, signers []transport.PartyID, path hd.Path, tweak curve.Scalar) error {
	share := key.Share
	if err := transport.ValidateParties(signers); err != nil {
		return fmt.Errorf("%w: signers: %w", ErrConfig, err)
	}
	if len(signers) < share.Threshold {
		return fmt.Errorf("%w: %d signers for threshold %d", ErrConfig, len(signers), share.Threshold)
	}
	for _, s := range signers {
		if !transport.Contains(share.Parties, s) {
			return fmt.Errorf("%w: signer %d does not hold a share", ErrConfig, s)
		}
	}
	if len(path) > hd.MaxDepth || path.IsHardened() {
		return fmt.Errorf("%w: derivation path %s: threshold keys derive only non-hardened paths", ErrConfig, path)
	}
	if len(path) > 0 && share.Curve.ID() != curve.IDSecp256k1 && share.Curve.ID() != curve.IDP256 {
		return fmt.Errorf("%w: %w: key on %s", ErrConfig, ErrDerivationCurve, share.Curve.Name())
	}
	if tweak != nil && tweak.Curve().ID() != share.Curve.ID() {
		return fmt.Errorf("%w: tweak on %s, key on %s", ErrConfig, tweak.Curve().Name(), share.Curve.Name())
	}
	return nil
}

// proofTranscript binds a proof to the run, the prover and the verifier.
func (st *presignState) proofTranscript(kind string, prover, verifier transport.PartyID) *transcript.Transcript {
	t := transcript.New(PresignProtocol + "/" + kind)
	zk.BindContext(t, st.cfg.SessionID, uint32(prover), uint32(verifier))
	return t
}

func scalarInt(s curve.Scalar) *saferith.Int { return new(saferith.Int).SetNat(s.Nat()) }
