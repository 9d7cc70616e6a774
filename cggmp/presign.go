package cggmp

import (
	"crypto/rand"
	"errors"
	"fmt"
	"io"

	"github.com/cronokirby/saferith"
	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/mosaic-mpc/mosaic/hd"
	"github.com/mosaic-mpc/mosaic/internal/transcript"
	"github.com/mosaic-mpc/mosaic/paillier"
	"github.com/mosaic-mpc/mosaic/transport"
	"github.com/mosaic-mpc/mosaic/vss"
	"github.com/mosaic-mpc/mosaic/zk"
)

// presignRounds counts presigning's rounds: three, a fourth that confirms
// (or complains, or starts identification after a failed consistency
// check), and a fifth that carries the echo of the identification claims
// (or of complaints about round 2) before the verdict.
const presignRounds = 5

// presignFinal is the last regular round: complaints sent in it are judged
// at once, and a run without failures ends with it.
const presignFinal = 4

// PresignProtocol names the presigning protocol and its version.
const PresignProtocol = "mosaic/cggmp/presign/v2"

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
}

// NewPresign returns the presigning Machine (CGGMP21 Fig. 7, with the
// Shamir-to-additive conversion of Dfns's spec section "Threshold
// Presigning"). Its result is this party's Presignature. Every message is a
// broadcast whose parts for one peer are proofs or ciphertexts addressed to
// it (complaint.go):
//
//  1. k_i, γ_i ← Z_q; broadcast K_i = enc_i(k_i), G_i = enc_i(γ_i) and, for
//     each P_j, Πenc for K_i against P_j's ring-Pedersen parameters.
//  2. verify the Πenc addressed to this party; broadcast Γ_i = γ_i·G and,
//     for each P_j, the MtA ciphertexts D_{j,i} = γ_i⊙K_j ⊕ enc_j(−β_{i,j}),
//     F_{j,i} = enc_i(−β_{i,j}) and their x_i counterparts D̂, F̂, with
//     Πaff-g for both, and Πlog* for G_i ↔ Γ_i.
//  3. verify; Γ = ΣΓ_j, Δ_i = k_i·Γ, δ_i = k_iγ_i + Σ(α_{i,j} + β_{i,j}),
//     χ_i = k_i x_i + Σ(α̂_{i,j} + β̂_{i,j}); broadcast δ_i, Δ_i and
//     S_i = χ_i·Γ and, for each P_j, Πlog* for K_i ↔ Δ_i in base Γ.
//  4. verify; check δ·G = ΣΔ_j and δ·X = ΣS_j; R = δ⁻¹·Γ; broadcast an
//     empty confirmation, or the identification claim of identify.go if a
//     check failed.
//
// A party whose checks fail complains instead of sending its next message,
// and every party judges the complaint (complaint.go), so that every check
// on a peer's message happens before anything derived from this party's
// secrets goes back to that peer (SECURITY.md rule 4) and honest parties
// name the same culprits.
func NewPresign(cfg PresignConfig) (transport.Machine[*Presignature], error) {
	st, err := newPresignState(cfg)
	if err != nil {
		return nil, err
	}
	return newPresignMachine[*Presignature](st, PresignProtocol, presignOnly{})
}

// presignOutput is what a run does with the presignature once round 3's
// checks pass: body is this party's round-4 regular message, result turns
// everyone's round-4 bodies into the run's output.
type presignOutput[Out any] interface {
	body(p *Presignature) ([]byte, error)
	result(p *Presignature, bodies map[transport.PartyID][]byte) (Out, error)
}

// presignOnly outputs the presignature after empty confirmations.
type presignOnly struct{}

func (presignOnly) body(*Presignature) ([]byte, error) { return nil, nil }

func (presignOnly) result(p *Presignature, bodies map[transport.PartyID][]byte) (*Presignature, error) {
	var bad []transport.PartyID
	for j, b := range bodies {
		if len(b) != 0 {
			bad = append(bad, j)
		}
	}
	if len(bad) > 0 {
		p.Discard()
		return nil, transport.NewAbortError("", 0, "confirmation with a body", errWire, bad...)
	}
	return p, nil
}

// presignRun is one presigning run producing Out.
type presignRun[Out any] struct {
	st       *presignState
	protocol string
	out      presignOutput[Out]
	c        *complaints[Out]
}

func newPresignMachine[Out any](st *presignState, protocol string, out presignOutput[Out]) (transport.Machine[Out], error) {
	run := &presignRun[Out]{st: st, protocol: protocol, out: out}
	st.protocol = protocol
	run.c = &complaints[Out]{
		protocol: protocol, parties: st.signers, self: st.self, final: presignFinal,
		check: st.check, expect: presignExpect,
	}
	return transport.NewOldMachine(transport.Config{
		Protocol:  protocol,
		SessionID: st.cfg.SessionID,
		Self:      st.self,
		Parties:   st.signers,
		Rounds:    presignRounds,
	}, &presignRound1[Out]{run: run})
}

// presignExpect: one broadcast from every signer in every round; a run
// that ends in round 4 ends with confirmations (or partial signatures),
// each checked against echo-checked values, so no echo round follows.
func presignExpect(round int) transport.Expect {
	return transport.Expect{Broadcast: true, SkipFinalEcho: round == presignFinal}
}

type presignState struct {
	cfg      PresignConfig
	protocol string
	c        curve.Curve
	self     transport.PartyID
	signers  []transport.PartyID
	others   []transport.PartyID
	sk       *paillier.SecretKey
	pk       map[transport.PartyID]*paillier.PublicKey
	ped      map[transport.PartyID]*paillier.PedersenParams

	// x is this party's additive share λ_i·x_i (+ tweak for the lowest
	// signer); X[j] the matching public shares.
	x curve.Scalar
	X map[transport.PartyID]curve.Point
	// pub is the (tweaked) public key the presignature signs for.
	pub curve.Point

	// raw holds every signer's broadcast of rounds 1-3 (this party's own
	// included) as sent, so that any check for any addressee can be re-run
	// to judge a complaint, and identification can rebuild every MtA sum.
	raw map[int]map[transport.PartyID][]byte

	k, gamma   curve.Scalar
	rho, nu    *saferith.Nat
	K, G       map[transport.PartyID]*paillier.Ciphertext
	Gamma      map[transport.PartyID]curve.Point
	delta, chi curve.Scalar
	bigGamma   curve.Point
	Delta      map[transport.PartyID]curve.Point
	S          map[transport.PartyID]curve.Point
	deltas     map[transport.PartyID]curve.Scalar
}

func newPresignState(cfg PresignConfig) (*presignState, error) {
	if err := cfg.Key.Validate(); err != nil {
		return nil, err
	}
	share := cfg.Key.Share
	if err := transport.ValidateParties(cfg.Signers); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrConfig, err)
	}
	if len(cfg.Signers) < share.Threshold {
		return nil, fmt.Errorf("%w: %d signers for threshold %d", ErrConfig, len(cfg.Signers), share.Threshold)
	}
	for _, s := range cfg.Signers {
		if !transport.Contains(share.Parties, s) {
			return nil, fmt.Errorf("%w: signer %d does not hold a share", ErrConfig, s)
		}
	}
	if !transport.Contains(cfg.Signers, share.Self) {
		return nil, fmt.Errorf("%w: self %d is not a signer", ErrConfig, share.Self)
	}
	if cfg.Rand == nil {
		cfg.Rand = rand.Reader
	}
	cfg.Rand = lockReader(cfg.Rand)
	if len(cfg.Path) > 0 {
		t, _, _, err := hd.DeriveTweak(share.GroupKey, share.ChainCode, cfg.Path)
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
		cfg: cfg, c: c, self: share.Self,
		signers: transport.SortedCopy(cfg.Signers),
		sk:      cfg.Key.Aux.Secret,
		pk:      cfg.Key.Aux.Paillier,
		ped:     cfg.Key.Aux.Pedersen,
		X:       map[transport.PartyID]curve.Point{},
		raw:     map[int]map[transport.PartyID][]byte{},
	}
	for _, j := range st.signers {
		if j != st.self {
			st.others = append(st.others, j)
		}
	}
	// Shamir to additive: x_i' = λ_i·x_i, X_j' = λ_j·X_j (Lagrange at 0
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

// proofTranscript binds a proof to the run, the prover and the verifier.
func (st *presignState) proofTranscript(kind string, prover, verifier transport.PartyID) *transcript.Transcript {
	t := transcript.New(PresignProtocol + "/" + kind)
	zk.BindContext(t, st.cfg.SessionID, uint32(prover), uint32(verifier))
	return t
}

func scalarInt(s curve.Scalar) *saferith.Int { return new(saferith.Int).SetNat(s.Nat()) }
