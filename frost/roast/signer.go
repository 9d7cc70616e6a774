package roast

import (
	"bytes"
	"errors"
	"fmt"
	"io"

	"github.com/mosaic-mpc/mosaic/frost"
)

// SignerConfig configures one signer of one run.
type SignerConfig struct {
	// Suite is the ciphersuite; Key must be of it.
	Suite frost.Ciphersuite
	// Key is the signer's key package (tweaked for a taproot output, see
	// frost.KeyPackage.Tweak, when the coordinator's public package is).
	Key *frost.KeyPackage
	// Message is the one message this signer signs in this run; it refuses
	// requests for any other. It is copied.
	Message []byte
	// RunID is the run's id, as the coordinator's.
	RunID []byte
	// Rand is the randomness for the nonces; nil means crypto/rand.
	Rand io.Reader
}

// Signer is one signer of a ROAST run, a state machine with no I/O. It
// holds exactly one commitment at a time, whose nonces sign at most one
// request: each answer carries the share and the commitment for the
// signer's next session (the paper's signer). It is not safe for
// concurrent use; Close erases its nonces.
type Signer struct {
	suite   frost.Ciphersuite
	key     *frost.KeyPackage
	message []byte
	runID   []byte
	rand    io.Reader

	// nonces are for the commitment the signer sent last; nil once used
	// and not replaced.
	nonces *frost.SigningNonces
	// lastRequest and lastResponse are the request answered last, so that
	// a redelivered copy gets the same answer without signing again.
	lastRequest  []byte
	lastResponse *Response
	closed       bool
}

// NewSigner checks cfg, draws the signer's first nonces and returns the
// signer with its first message (Session 0), which the caller sends to the
// coordinator.
func NewSigner(cfg SignerConfig) (*Signer, *Response, error) {
	if cfg.Suite.Curve() == nil {
		return nil, nil, fmt.Errorf("%w: %w", ErrConfig, frost.ErrInvalidSuite)
	}
	if cfg.Key == nil {
		return nil, nil, fmt.Errorf("%w: no key package", ErrConfig)
	}
	if err := checkRunID(cfg.RunID); err != nil {
		return nil, nil, fmt.Errorf("%w: %w", ErrConfig, err)
	}
	if err := checkMessage(cfg.Message); err != nil {
		return nil, nil, err
	}
	// Commit checks the suite against the key package and the key package
	// itself (a zero or zeroized one is refused).
	nonces, commitment, err := frost.Commit(cfg.Suite, cfg.Key, cfg.Rand)
	if errors.Is(err, frost.ErrRandomness) {
		return nil, nil, err
	}
	if err != nil {
		return nil, nil, fmt.Errorf("%w: %w", ErrConfig, err)
	}
	s := &Signer{
		suite:   cfg.Suite,
		key:     cfg.Key,
		message: bytes.Clone(cfg.Message),
		runID:   bytes.Clone(cfg.RunID),
		rand:    cfg.Rand,
		nonces:  nonces,
	}
	return s, &Response{RunID: bytes.Clone(s.runID), Next: commitment}, nil
}

// Receive answers one request b from the coordinator with the signer's
// share for it and its next commitment. It refuses, with an error and
// without using its nonces, a request that does not decode
// (ErrInvalidMessage), is for another run (ErrWrongRun) or another message
// (ErrWrongMessage), has fewer than the key's minimum of signers
// (frost.ErrNotEnoughSigners), or does not hold the signer's outstanding
// commitment (ErrNotInSession, ErrStaleCommitment): so it never signs
// twice with one nonce pair, nor anything but the run's message. A request
// that is byte for byte the last one it answered gets the same answer
// again, computed once.
//
// The coordinator is trusted for nothing but liveness: a malicious one can
// make the signer answer sessions of its choosing, one at a time, each
// with fresh nonces and always on the run's message, which FROST's
// security under concurrent sessions covers.
func (s *Signer) Receive(b []byte) (*Response, error) {
	if s == nil || s.key == nil {
		return nil, ErrNotConfigured
	}
	if s.closed {
		return nil, ErrClosed
	}
	if s.lastRequest != nil && bytes.Equal(b, s.lastRequest) {
		return s.lastResponse.clone(), nil
	}
	req, err := DecodeRequest(s.suite, b)
	if err != nil {
		return nil, err
	}
	if !bytes.Equal(req.RunID, s.runID) {
		return nil, ErrWrongRun
	}
	pkg := req.Package
	if !bytes.Equal(pkg.Message(), s.message) {
		return nil, fmt.Errorf("%w (session %d)", ErrWrongMessage, req.Session)
	}
	if pkg.Len() < s.key.MinSigners() {
		return nil, fmt.Errorf("%w: session %d has %d signers, threshold %d", frost.ErrNotEnoughSigners, req.Session, pkg.Len(), s.key.MinSigners())
	}
	own, ok := pkg.Commitment(s.key.Identifier())
	if !ok {
		return nil, fmt.Errorf("%w: session %d, signer %s", ErrNotInSession, req.Session, s.key.Identifier())
	}
	if s.nonces == nil || !own.Equal(s.nonces.Commitments()) {
		return nil, fmt.Errorf("%w: session %d", ErrStaleCommitment, req.Session)
	}

	// Draw the next nonces first: if the randomness fails, nothing is used
	// and the same request can be answered later.
	next, nextCommitment, err := frost.Commit(s.suite, s.key, s.rand)
	if err != nil {
		return nil, err
	}
	used := s.nonces
	s.nonces = nil
	share, err := frost.Sign(s.suite, pkg, used, s.key)
	if err != nil {
		// Sign consumed the nonces; the fresh ones were never sent, so
		// they are of no use either. Only a package whose group commitment
		// is the identity gets here after the checks above.
		next.Zeroize()
		return nil, fmt.Errorf("roast: signing session %d: %w", req.Session, err)
	}
	s.nonces = next
	resp := &Response{RunID: bytes.Clone(s.runID), Session: req.Session, Share: share, Next: nextCommitment}
	s.lastRequest = bytes.Clone(b)
	s.lastResponse = resp
	return resp.clone(), nil
}

// Close erases the signer's outstanding nonces; later requests fail with
// ErrClosed. Call it when the run is over. Safe to call repeatedly.
func (s *Signer) Close() {
	if s == nil {
		return
	}
	s.nonces.Zeroize()
	s.nonces = nil
	s.closed = true
}
