package main

import (
	"context"
	"crypto/ed25519"
	"crypto/sha256"
	"fmt"
	"io"
	"log/slog"
	"sync"
	"time"

	"github.com/mosaic-mpc/mosaic/cggmp"
	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/mosaic-mpc/mosaic/dkg"
	"github.com/mosaic-mpc/mosaic/examples/console"
	"github.com/mosaic-mpc/mosaic/examples/jsonl"
	"github.com/mosaic-mpc/mosaic/frost"
	"github.com/mosaic-mpc/mosaic/paillier"
	"github.com/mosaic-mpc/mosaic/schnorr"
	"github.com/mosaic-mpc/mosaic/transport"
	"github.com/mosaic-mpc/mosaic/transport/tlsnet"
)

// The messages signed: fixed, so that anyone can check the output.
var (
	ecdsaMessage   = []byte("mosaic: threshold ECDSA across processes")
	ed25519Message = []byte("mosaic: FROST Ed25519 across processes")
	bip340Message  = sha256.Sum256([]byte("mosaic: FROST BIP-340 across processes"))
)

// defaultRoundTimeout bounds every round except aux-info's first ones:
// every party is connected and fast by then, so a silent party is a dead
// one. -round-timeout changes it; -chaos makes it chaosRoundTimeout.
const defaultRoundTimeout = time.Minute

// partyRun is one party's process.
type partyRun struct {
	self       transport.PartyID
	ids        []transport.PartyID
	t          int
	addrs      map[transport.PartyID]string
	pki        string
	nonce      []byte
	asJSON     bool
	verbose    bool
	auxTimeout time.Duration
	// roundTimeout bounds every round but aux-info's.
	roundTimeout time.Duration
	// level is the security level of this party's Paillier key.
	level    paillier.SecurityLevel
	out, log io.Writer

	// state, if set, makes the party serve a coordinator (serve.go):
	// after the setup steps it seals its keys into this directory, or with
	// resume opens them from there, then runs the commands read from in.
	state      string
	resume     bool
	passphrase []byte
	// misbehave makes the party cheat in every signing (misbehave.go).
	misbehave bool
	in        io.Reader

	node *tlsnet.Node
}

func (p *partyRun) run(ctx context.Context) error {
	if p.roundTimeout <= 0 {
		p.roundTimeout = defaultRoundTimeout
	}
	if err := p.connect(ctx); err != nil {
		return err
	}
	defer p.disconnect()
	if p.state != "" {
		return p.serve(ctx)
	}
	key, ked, err := p.setupKeys(ctx)
	if err != nil {
		return err
	}
	signers := p.ids[:p.t]
	if p.t == 1 {
		signers = p.ids[:2] // presigning needs two parties talking; any t' >= t signs
	}
	if !transport.Contains(signers, p.self) {
		fmt.Fprintf(p.log, "• not a signer (signers %v); done\n", signers)
		return nil
	}
	if err := p.ecdsa(ctx, key, signers); err != nil {
		return fmt.Errorf("ecdsa: %w", err)
	}
	if err := p.frost(ctx, frost.Ed25519SHA512(), ked, signers); err != nil {
		return fmt.Errorf("frost ed25519: %w", err)
	}
	if err := p.frost(ctx, frost.Secp256k1TR(), key.Share, signers); err != nil {
		return fmt.Errorf("frost bip340: %w", err)
	}
	return nil
}

// connect starts this party's tlsnet node and waits until it is connected
// to every peer; disconnect closes it.
func (p *partyRun) connect(ctx context.Context) error {
	cert, pool, err := tlsnet.LoadPKI(p.pki, p.self)
	if err != nil {
		return err
	}
	// Every party's identity key is its certificate's key: the key that
	// signs its messages in every run (so that every run agrees,
	// docs/agreement.md), and that every handshake checks. A first key
	// generation reads them from the certificates; later runs on the key
	// have them in the share's record too (dkg.KeyShare.Identities).
	identities, err := tlsnet.LoadIdentities(p.pki, p.ids)
	if err != nil {
		return err
	}
	peers := map[transport.PartyID]string{}
	for id, a := range p.addrs {
		if id != p.self {
			peers[id] = a
		}
	}
	level := slog.LevelError
	if p.verbose {
		level = slog.LevelDebug
	}
	cfg := tlsnet.Config{
		Self:        p.self,
		Peers:       peers,
		ListenAddr:  p.addrs[p.self],
		Certificate: cert,
		CA:          pool,
		Identities:  identities,
		Logger:      slog.New(slog.NewTextHandler(p.log, &slog.HandlerOptions{Level: level})),
	}
	if p.state != "" {
		// A party that serves a coordinator may see a peer die and come
		// back: redial it within a fraction of a round timeout.
		cfg.MaxBackoff = 250 * time.Millisecond
	}
	node, err := tlsnet.New(cfg)
	if err != nil {
		return err
	}
	p.node = node

	done := console.Step(p.log, "party %d: listening on %s, connecting to %d peers over mutual TLS 1.3; every run is signed with the certificate keys and agrees", p.self, p.addrs[p.self], len(peers))
	cctx, cancel := context.WithTimeout(ctx, time.Minute)
	err = node.WaitConnected(cctx)
	cancel()
	if err != nil {
		p.disconnect()
		return err
	}
	done()
	return nil
}

// disconnect flushes the last messages and closes the node.
func (p *partyRun) disconnect() {
	// The last messages must leave before the connections close.
	fctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	p.node.Flush(fctx)
	cancel()
	p.node.Close()
}

// setupKeys runs the key generations on both curves and aux-info, and
// returns the ECDSA key (whose Share is the secp256k1 share, for BIP-340
// too) and the edwards25519 share.
func (p *partyRun) setupKeys(ctx context.Context) (*cggmp.Key, *dkg.KeyShare, error) {
	// The safe-prime search is the slow part; it runs while the key
	// generations do.
	primes := make(chan auxResult, 1)
	pctx, stopPrimes := context.WithCancel(ctx)
	var wg sync.WaitGroup
	defer wg.Wait()
	defer stopPrimes()
	primesStart := time.Now()
	wg.Go(func() {
		sec, err := cggmp.GenerateAuxSecret(pctx, nil, paillier.WithLevel(p.level))
		primes <- auxResult{sec, err, time.Since(primesStart)}
	})

	done := console.Step(p.log, "DKG on secp256k1, %d-of-%d", p.t, len(p.ids))
	k1, err := p.dkg(ctx, curve.Secp256k1())
	if err != nil {
		return nil, nil, fmt.Errorf("dkg secp256k1: %w", err)
	}
	done()
	fmt.Fprintf(p.log, "  group key %x\n", k1.GroupKey.Bytes())
	done = console.Step(p.log, "DKG on edwards25519, %d-of-%d", p.t, len(p.ids))
	ked, err := p.dkg(ctx, curve.Edwards25519())
	if err != nil {
		return nil, nil, fmt.Errorf("dkg edwards25519: %w", err)
	}
	done()
	fmt.Fprintf(p.log, "  group key %x\n", ked.GroupKey.Bytes())

	done = console.Step(p.log, "Aux-info: waiting for this party's two safe primes, then Πmod, Πprm, Πfac with every party")
	res := <-primes
	if res.err != nil {
		return nil, nil, fmt.Errorf("safe primes: %w", res.err)
	}
	fmt.Fprintf(p.log, "  safe primes found in %v\n", res.took.Round(time.Millisecond))
	aux, err := p.aux(ctx, res.sec)
	if err != nil {
		return nil, nil, fmt.Errorf("aux-info: %w", err)
	}
	done()
	key, err := cggmp.NewKey(k1, aux)
	if err != nil {
		return nil, nil, err
	}
	return key, ked, nil
}

type auxResult struct {
	sec  *cggmp.AuxSecret
	err  error
	took time.Duration
}

// run runs one protocol step among parties, in the session sid.
//
// Every step's session id comes from the one run nonce, through the
// protocol's own helper: each binds its protocol's name and the step's
// public inputs (curve, parties, key, signers, message), so the ids of
// the steps differ, and every party derives the same ones alone.
//
// Every step is signed (identity), so a step that returns has been
// confirmed by every party of it: the machine then holds the certificate
// of their signed confirmations (transport.Certified), which a deployment
// stores with a new share or aux info, and which this party could show a
// party that ended with transport.ErrUnconfirmed. Here it is only checked.
func run[Out any](ctx context.Context, p *partyRun, parties []transport.PartyID, timeout time.Duration, sid []byte, m transport.Machine[Out]) (Out, error) {
	var zero Out
	s, err := p.node.Open(sid, parties)
	if err != nil {
		return zero, err
	}
	defer s.Close()
	out, err := transport.Run(ctx, m, s, transport.WithRoundTimeout(timeout))
	if err != nil {
		return zero, err
	}
	if c, ok := m.(transport.Certified); !ok || len(c.Certificate()) == 0 {
		return zero, fmt.Errorf("finished without a certificate: %w", transport.ErrUnconfirmed)
	}
	return out, nil
}

// identity is this party's transport.Identity for a step among parties:
// its certificate's key, and every party's from Config.Identities.
// MaxFaulty is left zero, for each protocol's default (the key's
// threshold less one).
func (p *partyRun) identity(parties []transport.PartyID) (*transport.Identity, error) {
	return p.node.Identity(parties, 0)
}

func (p *partyRun) dkg(ctx context.Context, c curve.Curve) (*dkg.KeyShare, error) {
	sid, err := dkg.SessionID(dkg.Protocol, c, p.ids, p.t, p.nonce)
	if err != nil {
		return nil, err
	}
	id, err := p.identity(p.ids)
	if err != nil {
		return nil, err
	}
	m, err := dkg.New(dkg.Config{Curve: c, Threshold: p.t, Parties: p.ids, Self: p.self, SessionID: sid, Identity: id})
	if err != nil {
		return nil, err
	}
	return run(ctx, p, p.ids, p.roundTimeout, sid, m)
}

func (p *partyRun) aux(ctx context.Context, sec *cggmp.AuxSecret) (*cggmp.AuxInfo, error) {
	sid, err := cggmp.AuxSessionID(p.ids, p.nonce)
	if err != nil {
		return nil, err
	}
	id, err := p.identity(p.ids)
	if err != nil {
		return nil, err
	}
	m, err := cggmp.NewAux(cggmp.AuxConfig{Parties: p.ids, Self: p.self, SessionID: sid, Secret: sec, Identity: id})
	if err != nil {
		return nil, err
	}
	return run(ctx, p, p.ids, p.auxTimeout, sid, m)
}

func (p *partyRun) ecdsa(ctx context.Context, key *cggmp.Key, signers []transport.PartyID) error {
	done := console.Step(p.log, "CGGMP presigning with signers %v (3 rounds)", signers)
	sid, err := cggmp.PresignSessionID(key, signers, nil, nil, p.nonce)
	if err != nil {
		return err
	}
	id, err := p.identity(signers)
	if err != nil {
		return err
	}
	pm, err := cggmp.NewPresign(cggmp.PresignConfig{Key: key, Signers: signers, SessionID: sid, Identity: id})
	if err != nil {
		return err
	}
	pres, err := run(ctx, p, signers, p.roundTimeout, sid, pm)
	if err != nil {
		return err
	}
	done()
	digest := sha256.Sum256(ecdsaMessage)
	done = console.Step(p.log, "CGGMP signing %q (1 round)", ecdsaMessage)
	if sid, err = cggmp.SignSessionID(pres, digest[:], p.nonce); err != nil {
		return err
	}
	sm, err := cggmp.NewSign(cggmp.SignConfig{Presignature: pres, Digest: digest[:], SessionID: sid, Identity: id})
	if err != nil {
		return err
	}
	sig, err := run(ctx, p, signers, p.roundTimeout, sid, sm)
	if err != nil {
		return err
	}
	done()
	pub := key.PublicKey()
	if err := cggmp.VerifyLowS(pub, digest[:], sig); err != nil {
		return err
	}
	if rec, err := cggmp.RecoverPublicKey(digest[:], sig); err != nil || !rec.Equal(pub) {
		return fmt.Errorf("the recovery id does not recover the key")
	}
	rid := int(sig.RecoveryID)
	return p.print(jsonl.Line{Scheme: jsonl.ECDSA, PublicKey: pub.Bytes(), Digest: digest[:], Signature: sig.Bytes(), RecoveryID: &rid}, signers)
}

func (p *partyRun) frost(ctx context.Context, suite frost.Ciphersuite, share *dkg.KeyShare, signers []transport.PartyID) error {
	taproot := suite.IsTaproot()
	kp, pub, err := frost.KeysFromShare(suite, share)
	if err != nil {
		return err
	}
	if taproot {
		// The BIP-341 output key of a key-path-only output: no script tree.
		if kp, err = kp.Tweak(nil); err != nil {
			return err
		}
		if pub, err = pub.Tweak(nil); err != nil {
			return err
		}
	}
	msg := ed25519Message
	if taproot {
		msg = bip340Message[:]
	}
	done := console.Step(p.log, "FROST %s signing with signers %v (2 rounds)", suite.Name(), signers)
	sid, err := frost.SessionID(suite, pub, signers, msg, p.nonce)
	if err != nil {
		return err
	}
	id, err := p.identity(signers)
	if err != nil {
		return err
	}
	m, err := newFrostSign(suite, kp, pub, p.self, signers, sid, msg, id)
	if err != nil {
		return err
	}
	sig, err := run(ctx, p, signers, p.roundTimeout, sid, m)
	if err != nil {
		return err
	}
	done()
	if !taproot {
		pk := pub.GroupKey().Bytes()
		if !ed25519.Verify(pk, msg, sig) {
			return fmt.Errorf("crypto/ed25519 rejects the signature")
		}
		return p.print(jsonl.Line{Scheme: jsonl.Ed25519, PublicKey: pk, Message: msg, Signature: sig}, signers)
	}
	xonly, err := curve.XOnlyBytes(pub.GroupKey())
	if err != nil {
		return err
	}
	if err := schnorr.Verify(xonly, msg, sig); err != nil {
		return err
	}
	internal, err := curve.XOnlyBytes(share.GroupKey)
	if err != nil {
		return err
	}
	line := jsonl.Line{Scheme: jsonl.BIP340, PublicKey: xonly, Message: msg, Signature: sig,
		Extra: map[string]any{"internal_key": fmt.Sprintf("%x", internal), "tweak": "BIP-341 key path, no script tree"}}
	return p.print(line, signers)
}

// print writes a verified signature: a JSON line on stdout with -json,
// else a few readable lines on stdout.
func (p *partyRun) print(l jsonl.Line, signers []transport.PartyID) error {
	if p.asJSON {
		if l.Extra == nil {
			l.Extra = map[string]any{}
		}
		l.Extra["signers"] = signers
		l.Extra["party"] = p.self
		return jsonl.Write(p.out, l)
	}
	fmt.Fprintf(p.out, "%s signature, verified\n  public key %x\n", l.Scheme, l.PublicKey)
	if l.Scheme == jsonl.ECDSA {
		fmt.Fprintf(p.out, "  digest     %x\n  signature  %x (recovery id %d)\n", l.Digest, l.Signature, *l.RecoveryID)
	} else {
		fmt.Fprintf(p.out, "  message    %x\n  signature  %x\n", l.Message, l.Signature)
	}
	return nil
}
