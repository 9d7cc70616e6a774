package main

import (
	"bufio"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"strings"
	"sync"

	"github.com/mosaic-mpc/mosaic/cggmp"
	"github.com/mosaic-mpc/mosaic/dkg"
	"github.com/mosaic-mpc/mosaic/examples/console"
	"github.com/mosaic-mpc/mosaic/frost"
	"github.com/mosaic-mpc/mosaic/frost/roast"
	"github.com/mosaic-mpc/mosaic/transport"
)

// server is a -state party serving a coordinator: its keys, and its
// ROAST signers by scheme.
type server struct {
	p       *partyRun
	key     *cggmp.Key
	ked     *dkg.KeyShare
	signers map[string]*roast.Signer

	mu sync.Mutex // guards writes to p.out
}

// serve is the life of a -state party: it runs the setup steps and seals
// its keys into p.state (or, with -resume, opens them from there), says
// it is ready, and then runs the coordinator's commands from p.in, one at
// a time, until "quit" or the end of its input.
func (p *partyRun) serve(ctx context.Context) error {
	s := &server{p: p, signers: map[string]*roast.Signer{}}
	defer func() {
		for _, sg := range s.signers {
			sg.Close()
		}
	}()
	var err error
	if p.resume {
		done := console.Step(p.log, "opening the keys sealed in %s", p.state)
		if s.key, s.ked, err = loadState(p.state, p.passphrase, p.level); err != nil {
			return err
		}
		done()
	} else {
		if s.key, s.ked, err = p.setupKeys(ctx); err != nil {
			return err
		}
		done := console.Step(p.log, "sealing the keys into %s", p.state)
		if err := saveState(p.state, p.passphrase, s.key, s.ked); err != nil {
			return err
		}
		done()
	}
	defer s.key.Zeroize()
	pub, err := s.publicKeys()
	if err != nil {
		return err
	}
	if err := s.send(&reply{Op: opReady, Public: pub}); err != nil {
		return err
	}

	sc := bufio.NewScanner(p.in)
	sc.Buffer(make([]byte, 0, 64<<10), maxLine)
	for sc.Scan() {
		c, err := decodeCommand(sc.Bytes(), len(p.ids))
		if err != nil {
			// The coordinator is trusted for liveness only: a command
			// this party cannot read is refused, and it goes on.
			if err := s.send(&reply{Op: opError, Error: err.Error()}); err != nil {
				return err
			}
			continue
		}
		if c.Op == opQuit {
			return nil
		}
		if err := s.handle(ctx, c); err != nil {
			if err := s.send(&reply{Op: opError, Error: err.Error()}); err != nil {
				return err
			}
		}
	}
	return sc.Err()
}

// send writes one reply line, in this party's name.
func (s *server) send(r *reply) error {
	r.Party = s.p.self
	b, err := encodeLine(r)
	if err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	_, err = s.p.out.Write(b)
	return err
}

// handle runs one command.
func (s *server) handle(ctx context.Context, c *command) error {
	switch c.Op {
	case opECDSA:
		return s.ecdsaAttempt(ctx, c.Attempt, c.Signers)
	case opRoastStart:
		return s.roastStart(c.Scheme)
	case opRoast:
		return s.roastRequest(c.Scheme, c.Msg)
	}
	return fmt.Errorf("unexpected command %q", c.Op)
}

// publicKeys returns this party's view of the group's public keys.
func (s *server) publicKeys() (*publicKeys, error) {
	group := func(share *dkg.KeyShare) groupKeys {
		g := groupKeys{Group: share.GroupKey.Bytes(), Shares: map[transport.PartyID]hexBytes{}}
		for id, pt := range share.PublicShares {
			g.Shares[id] = pt.Bytes()
		}
		return g
	}
	return &publicKeys{
		Threshold: s.key.Share.Threshold,
		ECDSA:     s.key.PublicKey().Bytes(),
		Secp256k1: group(s.key.Share),
		Ed25519:   group(s.ked),
	}, nil
}

// attemptNonce is the nonce of robust attempt k's session id: the run
// nonce and k, so that every attempt has its own session, the same at
// every signer, also at a party restarted between two attempts.
func attemptNonce(runNonce []byte, k int) []byte {
	h := sha256.New()
	h.Write([]byte("mosaic parties: robust ECDSA attempt"))
	h.Write(binary.BigEndian.AppendUint64(nil, uint64(len(runNonce))))
	h.Write(runNonce)
	h.Write(binary.BigEndian.AppendUint64(nil, uint64(k)))
	return h.Sum(nil)
}

// ecdsaAttempt runs attempt k of the robust ECDSA signing: presigning and
// signing in one run (cggmp.NewFullSign) among signers, signed with the
// identity keys so that the run agrees, and answers with the signature or
// the outcome the coordinator's plan needs.
func (s *server) ecdsaAttempt(ctx context.Context, k int, signers []transport.PartyID) error {
	p := s.p
	if !transport.Contains(signers, p.self) {
		return fmt.Errorf("attempt %d: not a signer of %v", k, signers)
	}
	if err := s.send(&reply{Op: opStarted, Attempt: k}); err != nil {
		return err
	}
	done := console.Step(p.log, "ECDSA attempt %d: presigning and signing with %v", k, signers)
	digest := sha256.Sum256(ecdsaMessage)
	sid, err := cggmp.FullSignSessionID(s.key, signers, nil, nil, digest[:], attemptNonce(p.nonce, k))
	if err != nil {
		return err
	}
	id, err := p.identity(signers)
	if err != nil {
		return err
	}
	m, err := cggmp.NewFullSign(cggmp.FullSignConfig{
		PresignConfig: cggmp.PresignConfig{Key: s.key, Signers: signers, SessionID: sid, Identity: id},
		Digest:        digest[:],
	})
	if err != nil {
		return err
	}
	sess, err := p.node.Open(sid, signers)
	if err != nil {
		return err
	}
	defer sess.Close()
	var conn transport.Conn = sess
	if p.misbehave {
		conn = &equivocatingConn{Conn: sess, key: id.Key}
	}
	sig, err := transport.Run(ctx, m, conn, transport.WithRoundTimeout(p.roundTimeout))
	if err != nil {
		fmt.Fprintf(p.log, "  attempt %d failed: %v\n", k, err)
		return s.send(&reply{Op: opECDSA, Attempt: k, Outcome: outcomeOf(err)})
	}
	done()
	if err := cggmp.VerifyLowS(s.key.PublicKey(), digest[:], sig); err != nil {
		return err
	}
	rid := int(sig.RecoveryID)
	return s.send(&reply{Op: opECDSA, Attempt: k, Signature: sig.Bytes(), RecoveryID: &rid})
}

// outcomeOf turns the error an attempt ended with here into what the
// coordinator's plan reads from it (robust.OutcomeOf and its driver).
func outcomeOf(err error) *attemptOutcome {
	// One line: the coordinator prints it, and errors.Join's newlines
	// would split it.
	o := &attemptOutcome{Reason: strings.ReplaceAll(err.Error(), "\n", "; ")}
	var ae *transport.AbortError
	if !errors.As(err, &ae) {
		return o
	}
	o.Abort = true
	o.Culprits = transport.Culprits(err)
	var be *transport.BlameError
	if errors.As(err, &be) && len(be.Blames) > 0 {
		o.Blames = map[transport.PartyID][]transport.PartyID{}
		for a, bs := range be.Blames {
			if len(bs) > 0 {
				o.Blames[a] = transport.SortedCopy(bs)
			}
		}
	}
	o.Local = errors.Is(err, transport.ErrLocal)
	o.ContextMismatch = errors.Is(err, transport.ErrContextMismatch)
	return o
}

// roastKeys returns this party's FROST key package for a ROAST scheme:
// Ed25519 on the edwards25519 share, BIP-340 on the secp256k1 share with
// the BIP-341 key-path tweak (no script tree).
func (s *server) roastKeys(scheme string) (frost.Ciphersuite, *frost.KeyPackage, error) {
	if scheme == schemeEd25519 {
		suite := frost.Ed25519SHA512()
		kp, _, err := frost.KeysFromShare(suite, s.ked)
		return suite, kp, err
	}
	suite := frost.Secp256k1TR()
	kp, _, err := frost.KeysFromShare(suite, s.key.Share)
	if err != nil {
		return suite, nil, err
	}
	kp, err = kp.Tweak(nil)
	return suite, kp, err
}

// roastMessage is what each ROAST scheme signs, fixed by the example: a
// signer refuses any other (roast.SignerConfig.Message).
func roastMessage(scheme string) []byte {
	if scheme == schemeEd25519 {
		return ed25519Message
	}
	return bip340Message[:]
}

// roastRunID is the run id of a scheme's ROAST run.
func roastRunID(scheme string, runNonce []byte) []byte {
	h := sha256.Sum256(append([]byte("mosaic parties: ROAST "+scheme+" "), runNonce...))
	return h[:]
}

// roastStart starts this party's ROAST signer for scheme and sends its
// first commitment. A restarted party starts a new signer, with new
// nonces; it never reuses the old one's (they died with it).
func (s *server) roastStart(scheme string) error {
	if old := s.signers[scheme]; old != nil {
		old.Close()
	}
	suite, kp, err := s.roastKeys(scheme)
	if err != nil {
		return err
	}
	sg, first, err := roast.NewSigner(roast.SignerConfig{Suite: suite, Key: kp, Message: roastMessage(scheme), RunID: roastRunID(scheme, s.p.nonce)})
	if err != nil {
		return err
	}
	s.signers[scheme] = sg
	fmt.Fprintf(s.p.log, "• ROAST %s: signer ready\n", scheme)
	return s.respond(scheme, suite, first)
}

// roastRequest answers one coordinator request. The signer checks it (the
// package holds this party's commitment, enough signers, the fixed
// message) before it signs anything.
func (s *server) roastRequest(scheme string, msg []byte) error {
	sg := s.signers[scheme]
	if sg == nil {
		return fmt.Errorf("ROAST %s: request before roast-start", scheme)
	}
	resp, err := sg.Receive(msg)
	if err != nil {
		return fmt.Errorf("ROAST %s: %w", scheme, err)
	}
	suite, _, err := s.roastKeys(scheme)
	if err != nil {
		return err
	}
	fmt.Fprintf(s.p.log, "• ROAST %s: signed session %d\n", scheme, resp.Session)
	return s.respond(scheme, suite, resp)
}

// respond sends a ROAST response, spoiled first by a -misbehave party.
func (s *server) respond(scheme string, suite frost.Ciphersuite, resp *roast.Response) error {
	if s.p.misbehave {
		if err := spoilShare(suite, resp); err != nil {
			return err
		}
	}
	b, err := resp.MarshalBinary()
	if err != nil {
		return err
	}
	return s.send(&reply{Op: opRoast, Scheme: scheme, Msg: b})
}
