package roast

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"slices"

	"github.com/mosaic-mpc/mosaic/frost"
)

// CoordinatorConfig configures the coordinator of one run.
type CoordinatorConfig struct {
	// Suite is the ciphersuite; PublicKeys must be of it.
	Suite frost.Ciphersuite
	// PublicKeys is the group's public key package (tweaked for a taproot
	// output, see frost.PublicKeyPackage.Tweak, when the signers tweak
	// theirs). Its MinSigners is the threshold t: every session has
	// exactly t signers.
	PublicKeys *frost.PublicKeyPackage
	// Signers are the n signers asked to sign, each with a verifying share
	// in PublicKeys; nil means every participant of PublicKeys. At least t.
	Signers []frost.Identifier
	// Message is what is signed. It is copied.
	Message []byte
	// RunID tells this run's messages from other runs', 1 to MaxRunIDSize
	// bytes, the same at the coordinator and every signer. It routes; it
	// is not a security parameter (nonces are single use whatever it is).
	RunID []byte
}

// Outbound is a request the caller must deliver to one signer.
type Outbound struct {
	// To is the signer.
	To frost.Identifier
	// Request is the message; send Request.MarshalBinary().
	Request *Request
}

// Coordinator is ROAST's coordinator for one run, a state machine with no
// I/O: feed it every message from the signers with Receive and deliver the
// requests it returns, in any order and with any delay. It ends with a
// signature once t honest signers have answered in one session, however
// the other n − t behave, after at most n − t + 1 sessions. It is not safe
// for concurrent use.
type Coordinator struct {
	suite     frost.Ciphersuite
	pub       *frost.PublicKeyPackage
	message   []byte
	runID     []byte
	threshold int

	signers map[frost.Identifier]*signerState
	// ready is the paper's set R of responsive signers, each with a
	// commitment and no outstanding request, in the order they became
	// ready.
	ready    []frost.Identifier
	sessions []*session // session k at index k-1
	faults   []*Fault

	signature []byte
	err       error
}

// phase is where a signer stands with the coordinator.
type phase uint8

const (
	// phaseFresh: its first message (its first commitment) has not come.
	phaseFresh phase = iota
	// phaseReady: it is in R, with a commitment and nothing outstanding.
	phaseReady
	// phasePending: it was asked into a session and has not answered.
	phasePending
	// phaseExcluded: it is in M, named malicious; nothing of it is used.
	phaseExcluded
)

type signerState struct {
	phase      phase
	session    uint32                    // outstanding session (phasePending)
	commitment *frost.SigningCommitments // for the next session (phaseReady)
	// seen holds the digests of the messages taken from the signer, so that
	// a redelivered one is ignored instead of being taken for a second,
	// different answer.
	seen map[[sha256.Size]byte]struct{}
}

type session struct {
	id     uint32
	pkg    *frost.SigningPackage
	shares map[frost.Identifier]*frost.SignatureShare
}

// NewCoordinator checks cfg and returns the coordinator of a run. It sends
// nothing: each signer starts the run with its first message (NewSigner
// returns it), which the caller delivers to Receive.
func NewCoordinator(cfg CoordinatorConfig) (*Coordinator, error) {
	if cfg.Suite.Curve() == nil {
		return nil, fmt.Errorf("%w: %w", ErrConfig, frost.ErrInvalidSuite)
	}
	pub := cfg.PublicKeys
	if pub == nil || pub.GroupKey() == nil {
		return nil, fmt.Errorf("%w: no public key package", ErrConfig)
	}
	if pub.Suite() != cfg.Suite {
		return nil, fmt.Errorf("%w: public key package of %s, want %s", ErrConfig, pub.Suite(), cfg.Suite)
	}
	if err := checkRunID(cfg.RunID); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrConfig, err)
	}
	if err := checkMessage(cfg.Message); err != nil {
		return nil, err
	}
	ids := cfg.Signers
	if ids == nil {
		ids = pub.Identifiers()
	}
	t := pub.MinSigners()
	if len(ids) < t || len(ids) > frost.MaxSigners {
		return nil, fmt.Errorf("%w: %d signers for threshold %d", ErrConfig, len(ids), t)
	}
	signers := make(map[frost.Identifier]*signerState, len(ids))
	for _, id := range ids {
		if _, ok := pub.VerifyingShare(id); !ok {
			return nil, fmt.Errorf("%w: signer %s has no verifying share", ErrConfig, id)
		}
		if _, dup := signers[id]; dup {
			return nil, fmt.Errorf("%w: signer %s listed twice", ErrConfig, id)
		}
		signers[id] = &signerState{seen: map[[sha256.Size]byte]struct{}{}}
	}
	return &Coordinator{
		suite:     cfg.Suite,
		pub:       pub,
		message:   bytes.Clone(cfg.Message),
		runID:     bytes.Clone(cfg.RunID),
		threshold: t,
		signers:   signers,
	}, nil
}

// Receive takes one message b that signer from sent (from must be
// authenticated by the channel) and returns the requests of the session it
// started, if any. A non-nil error never ends the run by itself; it says
// why b was not used:
//
//   - a *Fault: from deviated from the protocol and is excluded for the
//     rest of the run (the paper's set M); Faults lists it;
//   - ErrDuplicate, ErrWrongRun, ErrExcluded, ErrUnknownSigner,
//     ErrFinished: b was ignored and nobody is blamed;
//   - ErrTooManyFaults or ErrInconsistentKey: the run is over without a
//     signature (Err returns it too).
//
// Following the paper's coordinator: a first message puts its signer into
// the ready set R; an answer to the signer's outstanding session must carry
// a share that verifies against the signer's commitment in that session's
// signing package (RFC 9591 section 5.4), else the signer is excluded; a
// valid share is kept, and the session's signature is aggregated once it
// has all of its t shares; the answer's fresh commitment puts the signer
// back into R. Whenever R holds t signers, a new session starts with
// exactly them, and R empties. So no signer ever has more than one
// outstanding session.
func (c *Coordinator) Receive(from frost.Identifier, b []byte) ([]Outbound, error) {
	if c == nil || c.pub == nil {
		return nil, ErrNotConfigured
	}
	if c.Done() {
		return nil, ErrFinished
	}
	st, ok := c.signers[from]
	if !ok {
		return nil, fmt.Errorf("%w: %s", ErrUnknownSigner, from)
	}
	if st.phase == phaseExcluded {
		return nil, fmt.Errorf("%w: %s", ErrExcluded, from)
	}
	digest := sha256.Sum256(b)
	if _, dup := st.seen[digest]; dup {
		return nil, fmt.Errorf("%w from signer %s", ErrDuplicate, from)
	}

	resp, err := DecodeResponse(c.suite, b)
	if err != nil {
		return nil, c.exclude(from, st, &Fault{Kind: FaultMalformed, Err: err}, b)
	}
	if !bytes.Equal(resp.RunID, c.runID) {
		return nil, fmt.Errorf("%w, from signer %s", ErrWrongRun, from)
	}
	if resp.Next.Identifier() != from {
		err := fmt.Errorf("%w: signer %s sent a commitment of signer %s", ErrInvalidMessage, from, resp.Next.Identifier())
		return nil, c.exclude(from, st, &Fault{Kind: FaultMalformed, Err: err}, b)
	}

	switch st.phase {
	case phaseFresh:
		if resp.Session != 0 {
			err := fmt.Errorf("%w: share for session %d before any request", ErrUnexpected, resp.Session)
			return nil, c.exclude(from, st, &Fault{Kind: FaultUnexpected, Err: err}, b)
		}
	case phaseReady:
		err := fmt.Errorf("%w: message for session %d with no request outstanding", ErrUnexpected, resp.Session)
		return nil, c.exclude(from, st, &Fault{Kind: FaultUnexpected, Err: err}, b)
	case phasePending:
		if resp.Session != st.session {
			err := fmt.Errorf("%w: message for session %d while session %d is outstanding", ErrUnexpected, resp.Session, st.session)
			return nil, c.exclude(from, st, &Fault{Kind: FaultUnexpected, Session: st.session, Err: err}, b)
		}
		done, err := c.takeShare(from, st, resp, b)
		if err != nil || done {
			return nil, err
		}
	}

	st.seen[digest] = struct{}{}
	st.phase, st.session, st.commitment = phaseReady, 0, resp.Next
	c.ready = append(c.ready, from)
	if len(c.ready) < c.threshold {
		return nil, nil
	}
	return c.startSession()
}

// takeShare checks and keeps the share of signer from for its outstanding
// session, and aggregates the signature when the session is complete
// (done).
func (c *Coordinator) takeShare(from frost.Identifier, st *signerState, resp *Response, b []byte) (done bool, err error) {
	s := c.sessions[st.session-1]
	if err := frost.VerifySignatureShare(c.suite, s.pkg, resp.Share, c.pub); err != nil {
		var cheaters *frost.CheatersError
		if !errors.As(err, &cheaters) {
			// Not a verdict on the share: the package and the key are the
			// coordinator's own and were checked, so this does not happen.
			return false, fmt.Errorf("roast: verifying the share of signer %s: %w", from, err)
		}
		commitment, _ := s.pkg.Commitment(from)
		f := &Fault{
			Kind:       FaultInvalidShare,
			Session:    s.id,
			Package:    s.pkg,
			Commitment: commitment,
			Share:      resp.Share,
			Err:        fmt.Errorf("%w in session %d", ErrInvalidShare, s.id),
		}
		return false, c.exclude(from, st, f, b)
	}
	s.shares[from] = resp.Share
	if len(s.shares) < s.pkg.Len() {
		return false, nil
	}
	sig, err := frost.Aggregate(c.suite, s.pkg, s.shares, c.pub)
	if err != nil {
		c.err = fmt.Errorf("%w: session %d: %w", ErrInconsistentKey, s.id, err)
		return true, c.err
	}
	c.signature = sig
	return true, nil
}

// startSession starts a session with the t signers of R (the paper's new
// session: their commitments form the signing package) and returns its
// requests, in ascending identifier order.
func (c *Coordinator) startSession() ([]Outbound, error) {
	commitments := make([]*frost.SigningCommitments, len(c.ready))
	for i, id := range c.ready {
		commitments[i] = c.signers[id].commitment
	}
	pkg, err := frost.NewSigningPackage(c.suite, commitments, c.message)
	if err != nil {
		// Every commitment was decoded for its own, distinct signer.
		return nil, fmt.Errorf("roast: building a signing package: %w", err)
	}
	s := &session{
		id:     uint32(len(c.sessions) + 1),
		pkg:    pkg,
		shares: make(map[frost.Identifier]*frost.SignatureShare, len(c.ready)),
	}
	c.sessions = append(c.sessions, s)
	c.ready = c.ready[:0]
	ids := pkg.Identifiers()
	out := make([]Outbound, len(ids))
	for i, id := range ids {
		st := c.signers[id]
		st.phase, st.session, st.commitment = phasePending, s.id, nil
		out[i] = Outbound{To: id, Request: &Request{RunID: bytes.Clone(c.runID), Session: s.id, Package: pkg}}
	}
	return out, nil
}

// exclude names signer id for fault f, raised by message b, removes it from
// R and ends the run with ErrTooManyFaults when no session can complete any
// more. It returns f.
func (c *Coordinator) exclude(id frost.Identifier, st *signerState, f *Fault, b []byte) *Fault {
	f.Party = id
	f.Message = bytes.Clone(b)
	if f.Session == 0 && st.phase == phasePending {
		f.Session = st.session
	}
	st.phase, st.commitment = phaseExcluded, nil
	c.ready = slices.DeleteFunc(c.ready, func(r frost.Identifier) bool { return r == id })
	c.faults = append(c.faults, f)
	if !c.canFinish() {
		c.err = fmt.Errorf("%w: %d of %d signers excluded, threshold %d", ErrTooManyFaults, len(c.faults), len(c.signers), c.threshold)
	}
	return f
}

// canFinish reports whether a signature may still come: at least t signers
// are not excluded, or an open session has the shares of all its excluded
// members (a signer can be excluded after its share was taken).
func (c *Coordinator) canFinish() bool {
	if len(c.signers)-len(c.faults) >= c.threshold {
		return true
	}
	for _, s := range c.sessions {
		blocked := false
		for _, id := range s.pkg.Identifiers() {
			if _, ok := s.shares[id]; !ok && c.signers[id].phase == phaseExcluded {
				blocked = true
				break
			}
		}
		if !blocked {
			return true
		}
	}
	return false
}

// Done reports whether the run is over: with a signature, or with Err.
func (c *Coordinator) Done() bool {
	return c != nil && (c.signature != nil || c.err != nil)
}

// Signature returns the signature in the suite's encoding, verified under
// the group key, once the run has one.
func (c *Coordinator) Signature() ([]byte, bool) {
	if c == nil || c.signature == nil {
		return nil, false
	}
	return bytes.Clone(c.signature), true
}

// Err returns why the run ended without a signature (ErrTooManyFaults or
// ErrInconsistentKey), or nil.
func (c *Coordinator) Err() error {
	if c == nil {
		return ErrNotConfigured
	}
	return c.err
}

// Faults returns every signer excluded so far, in the order they were
// excluded, each with its evidence.
func (c *Coordinator) Faults() []*Fault {
	if c == nil {
		return nil
	}
	return slices.Clone(c.faults)
}

// Sessions returns the number of sessions started so far; it never exceeds
// n − t + 1 (the paper's robustness theorem).
func (c *Coordinator) Sessions() int {
	if c == nil {
		return 0
	}
	return len(c.sessions)
}
