package dkls23

import (
	"fmt"
	"io"

	"github.com/mosaic-mpc/mosaic/dkg"
	"github.com/mosaic-mpc/mosaic/internal/identities"
	"github.com/mosaic-mpc/mosaic/internal/ot"
	"github.com/mosaic-mpc/mosaic/internal/session"
	"github.com/mosaic-mpc/mosaic/transport"
)

// SetupProtocol names the pairwise OT setup and its version.
const SetupProtocol = "mosaic/dkls23/setup/v1"

// SetupConfig configures one party's run of the pairwise OT setup.
type SetupConfig struct {
	// Share is this party's secp256k1 key share from dkg (or from refresh,
	// reshare or repair: run the setup again after each).
	Share *dkg.KeyShare
	// SessionID is fresh for every run and the same at every party
	// (SetupSessionID derives it).
	SessionID []byte
	// Rand is the randomness source; nil means crypto/rand.
	Rand io.Reader
	// Identity, if set, signs every message of this party with its
	// long-term identity key and makes the run agree (docs/agreement.md):
	// every honest party ends with a Key, or every one aborts naming the
	// same culprits. Its Peers must hold the identity key of every party
	// of the key, and those the share records (dkg.KeyShare.Identities)
	// if it records any. nil keeps the unsigned contract.
	Identity *transport.Identity
}

// SetupSessionID derives the session id of a setup run for share's key
// from a nonce agreed by the parties (at least 16 bytes, fresh per run).
func SetupSessionID(share *dkg.KeyShare, nonce []byte) ([]byte, error) {
	if err := checkShare(share); err != nil {
		return nil, err
	}
	tr, err := session.Start(SetupProtocol, nonce)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrConfig, err)
	}
	tr.AppendBytes("key", keyContext(share))
	if err := session.AppendParties(tr, "parties", share.Parties); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrConfig, err)
	}
	return session.Finish(tr, nonce), nil
}

// NewSetup returns the Machine of the pairwise OT setup (the "setup" of
// DKLs23 Protocol 3.6 that yields F_RVOLE's per-pair state): for every
// ordered pair of the key's parties, κ = 128 Masny–Rindal base OTs that
// seed the KOS15 extension (package internal/ot), in two rounds of direct
// messages. Every party of the key takes part. The result is this party's
// Key. A share DKLs23 cannot use wraps ErrKey; a bad session id ErrConfig.
func NewSetup(cfg SetupConfig) (transport.Machine[*Key], error) {
	if err := checkShare(cfg.Share); err != nil {
		return nil, err
	}
	if n := len(cfg.SessionID); n == 0 || n > transport.MaxSessionID {
		return nil, fmt.Errorf("%w: session id of %d bytes", ErrConfig, n)
	}
	share := cfg.Share.Clone()
	keyCtx := keyContext(share)
	id, err := identities.ForKey(cfg.Identity, share.Parties, share.Threshold-1, share.Identities)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrConfig, err)
	}
	runCtx, err := runContext(keyCtx, share.Parties, id)
	if err != nil {
		return nil, err
	}
	r := &setupRound1{
		share:   share,
		setupID: append([]byte(nil), cfg.SessionID...),
		otID:    otSessionID(cfg.SessionID, keyCtx),
		rand:    cfg.Rand,
		alice:   map[transport.PartyID]*ot.Sender{},
	}
	m, err := transport.NewMachine[*Key](transport.Config{
		Protocol:  SetupProtocol,
		SessionID: cfg.SessionID,
		Self:      share.Self,
		Parties:   share.Parties,
		Context:   runCtx,
		Identity:  id,
	}, r)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrConfig, err)
	}
	return m, nil
}

// setupRound1: every party, as Alice toward each peer, starts the base
// OTs of that pair's extension (the base-OT receiver's message).
type setupRound1 struct {
	share   *dkg.KeyShare
	setupID []byte
	otID    []byte
	rand    io.Reader
	alice   map[transport.PartyID]*ot.Sender
}

func (r *setupRound1) peers() []transport.PartyID {
	var out []transport.PartyID
	for _, id := range r.share.Parties {
		if id != r.share.Self {
			out = append(out, id)
		}
	}
	return out
}

func (r *setupRound1) Expects() transport.Expect { return transport.Expect{Direct: true} }

func (r *setupRound1) Start() ([]*transport.Message, error) {
	var out []*transport.Message
	for _, j := range r.peers() {
		s, req, err := ot.NewSender(ot.Session{ID: r.otID, Sender: r.share.Self, Receiver: j}, r.rand)
		if err != nil {
			return nil, err
		}
		b, err := req.MarshalBinary()
		if err != nil {
			return nil, err
		}
		r.alice[j] = s
		out = append(out, &transport.Message{To: j, Payload: b})
	}
	return out, nil
}

// Finalize answers every peer's base-OT request as Bob toward it.
func (r *setupRound1) Finalize(in *transport.Inbox) transport.Step[*Key] {
	var blame transport.Blame
	next := &setupRound2{round1: r, bob: map[transport.PartyID]*ot.Receiver{}}
	var out []*transport.Message
	for _, j := range r.peers() {
		req, err := ot.ParseSetupRequest(in.Direct(j))
		if err != nil {
			blame.Add(j, fmt.Errorf("%w: base-OT request: %w", ErrMalformed, err))
			continue
		}
		rx, err := ot.NewReceiver(ot.Session{ID: r.otID, Sender: j, Receiver: r.share.Self})
		if err != nil {
			return transport.Abort[*Key](err)
		}
		resp, err := rx.Setup(req, r.rand)
		if err != nil {
			return transport.Abort[*Key](err)
		}
		b, err := resp.MarshalBinary()
		if err != nil {
			return transport.Abort[*Key](err)
		}
		next.bob[j] = rx
		out = append(out, &transport.Message{To: j, Payload: b})
	}
	if err := blame.Err("malformed base-OT request"); err != nil {
		return transport.Abort[*Key](err)
	}
	return transport.Next[*Key](out, next)
}

// setupRound2: every party finishes the base OTs it started, with each
// peer's answer.
type setupRound2 struct {
	round1 *setupRound1
	bob    map[transport.PartyID]*ot.Receiver
}

func (r *setupRound2) Expects() transport.Expect { return transport.Expect{Direct: true} }

func (r *setupRound2) Finalize(in *transport.Inbox) transport.Step[*Key] {
	var blame transport.Blame
	r1 := r.round1
	key := &Key{share: r1.share, setupID: r1.setupID, pairs: map[transport.PartyID]*pair{}}
	for _, j := range r1.peers() {
		resp, err := ot.ParseSetupResponse(in.Direct(j))
		if err != nil {
			blame.Add(j, fmt.Errorf("%w: base-OT response: %w", ErrMalformed, err))
			continue
		}
		if err := r1.alice[j].FinishSetup(resp); err != nil {
			blame.Add(j, err)
			continue
		}
		key.pairs[j] = &pair{alice: r1.alice[j], bob: r.bob[j]}
	}
	if err := blame.Err("malformed base-OT response"); err != nil {
		return transport.Abort[*Key](err)
	}
	if err := key.validate(); err != nil {
		return transport.Abort[*Key](err)
	}
	return transport.Finish(key)
}

// runContext is a run's transport context: the digest given (the key, or
// the signing context) and, in a run with identities, every party's
// identity key.
func runContext(digest []byte, parties []transport.PartyID, id *transport.Identity) ([]byte, error) {
	if id == nil {
		return digest, nil
	}
	tr := session.StartContext("mosaic/dkls23/v1")
	tr.AppendBytes("inputs", digest)
	if err := session.AppendIdentities(tr, "identity", parties, id.Peers); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrConfig, err)
	}
	return session.FinishContext(tr), nil
}
