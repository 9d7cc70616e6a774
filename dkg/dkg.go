package dkg

import (
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"slices"

	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/mosaic-mpc/mosaic/internal/transcript"
	"github.com/mosaic-mpc/mosaic/schnorr"
	"github.com/mosaic-mpc/mosaic/transport"
	"github.com/mosaic-mpc/mosaic/vss"
)

// Protocol is the protocol name and version carried in every message.
const Protocol = "mosaic/dkg/v2"

// rounds is the most rounds a run can take (with complaints).
const rounds = 5

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

// New returns the key generation Machine for one party. Its result is the
// party's KeyShare.
func New(cfg Config) (transport.Machine[*KeyShare], error) {
	if err := cfg.validate(); err != nil {
		return nil, err
	}
	if cfg.Rand == nil {
		cfg.Rand = rand.Reader
	}
	st := &state{cfg: cfg, parties: transport.SortedCopy(cfg.Parties)}
	if len(cfg.Parties) == 1 {
		return newSolo(st), nil
	}
	return transport.NewMachine(transport.Config{
		Protocol:  Protocol,
		SessionID: cfg.SessionID,
		Self:      cfg.Self,
		Parties:   cfg.Parties,
		Rounds:    rounds,
	}, &round1{st: st})
}

// state is what a party carries from round to round.
type state struct {
	cfg     Config
	parties []transport.PartyID

	poly        *vss.Polynomial
	commitments map[transport.PartyID]*vss.Commitment
	received    map[transport.PartyID]curve.Scalar // shares f_j(self)
	complaints  map[transport.PartyID][]transport.PartyID
	dealt       map[transport.PartyID][]byte // shares sent, kept for reveals
	cc          chainCodeState
	deferred    error // round-3 abort, reported after round 3's echo check
}

func (st *state) idScalar(id transport.PartyID) curve.Scalar {
	s, err := vss.IDScalar(st.cfg.Curve, uint32(id))
	if err != nil {
		panic(err) // unreachable: ids were validated as non-zero
	}
	return s
}

// proofTranscript binds a proof of knowledge to the session, the prover and
// the rest of the prover's round-1 message (its chain-code commitment).
func (st *state) proofTranscript(prover transport.PartyID, chainCodeCommitment []byte) *transcript.Transcript {
	t := transcript.New(Protocol + "/pok")
	t.AppendBytes("session", st.cfg.SessionID)
	t.AppendUint64("prover", uint64(prover))
	t.AppendBytes("chain code commitment", chainCodeCommitment)
	return t
}

// round1: commit to a polynomial and to a chain-code contribution, and
// prove knowledge of the polynomial's constant term. Payload:
// commitment(t points) || proof || chain-code commitment(32).
type round1 struct{ st *state }

func (r *round1) Number() int               { return 1 }
func (r *round1) Expects() transport.Expect { return transport.Expect{Broadcast: true} }

func (r *round1) Start() ([]*transport.Message, error) {
	st := r.st
	poly, err := vss.NewPolynomial(st.cfg.Curve, st.cfg.Threshold, nil, st.cfg.Rand)
	if err != nil {
		return nil, err
	}
	st.poly = poly
	ccm, err := st.commitChainCode(st.cfg.Rand)
	if err != nil {
		return nil, err
	}
	cm := poly.Commit()
	a0 := poly.Constant()
	defer a0.Zeroize()
	proof, err := schnorr.Prove(st.proofTranscript(st.cfg.Self, ccm), a0, cm.Constant(), st.cfg.Rand)
	if err != nil {
		return nil, err
	}
	pb, err := proof.MarshalBinary()
	if err != nil {
		return nil, err
	}
	st.commitments = map[transport.PartyID]*vss.Commitment{st.cfg.Self: cm}
	payload := append(append(cm.Bytes(), pb...), ccm...)
	return []*transport.Message{{Payload: payload}}, nil
}

func (r *round1) Finalize(in *transport.Inbox) ([]*transport.Message, transport.Round[*KeyShare], **KeyShare, error) {
	st := r.st
	c := st.cfg.Curve
	cmLen := st.cfg.Threshold * c.PointSize()
	proofEnd := cmLen + schnorr.ProofSize(c)
	var culprits []transport.PartyID
	var reasons []error
	for _, j := range in.Senders() {
		b := in.Broadcast(j)
		if len(b) != proofEnd+commitmentSize {
			// a vector of t-1 or t+1 points changes the length: case 17
			culprits = append(culprits, j)
			reasons = append(reasons, fmt.Errorf("party %d: %w: %d bytes", j, ErrBadCommitment, len(b)))
			continue
		}
		cm, err := vss.DecodeCommitment(c, b[:cmLen], st.cfg.Threshold)
		if err != nil {
			culprits = append(culprits, j)
			reasons = append(reasons, fmt.Errorf("party %d: %w: %w", j, ErrBadCommitment, err))
			continue
		}
		ccm := b[proofEnd:]
		proof, err := schnorr.DecodeProof(c, b[cmLen:proofEnd])
		if err == nil {
			err = proof.Verify(st.proofTranscript(j, ccm), cm.Constant())
		}
		if err != nil {
			culprits = append(culprits, j)
			reasons = append(reasons, fmt.Errorf("party %d: %w: %w", j, ErrBadProof, err))
			continue
		}
		st.commitments[j] = cm
		st.cc.commits[j] = slices.Clone(ccm)
	}
	if len(culprits) > 0 {
		// Verify before responding (SECURITY.md rule 4): no share leaves
		// this party in a run with a bad contribution.
		st.poly.Zeroize()
		return nil, nil, nil, transport.NewAbortError(Protocol, 1, "invalid commitment or proof of knowledge", errors.Join(reasons...), culprits...)
	}
	out := make([]*transport.Message, 0, len(st.parties)-1)
	st.dealt = make(map[transport.PartyID][]byte, len(st.parties)-1)
	for _, j := range st.parties {
		if j == st.cfg.Self {
			continue
		}
		share := st.poly.Evaluate(st.idScalar(j)).Bytes()
		st.dealt[j] = share
		out = append(out, &transport.Message{To: j, Payload: share})
	}
	return out, &round2{st: st}, nil, nil
}

// round2: receive and check shares; broadcast complaints and reveal the
// chain-code contribution (complaint list || c_self).
type round2 struct{ st *state }

func (r *round2) Number() int               { return 2 }
func (r *round2) Expects() transport.Expect { return transport.Expect{Direct: true} }

func (r *round2) Finalize(in *transport.Inbox) ([]*transport.Message, transport.Round[*KeyShare], **KeyShare, error) {
	st := r.st
	c := st.cfg.Curve
	self := st.idScalar(st.cfg.Self)
	st.received = map[transport.PartyID]curve.Scalar{st.cfg.Self: st.poly.Evaluate(self)}
	var accused []transport.PartyID
	for _, j := range in.Senders() {
		s, err := c.DecodeScalar(in.Direct(j))
		if err == nil {
			err = st.commitments[j].Verify(self, s)
		}
		if err != nil {
			accused = append(accused, j)
			continue
		}
		st.received[j] = s
	}
	st.poly.Zeroize()
	payload := append(encodeIDs(accused), st.cc.own...)
	return []*transport.Message{{Payload: payload}}, &round3{st: st}, nil, nil
}

// round3: collect everyone's complaints and chain-code reveals; finish, or
// ask the accused to reveal their shares.
type round3 struct{ st *state }

func (r *round3) Number() int               { return 3 }
func (r *round3) Expects() transport.Expect { return transport.Expect{Broadcast: true} }

func (r *round3) Finalize(in *transport.Inbox) ([]*transport.Message, transport.Round[*KeyShare], **KeyShare, error) {
	st := r.st
	st.complaints = make(map[transport.PartyID][]transport.PartyID)
	var malformed []transport.PartyID
	var reasons []error
	for _, j := range in.Senders() {
		list, reveal, err := splitReveal(in.Broadcast(j))
		if err == nil {
			err = st.acceptReveal(j, reveal)
		}
		if err != nil {
			malformed = append(malformed, j)
			reasons = append(reasons, err)
			continue
		}
		ids, err := decodeIDs(list, st.parties, j)
		if err != nil {
			malformed = append(malformed, j)
			reasons = append(reasons, fmt.Errorf("party %d: %w", j, ErrBadComplaint))
			continue
		}
		if len(ids) > 0 {
			st.complaints[j] = ids
		}
	}
	if own := st.ownComplaints(); len(own) > 0 {
		st.complaints[st.cfg.Self] = own
	}
	if len(malformed) > 0 {
		// Abort only after round 3's echo check (in round 4), so that a
		// party that sent bad data to some honest parties and good data
		// to others is named by all of them, instead of the honest
		// parties that stopped early being blamed for silence. The empty
		// round-4 payload withholds share reveals from a run that will
		// abort and is accepted by peers in the echo-only round.
		st.deferred = transport.NewAbortError(Protocol, 3, "malformed complaint or chain code reveal", errors.Join(reasons...), malformed...)
		return []*transport.Message{{}}, &round4{st: st}, nil, nil
	}
	if len(st.complaints) == 0 {
		st.forgetDealt()
		ks, err := st.output()
		if err != nil {
			return nil, nil, nil, err
		}
		return nil, nil, &ks, nil
	}
	return []*transport.Message{{Payload: st.ownReveal()}}, &round4{st: st}, nil, nil
}

// ownComplaints lists the parties whose share to this party failed.
func (st *state) ownComplaints() []transport.PartyID {
	var out []transport.PartyID
	for _, j := range st.parties {
		if _, ok := st.received[j]; !ok {
			out = append(out, j)
		}
	}
	return out
}

// sentShare is the share this party dealt to a party, kept for reveals.
func (st *state) sentShare(to transport.PartyID) []byte {
	return st.dealt[to]
}

// forgetDealt zeroes the dealt shares once no reveal can be needed.
func (st *state) forgetDealt() {
	for _, b := range st.dealt {
		clear(b)
	}
	st.dealt = nil
}

func (st *state) output() (*KeyShare, error) {
	c := st.cfg.Curve
	secret := c.NewScalar()
	for _, j := range st.parties {
		secret = secret.Add(st.received[j])
	}
	all := make([]*vss.Commitment, 0, len(st.parties))
	for _, j := range st.parties {
		all = append(all, st.commitments[j])
	}
	sum, err := vss.SumCommitments(all...)
	if err != nil {
		return nil, err
	}
	ks := &KeyShare{
		Curve:        c,
		Threshold:    st.cfg.Threshold,
		Parties:      slices.Clone(st.parties),
		Self:         st.cfg.Self,
		Secret:       secret,
		GroupKey:     sum.Constant(),
		PublicShares: make(map[transport.PartyID]curve.Point, len(st.parties)),
		ChainCode:    st.chainCode(),
	}
	for _, j := range st.parties {
		ks.PublicShares[j] = sum.Evaluate(st.idScalar(j))
	}
	if err := ks.Validate(); err != nil {
		return nil, err
	}
	return ks, nil
}
