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
	"github.com/mosaic-mpc/mosaic/zk/enc"
)

// presignRounds counts presigning's rounds: three, then identification and
// its verdict when the δ check fails.
const presignRounds = 5

// PresignProtocol names the presigning protocol and its version.
const PresignProtocol = "mosaic/cggmp/presign/v1"

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
	// SessionID is fresh for every run and the same at every signer.
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
// Presigning"). Its result is this party's Presignature.
//
//  1. k_i, γ_i ← Z_q; broadcast K_i = enc_i(k_i), G_i = enc_i(γ_i); send each
//     P_j Πenc for K_i against P_j's ring-Pedersen parameters.
//  2. verify every Πenc; broadcast Γ_i = γ_i·G; send each P_j the MtA
//     ciphertexts D_{j,i} = γ_i⊙K_j ⊕ enc_j(−β_{i,j}), F_{j,i} = enc_i(−β_{i,j})
//     and their x_i counterparts D̂, F̂, with Πaff-g for both and Πlog* for
//     G_i ↔ Γ_i.
//  3. verify; Γ = ΣΓ_j, Δ_i = k_i·Γ, δ_i = k_iγ_i + Σ(α_{i,j} + β_{i,j}),
//     χ_i = k_i x_i + Σ(α̂_{i,j} + β̂_{i,j}); broadcast δ_i, Δ_i and
//     S_i = χ_i·Γ; send each P_j Πlog* for K_i ↔ Δ_i in base Γ.
//  4. verify; check δ·G = ΣΔ_j and δ·X = ΣS_j; R = δ⁻¹·Γ.
//
// Every check on a peer's message happens before anything derived from this
// party's secrets goes back to that peer (security.md rule 4).
func NewPresign(cfg PresignConfig) (transport.Machine[*Presignature], error) {
	st, err := newPresignState(cfg)
	if err != nil {
		return nil, err
	}
	return transport.NewMachine(transport.Config{
		Protocol:  PresignProtocol,
		SessionID: cfg.SessionID,
		Self:      cfg.Key.Self(),
		Parties:   cfg.Signers,
		Rounds:    presignRounds,
	}, &presignRound1{st: st})
}

type presignState struct {
	cfg     PresignConfig
	c       curve.Curve
	self    transport.PartyID
	signers []transport.PartyID
	others  []transport.PartyID
	sk      *paillier.SecretKey
	pk      map[transport.PartyID]*paillier.PublicKey
	ped     map[transport.PartyID]*paillier.PedersenParams

	// x is this party's additive share λ_i·x_i (+ tweak for the lowest
	// signer); X[j] the matching public shares.
	x curve.Scalar
	X map[transport.PartyID]curve.Point
	// pub is the (tweaked) public key the presignature signs for.
	pub curve.Point

	k, gamma   curve.Scalar
	rho, nu    *saferith.Nat
	K, G       map[transport.PartyID]*paillier.Ciphertext
	Gamma      map[transport.PartyID]curve.Point
	betas      map[transport.PartyID]*saferith.Int // β_{i,j}
	betaHats   map[transport.PartyID]*saferith.Int
	delta, chi curve.Scalar
	bigGamma   curve.Point
	Delta      map[transport.PartyID]curve.Point
	S          map[transport.PartyID]curve.Point
	deltas     map[transport.PartyID]curve.Scalar

	// Kept for identification: the γ-MtA ciphertexts this party sent
	// (D_{j,i}, F_{j,i}) and received with their proofs.
	sentD, sentF map[transport.PartyID]*paillier.Ciphertext
	evidence     map[transport.PartyID]*evidence
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

// presignRound1: K_i, G_i and Πenc.
type presignRound1 struct{ st *presignState }

func (r *presignRound1) Number() int { return 1 }
func (r *presignRound1) Expects() transport.Expect {
	return transport.Expect{Broadcast: true, Direct: true}
}

func (r *presignRound1) Start() ([]*transport.Message, error) {
	st := r.st
	var err error
	if st.k, err = st.c.RandomScalar(st.cfg.Rand); err != nil {
		return nil, fmt.Errorf("%w: %w", transport.ErrLocal, err)
	}
	if st.gamma, err = st.c.RandomScalar(st.cfg.Rand); err != nil {
		return nil, fmt.Errorf("%w: %w", transport.ErrLocal, err)
	}
	Ki, rho, err := st.sk.Enc(st.cfg.Rand, scalarInt(st.k))
	if err != nil {
		return nil, err
	}
	Gi, nu, err := st.sk.Enc(st.cfg.Rand, scalarInt(st.gamma))
	if err != nil {
		return nil, err
	}
	st.rho, st.nu = rho, nu
	st.K = map[transport.PartyID]*paillier.Ciphertext{st.self: Ki}
	st.G = map[transport.PartyID]*paillier.Ciphertext{st.self: Gi}
	out := []*transport.Message{{Payload: append(Ki.Bytes(), Gi.Bytes()...)}}
	proofs := make([][]byte, len(st.others))
	errs := parallelMap(st.others, func(j transport.PartyID) error {
		p, err := enc.NewProof(st.proofTranscript("enc", st.self, j),
			enc.Public{N0: st.sk.PublicKey(), K: Ki.Nat(), Aux: st.ped[j]},
			enc.Private{Plaintext: scalarInt(st.k), Nonce: rho, SecretKey: st.sk}, st.cfg.Rand)
		if err != nil {
			return err
		}
		proofs[indexOf(st.others, j)], err = p.MarshalBinary()
		return err
	})
	if err := errors.Join(errs...); err != nil {
		return nil, fmt.Errorf("cggmp: Πenc: %w", err)
	}
	for i, j := range st.others {
		out = append(out, &transport.Message{To: j, Payload: proofs[i]})
	}
	return out, nil
}

func (r *presignRound1) Finalize(in *transport.Inbox) ([]*transport.Message, transport.Round[*Presignature], **Presignature, error) {
	st := r.st
	senders := in.Senders()
	Ks := make([]*paillier.Ciphertext, len(senders))
	Gs := make([]*paillier.Ciphertext, len(senders))
	errs := parallelMap(senders, func(j transport.PartyID) error {
		pk := st.pk[j]
		b := in.Broadcast(j)
		size := pk.CiphertextSize()
		if len(b) != 2*size {
			return fmt.Errorf("%w: round 1 broadcast of %d bytes", ErrPresignMalformed, len(b))
		}
		K, err := pk.DecodeCiphertext(b[:size])
		if err != nil {
			return fmt.Errorf("%w: K: %w", ErrPresignMalformed, err)
		}
		G, err := pk.DecodeCiphertext(b[size:])
		if err != nil {
			return fmt.Errorf("%w: G: %w", ErrPresignMalformed, err)
		}
		pub := enc.Public{N0: pk, K: K.Nat(), Aux: st.ped[st.self]}
		p, err := enc.DecodeProof(pub, in.Direct(j))
		if err == nil {
			err = p.Verify(st.proofTranscript("enc", j, st.self), pub)
		}
		if err != nil {
			return fmt.Errorf("%w: Πenc: %w", ErrPresignProof, err)
		}
		i := indexOf(senders, j)
		Ks[i], Gs[i] = K, G
		return nil
	})
	if err := abortFor(PresignProtocol, 1, "invalid K or Πenc", senders, errs); err != nil {
		return nil, nil, nil, err
	}
	for i, j := range senders {
		st.K[j], st.G[j] = Ks[i], Gs[i]
	}
	return st.round2Messages()
}
