package dkg

import (
	"crypto/ed25519"
	"crypto/rand"
	"errors"
	"fmt"
	"io"

	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/mosaic-mpc/mosaic/internal/complaint"
	"github.com/mosaic-mpc/mosaic/internal/identities"
	"github.com/mosaic-mpc/mosaic/internal/transcript"
	"github.com/mosaic-mpc/mosaic/transport"
	"github.com/mosaic-mpc/mosaic/vss"
)

// Protocol is the protocol name and version carried in every message.
// Version 3: every message binds the run context (a digest of the curve,
// the threshold, the parties and their identity keys), and a run with
// identities ends with a confirmation round instead of the echo-only
// round; a peer of version 2 would otherwise be refused as holding another
// key instead of being named as running another version.
const Protocol = "mosaic/dkg/v3"

// Reasons used in AbortErrors, so callers and tests can tell failures apart.
var (
	ErrBadCommitment = errors.New("dkg: malformed or wrong-length commitment")
	ErrBadProof      = errors.New("dkg: invalid proof of knowledge")
	ErrBadShare      = errors.New("dkg: share does not match the sender's commitment")
	ErrBadComplaint  = errors.New("dkg: malformed complaint")
)

// Config configures one party's key generation.
type Config struct {
	// Curve is the group of the key.
	Curve curve.Curve
	// Threshold is t, 1 <= t <= len(Parties).
	Threshold int
	// Parties lists every party; Self is one of them.
	Parties []transport.PartyID
	Self    transport.PartyID
	// SessionID comes from SessionID and is the same for every party.
	SessionID []byte
	// Rand is the randomness source; nil means crypto/rand.
	Rand io.Reader
	// Identity, if set, signs every message of this party with its
	// long-term identity key and makes the run agree (docs/agreement.md):
	// every honest party ends with the same outcome, the same key or an
	// abort naming the same culprits. Its Peers must hold the identity key
	// of every party (keys of others are left out); they become the
	// share's Identities. Its MaxFaulty defaults to Threshold-1 (with
	// Threshold 1 that is 0, which the transport reads as len(Parties)-1).
	// nil keeps the unsigned contract, under which a malicious party can
	// make honest parties disagree.
	Identity *transport.Identity
}

func (cfg *Config) validate() error {
	if cfg.Curve == nil {
		return fmt.Errorf("%w: no curve", ErrConfig)
	}
	if err := transport.ValidateParties(cfg.Parties); err != nil {
		return fmt.Errorf("%w: %w", ErrConfig, err)
	}
	if !transport.Contains(cfg.Parties, cfg.Self) {
		return fmt.Errorf("%w: self %d is not a party", ErrConfig, cfg.Self)
	}
	if cfg.Threshold < 1 || cfg.Threshold > len(cfg.Parties) {
		return fmt.Errorf("%w: threshold %d of %d", ErrConfig, cfg.Threshold, len(cfg.Parties))
	}
	if len(cfg.Parties) > MaxParties {
		return fmt.Errorf("%w: %d parties", ErrConfig, len(cfg.Parties))
	}
	if len(cfg.SessionID) == 0 {
		return fmt.Errorf("%w: empty session id", ErrConfig)
	}
	return nil
}

// New returns the key generation [transport.Machine] of one party, whose
// result is the party's [KeyShare]. The package documentation lists its
// rounds. A single party (a 1-of-1 key) runs the same rounds with no peer:
// its machine finishes in Start and sends nothing.
//
// The run finishes with [transport.FinishConfirmed] on the share's public
// part (group key, every public share, chain code, identity keys). With
// cfg.Identity a party commits its share only once every party has signed
// a confirmation of the same public part; store the share with the
// certificate of those confirmations ([transport.Certified] on the
// machine). A party that ends with [transport.ErrUnconfirmed] gets no
// share (the package documentation, "Agreement", says what then).
func New(cfg Config) (transport.Machine[*KeyShare], error) {
	m, _, err := newMachine(cfg)
	return m, err
}

// newMachine returns the machine and, for tests that play a malicious
// party, its state.
func newMachine(cfg Config) (transport.Machine[*KeyShare], *state, error) {
	if err := cfg.validate(); err != nil {
		return nil, nil, err
	}
	if cfg.Rand == nil {
		cfg.Rand = rand.Reader
	}
	parties := transport.SortedCopy(cfg.Parties)
	// f = t-1: a key of threshold t is safe from t-1 malicious holders,
	// and the run withstands as many. t-1 < n always.
	id, err := identities.ForRun(cfg.Identity, parties, cfg.Threshold-1)
	if err != nil {
		return nil, nil, fmt.Errorf("%w: %w", ErrConfig, err)
	}
	st := &state{cfg: cfg, parties: parties, complaints: complaint.NewBook(parties, ErrBadComplaint)}
	if id != nil {
		st.identities = id.Peers
	}
	context, err := runContext(cfg.Curve, cfg.Threshold, parties, st.identities)
	if err != nil {
		return nil, nil, err
	}
	m, err := transport.NewMachine(transport.Config{
		Protocol:  Protocol,
		SessionID: cfg.SessionID,
		Self:      cfg.Self,
		Parties:   cfg.Parties,
		Context:   context,
		Identity:  id,
	}, &round1{st: st})
	if err != nil {
		return nil, nil, fmt.Errorf("%w: %w", ErrConfig, err)
	}
	return m, st, nil
}

// state is what party i = cfg.Self carries from round to round, named as
// in Komlo and Goldberg's Figure 1 (ℓ is any party).
type state struct {
	cfg     Config
	parties []transport.PartyID // sorted
	// identities are the run's identity keys (nil without an Identity),
	// recorded in the share.
	identities map[transport.PartyID]ed25519.PublicKey

	// f is f_i, of degree t-1: its coefficients a_i0, ..., a_i(t-1) are
	// secret, a_i0 is i's contribution to the key. Zeroized once every
	// f_i(ℓ) is taken.
	f *vss.Polynomial
	// C maps every party ℓ, i included, to C_ℓ = ⟨φ_ℓ0, ..., φ_ℓ(t-1)⟩.
	C map[transport.PartyID]*vss.Commitment
	// shareTo maps every other party ℓ to f_i(ℓ) as sent, kept for a GJKR
	// reveal until no complaint can need it.
	shareTo map[transport.PartyID][]byte
	// shareFrom maps every party ℓ, i included, to f_ℓ(i) once it checked
	// out against C_ℓ (or a GJKR reveal settled this party's complaint).
	// Zeroized when the run ends.
	shareFrom map[transport.PartyID]curve.Scalar

	// complaints is the GJKR complaint phase: who accuses whom.
	complaints *complaint.Book
	// deferred is a round-3 abort, announced after round 3's echo check.
	deferred error
	// verdict is round 4's judgement of the complaints, announced after
	// round 4's echo check.
	verdict *complaint.Verdict

	cc chainCodeState
}

// idScalar is the evaluation point of party id.
func (st *state) idScalar(id transport.PartyID) curve.Scalar {
	s, err := vss.IDScalar(st.cfg.Curve, uint32(id))
	if err != nil {
		panic(err) // unreachable: ids were validated as non-zero
	}
	return s
}

// proofTranscript binds a proof of knowledge to the session (the context
// string Φ of Figure 1), the prover and the rest of the prover's round-1
// message (its chain-code commitment).
func (st *state) proofTranscript(prover transport.PartyID, chainCodeCommitment []byte) *transcript.Transcript {
	t := transcript.New(Protocol + "/pok")
	t.AppendBytes("session", st.cfg.SessionID)
	t.AppendUint64("prover", uint64(prover))
	t.AppendBytes("chain code commitment", chainCodeCommitment)
	return t
}

// forgetSent zeroes the shares f_i(ℓ) kept for reveals once no reveal can
// be needed.
func (st *state) forgetSent() {
	for _, b := range st.shareTo {
		clear(b)
	}
	st.shareTo = nil
}

// wipe zeroizes every secret the party still holds once the run ends,
// either way: the shares f_i(ℓ) kept for reveals and the shares f_ℓ(i)
// received.
func (st *state) wipe() {
	st.forgetSent()
	for _, s := range st.shareFrom {
		s.Zeroize()
	}
	st.shareFrom = nil
}

// sentTo is the share f_i(ℓ) this party sent ℓ, for its reveal.
func (st *state) sentTo(l transport.PartyID) []byte { return st.shareTo[l] }
