package frost

import (
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"slices"

	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/mosaic-mpc/mosaic/dkg"
	"github.com/mosaic-mpc/mosaic/transport"
)

// Protocol names peer-to-peer FROST signing and its version.
const Protocol = "mosaic/frost/sign/v1"

// ErrConfig reports a bad signing configuration.
var ErrConfig = errors.New("frost: invalid configuration")

// SignConfig configures one signer of a peer-to-peer run.
type SignConfig struct {
	// Suite is the ciphersuite; the key packages must be of it.
	Suite Ciphersuite
	// Key is this signer's key package; Public the group's public package
	// (both tweaked for taproot outputs, see KeyPackage.Tweak).
	Key    *KeyPackage
	Public *PublicKeyPackage
	// Signers is the signing set (at least MinSigners), Self one of them.
	// Party ids are the FROST identifiers.
	Signers []transport.PartyID
	Self    transport.PartyID
	// SessionID is fresh for every run and the same at every signer
	// (SessionID derives it).
	SessionID []byte
	// Message is what is signed, the same at every signer (for a taproot
	// key-path spend, the 32-byte BIP-341 signature hash).
	Message []byte
	// Rand is the randomness source; nil means crypto/rand.
	Rand io.Reader
}

// NewSign returns a Machine that signs Message with FROST among peers, with
// no coordinator (RFC 9591 section 5 run by every signer):
//
//  1. broadcast this signer's commitments (round one); the framework's echo
//     check makes sure everyone builds the same signing package;
//  2. build the signing package from every commitment, sign (round two, the
//     nonces are consumed) and send the share to each peer; then verify every
//     share, naming each cheater, and aggregate.
//
// The result is the signature in the suite's encoding, verified.
func NewSign(cfg SignConfig) (transport.Machine[[]byte], error) {
	if cfg.Key == nil || cfg.Public == nil {
		return nil, fmt.Errorf("%w: missing key package", ErrConfig)
	}
	if cfg.Key.Suite() != cfg.Suite || cfg.Public.Suite() != cfg.Suite {
		return nil, fmt.Errorf("%w: key of another suite", ErrConfig)
	}
	if err := transport.ValidateParties(cfg.Signers); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrConfig, err)
	}
	if len(cfg.Signers) < cfg.Key.MinSigners() {
		return nil, fmt.Errorf("%w: %d signers, need %d", ErrConfig, len(cfg.Signers), cfg.Key.MinSigners())
	}
	self, err := IdentifierFromUint64(uint64(cfg.Self))
	if err != nil || self != cfg.Key.Identifier() || !transport.Contains(cfg.Signers, cfg.Self) {
		return nil, fmt.Errorf("%w: self %d does not match the key package or signer set", ErrConfig, cfg.Self)
	}
	for _, p := range cfg.Signers {
		id, err := IdentifierFromUint64(uint64(p))
		if err != nil {
			return nil, fmt.Errorf("%w: %w", ErrConfig, err)
		}
		if _, ok := cfg.Public.VerifyingShare(id); !ok {
			return nil, fmt.Errorf("%w: signer %d holds no share of this key", ErrConfig, p)
		}
	}
	if cfg.Rand == nil {
		cfg.Rand = rand.Reader
	}
	r1 := &signRound1{cfg: cfg}
	if len(cfg.Signers) == 1 {
		return newSoloSign(r1), nil
	}
	return transport.NewOldMachine(transport.Config{
		Protocol:  Protocol,
		SessionID: cfg.SessionID,
		Self:      cfg.Self,
		Parties:   cfg.Signers,
		Rounds:    2,
	}, r1)
}

type signRound1 struct {
	cfg    SignConfig
	nonces *SigningNonces
	own    *SigningCommitments
}

func (r *signRound1) Number() int               { return 1 }
func (r *signRound1) Expects() transport.Expect { return transport.Expect{Broadcast: true} }

func (r *signRound1) Start() ([]*transport.Message, error) {
	nonces, comm, err := Commit(r.cfg.Suite, r.cfg.Key, r.cfg.Rand)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", transport.ErrLocal, err)
	}
	r.nonces, r.own = nonces, comm
	return []*transport.Message{{Payload: comm.Bytes()}}, nil
}

func (r *signRound1) Finalize(in *transport.Inbox) ([]*transport.Message, transport.OldRound[[]byte], *[]byte, error) {
	comms := []*SigningCommitments{r.own}
	var bad []transport.PartyID
	var reasons []error
	for _, j := range in.Senders() {
		sc, err := DecodeSigningCommitments(r.cfg.Suite, in.Broadcast(j))
		if err == nil {
			want, _ := IdentifierFromUint64(uint64(j))
			if sc.Identifier() != want {
				err = fmt.Errorf("%w: commitment carries identifier %v", ErrInvalidCommitment, sc.Identifier())
			}
		}
		if err != nil {
			bad = append(bad, j)
			reasons = append(reasons, fmt.Errorf("party %d: %w", j, err))
			continue
		}
		comms = append(comms, sc)
	}
	if len(bad) > 0 {
		r.nonces.Zeroize()
		return nil, nil, nil, transport.NewAbortError(Protocol, 1, "invalid signing commitment", errors.Join(reasons...), bad...)
	}
	slices.SortFunc(comms, func(a, b *SigningCommitments) int { return a.Identifier().Compare(b.Identifier()) })
	pkg, err := NewSigningPackage(r.cfg.Suite, comms, r.cfg.Message)
	if err != nil {
		r.nonces.Zeroize()
		return nil, nil, nil, err
	}
	share, err := Sign(r.cfg.Suite, pkg, r.nonces, r.cfg.Key)
	if err != nil {
		return nil, nil, nil, err
	}
	var out []*transport.Message
	for _, j := range r.cfg.Signers {
		if j != r.cfg.Self {
			out = append(out, &transport.Message{To: j, Payload: share.Bytes()})
		}
	}
	return out, &signRound2{cfg: r.cfg, pkg: pkg, own: share}, nil, nil
}

// signRound2 collects the signature shares. They travel as direct
// messages: each is checked against public values, so there is nothing to
// equivocate and no echo round is needed.
type signRound2 struct {
	cfg SignConfig
	pkg *SigningPackage
	own *SignatureShare
}

func (r *signRound2) Number() int               { return 2 }
func (r *signRound2) Expects() transport.Expect { return transport.Expect{Direct: true} }

func (r *signRound2) Finalize(in *transport.Inbox) ([]*transport.Message, transport.OldRound[[]byte], *[]byte, error) {
	shares := map[Identifier]*SignatureShare{r.own.Identifier(): r.own}
	var bad []transport.PartyID
	for _, j := range in.Senders() {
		s, err := DecodeSignatureShare(r.cfg.Suite, in.Direct(j))
		want, _ := IdentifierFromUint64(uint64(j))
		if err != nil || s.Identifier() != want {
			bad = append(bad, j)
			continue
		}
		shares[want] = s
	}
	if len(bad) > 0 {
		return nil, nil, nil, transport.NewAbortError(Protocol, 2, "malformed signature share", ErrInvalidSignatureShare, bad...)
	}
	sig, err := Aggregate(r.cfg.Suite, r.pkg, shares, r.cfg.Public)
	if err != nil {
		var cheaters *CheatersError
		if errors.As(err, &cheaters) {
			return nil, nil, nil, transport.NewAbortError(Protocol, 2, "invalid signature share", err, partyIDs(cheaters.Identifiers)...)
		}
		return nil, nil, nil, err
	}
	return nil, nil, &sig, nil
}

func partyIDs(ids []Identifier) []transport.PartyID {
	out := make([]transport.PartyID, 0, len(ids))
	for _, id := range ids {
		if v, ok := id.Uint64(); ok && v <= 0xffffffff {
			out = append(out, transport.PartyID(v))
		}
	}
	return out
}

// soloSign is the 1-of-1 case: no peers, one local signature.
type soloSign struct {
	r1     *signRound1
	done   bool
	result []byte
	err    error
}

func newSoloSign(r1 *signRound1) *soloSign { return &soloSign{r1: r1} }

func (s *soloSign) Start() ([]*transport.Message, error) {
	if s.done {
		return nil, transport.ErrFinished
	}
	s.done = true
	if _, err := s.r1.Start(); err != nil {
		s.err = err
		return nil, err
	}
	out, next, _, err := s.r1.Finalize(&transport.Inbox{})
	if err == nil && len(out) == 0 {
		var res *[]byte
		_, _, res, err = next.Finalize(&transport.Inbox{})
		if res != nil {
			s.result = *res
		}
	}
	s.err = err
	return nil, err
}

func (s *soloSign) Deliver(m *transport.Message) ([]*transport.Message, error) {
	return nil, &transport.MessageError{From: m.From, Round: m.Round, Err: transport.ErrUnknownSender}
}
func (s *soloSign) Done() bool { return s.done }
func (s *soloSign) Result() ([]byte, error) {
	if !s.done {
		return nil, transport.ErrNotDone
	}
	return s.result, s.err
}

// KeysFromShare turns a key share from dkg (or refresh, or a dealer) into
// FROST key packages: the party's KeyPackage and the group's
// PublicKeyPackage. Party ids become FROST identifiers.
func KeysFromShare(suite Ciphersuite, share *dkg.KeyShare) (*KeyPackage, *PublicKeyPackage, error) {
	if share == nil {
		return nil, nil, fmt.Errorf("%w: no key share", ErrConfig)
	}
	if err := suite.check(); err != nil {
		return nil, nil, err
	}
	if share.Curve == nil {
		return nil, nil, fmt.Errorf("%w: key share without a curve", ErrConfig)
	}
	if share.Curve.ID() != suite.Curve().ID() {
		return nil, nil, fmt.Errorf("%w: %s share for %s", ErrSuiteMismatch, share.Curve.Name(), suite)
	}
	if err := share.Validate(); err != nil {
		return nil, nil, err
	}
	self, err := IdentifierFromUint64(uint64(share.Self))
	if err != nil {
		return nil, nil, err
	}
	kp, err := NewKeyPackage(suite, self, share.Secret, share.GroupKey, share.Threshold)
	if err != nil {
		return nil, nil, err
	}
	vs := make(map[Identifier]curve.Point, len(share.PublicShares))
	for id, p := range share.PublicShares {
		fid, err := IdentifierFromUint64(uint64(id))
		if err != nil {
			return nil, nil, err
		}
		vs[fid] = p
	}
	pub, err := NewPublicKeyPackage(suite, share.GroupKey, vs, share.Threshold)
	if err != nil {
		return nil, nil, err
	}
	return kp, pub, nil
}
