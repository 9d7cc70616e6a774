package cggmp

import (
	"bytes"
	"encoding"
	"fmt"
	"slices"

	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/mosaic-mpc/mosaic/hd"
	"github.com/mosaic-mpc/mosaic/transport"
)

// SignProtocol names the one-round signing protocol and its version.
// Version 3 broadcasts the partial signatures (version 2 sent them as
// direct messages), so that a signer that sends different ones to
// different peers has signed two broadcasts of one round; every message
// binds the run context (the presignature's public part, the digest, the
// identity keys), and a run with identities ends with a confirmation
// round.
const SignProtocol = "mosaic/cggmp/sign/v3"

// FullSignProtocol names presigning and signing run as one protocol.
// Version 3: what PresignProtocol's version 4 changed, with the digest in
// the run context.
const FullSignProtocol = "mosaic/cggmp/full-sign/v3"

// SignConfig configures one party's signing round.
type SignConfig struct {
	// Presignature is consumed by the run, whatever its outcome.
	Presignature *Presignature
	// Digest is the 32-byte message hash to sign.
	Digest []byte
	// SessionID is fresh for every run and the same at every signer
	// (SignSessionID derives it).
	SessionID []byte
	// Path is the derivation path to sign for; it must be the one the
	// presignature was made for (nil for the root key), or the run refuses
	// to start.
	Path hd.Path
	// Identity, if set, signs every message of this signer with its
	// long-term identity key and makes the run agree (docs/agreement.md):
	// every honest signer ends with the same outcome, the same signature
	// or an abort naming the same culprits. Its Peers must hold the
	// identity key of every signer of the presignature; keys of other
	// holders of the key are left out. Its MaxFaulty defaults to the key's
	// threshold less one, capped to the number of signers less one. nil
	// keeps the unsigned contract, under which a malicious signer can make
	// honest signers disagree.
	Identity *transport.Identity
	// Key, if set, is this signer's key as it is now: a presignature made
	// with another generation of it (before a refresh, which changes
	// every public share) or for another party is refused with
	// ErrPresignatureGeneration, and is not consumed. Set it whenever the
	// presignature may be older than the key's last refresh: one held in
	// memory across a refresh would otherwise sign with the share the
	// refresh retired. nil skips the check.
	Key *Key
}

// NewSign returns the one-round signing Machine (CGGMP21 Fig. 8): each
// signer broadcasts its partial signature; each combines them, verifies
// the sum, checks the partials one by one only when it fails (to name
// every bad signer), and returns the signature in the curve's form (low S
// on secp256k1 and P-256) with its recovery id, verified under the public
// key. The presignature is consumed by Start; a digest the curve refuses
// (ErrDigestLength, ErrStarkMessageHash) is refused here.
// An Identity the transport refuses, or without a signer's key, is an
// error wrapping ErrConfig.
//
// Every message carries the run context, a digest of the presignature's
// public part (its presigning run, signers, key and derivation), the
// digest and the identity keys: signers that differ in one of them end at
// once with transport.ErrContextMismatch, naming nobody. With cfg.Identity
// the machine adds a round in which every signer confirms the signature
// (transport.FinishConfirmed), and returns it only once every signer has
// confirmed it. A signer that ends with transport.ErrUnconfirmed had the
// signature but not every confirmation: the others may have finished with
// it, and the machine's Commit (transport.Committer) returns it given a
// certificate from one of them.
func NewSign(cfg SignConfig) (transport.Machine[*Signature], error) {
	p := cfg.Presignature
	if !p.complete() {
		return nil, fmt.Errorf("%w: %w", ErrConfig, ErrInvalidPresignature)
	}
	if _, err := digestScalarOn(p.R.Curve(), cfg.Digest); err != nil {
		return nil, err
	}
	if p.Used() {
		return nil, ErrPresignatureUsed
	}
	if !slices.Equal(cfg.Path, p.path) {
		return nil, fmt.Errorf("%w: made for %q, asked for %q", ErrPathMismatch, p.path, cfg.Path)
	}
	if cfg.Key != nil {
		if err := p.CheckKey(cfg.Key); err != nil {
			return nil, err
		}
	}
	// f = t-1, capped to the signers, as in presigning.
	id, err := runIdentity(cfg.Identity, p.signers, min(p.threshold, len(p.signers))-1, nil)
	if err != nil {
		return nil, err
	}
	ctx, err := signContext(p, cfg.Digest, id)
	if err != nil {
		return nil, err
	}
	m, err := transport.NewMachine(transport.Config{
		Protocol:  SignProtocol,
		SessionID: cfg.SessionID,
		Self:      p.self,
		Parties:   p.signers,
		Context:   ctx,
		Identity:  id,
	}, &signRound{pres: p, digest: bytes.Clone(cfg.Digest)})
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrConfig, err)
	}
	return m, nil
}

// partialSignature is the message of signing (Fig. 8, round 1): σ_i, a
// 32-byte scalar below the group order. NewSign broadcasts it in a regular
// envelope, as round 4 of NewFullSign does.
type partialSignature struct {
	Sigma curve.Scalar
}

// MarshalBinary encodes σ_i.
func (m *partialSignature) MarshalBinary() ([]byte, error) { return m.Sigma.Bytes(), nil }

// decodePartialSignature reads σ_j (ErrPartialSignature if it is not a
// canonical scalar).
func decodePartialSignature(c curve.Curve, b []byte) (*partialSignature, error) {
	s, err := c.DecodeScalar(b)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrPartialSignature, err)
	}
	return &partialSignature{Sigma: s}, nil
}

// signRound sends this party's partial signature and combines everyone's.
type signRound struct {
	pres   *Presignature
	digest []byte
	own    *PartialSignature
}

// Expects implements transport.Round: one broadcast from every signer.
// Without identities it needs no echo round (lastRound): a valid σ_j is
// unique, each is checked against public values, so a signer that sends
// different ones to different peers can at most make some of them abort,
// naming it, while the others finish. With identities that split is what
// the run must not end in: the confirmation round of FinishConfirmed
// carries the echo of the partial signatures, one withheld from some
// signers is relayed to them by the others, and two different ones signed
// by one signer prove its equivocation to every peer.
func (r *signRound) Expects() transport.Expect { return lastRound() }

// Start is Fig. 8, round 1: σ_i, which consumes the presignature.
func (r *signRound) Start() ([]*transport.Message, error) {
	ps, err := r.pres.SignShare(r.digest)
	if err != nil {
		return nil, err
	}
	r.own = ps
	body, err := (&partialSignature{Sigma: ps.Sigma}).MarshalBinary()
	if err != nil {
		return nil, err
	}
	payload, err := regularEnvelope(body).MarshalBinary()
	if err != nil {
		return nil, err
	}
	return []*transport.Message{{Payload: payload}}, nil
}

// Finalize is Fig. 8, output: σ = Σ_j σ_j, checked (Combine).
func (r *signRound) Finalize(in *transport.Inbox) transport.Step[*Signature] {
	blame := new(transport.Blame)
	partials := []*PartialSignature{r.own}
	for _, j := range in.Senders() {
		ps, err := r.decode(j, in.Broadcast(j))
		if !blame.Add(j, err) {
			partials = append(partials, ps)
		}
	}
	sig, err := combineChecked(r.pres, r.digest, partials, blame)
	if err != nil {
		return transport.Abort[*Signature](err)
	}
	// A signer that got a bad partial signature cannot combine without it
	// (the signature needs every signer's), so without the confirmation of
	// a run with identities some signers would finish and it would not.
	return transport.FinishConfirmed(sig, sig.publicRecord())
}

// decode reads sender j's partial signature from its envelope.
func (r *signRound) decode(j transport.PartyID, payload []byte) (*PartialSignature, error) {
	e, err := decodeEnvelope(payload, j, r.pres.signers)
	if err == nil && e.kind != kindRegular {
		err = fmt.Errorf("%w: kind %d", ErrMessageKind, e.kind)
	}
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrPartialSignature, err)
	}
	m, err := decodePartialSignature(r.pres.R.Curve(), e.body)
	if err != nil {
		return nil, err
	}
	return &PartialSignature{From: j, Sigma: m.Sigma}, nil
}

// combineChecked combines the partial signatures, unless blame names a
// signer whose partial signature did not decode.
func combineChecked(p *Presignature, digest []byte, partials []*PartialSignature, blame *transport.Blame) (*Signature, error) {
	if err := blame.Err("malformed partial signature"); err != nil {
		return nil, err
	}
	return p.combine(digest, partials)
}

// FullSignConfig configures presigning and signing in one run, for callers
// who do not keep presignatures.
type FullSignConfig struct {
	PresignConfig
	// Digest is the 32-byte message hash to sign.
	Digest []byte
}

// NewFullSign returns a Machine that presigns (rounds 1-3) and signs in
// round 4, whose broadcast is this party's partial signature instead of
// presigning's empty confirmation; complaints and identification run as in
// NewPresign. The presignature never leaves the machine. Its run context
// binds the digest too, and with an Identity (PresignConfig.Identity) the
// machine adds a round in which every signer confirms the signature
// (transport.FinishConfirmed), as NewSign does.
func NewFullSign(cfg FullSignConfig) (transport.Machine[*Signature], error) {
	if len(cfg.Digest) != 32 {
		return nil, fmt.Errorf("%w: got %d", ErrDigestLength, len(cfg.Digest))
	}
	st, err := newPresignState(cfg.PresignConfig)
	if err != nil {
		return nil, err
	}
	if _, err := digestScalarOn(st.curve, cfg.Digest); err != nil {
		st.discard()
		return nil, err
	}
	digest := bytes.Clone(cfg.Digest)
	return newPresignMachine[*Signature](st, FullSignProtocol, digest, &signAfterPresign{digest: digest})
}

// signAfterPresign makes round 4 of NewFullSign carry partial signatures.
type signAfterPresign struct {
	digest []byte
	own    *PartialSignature
}

func (s *signAfterPresign) message(p *Presignature) (encoding.BinaryMarshaler, error) {
	ps, err := p.SignShare(s.digest)
	if err != nil {
		return nil, err
	}
	s.own = ps
	return &partialSignature{Sigma: ps.Sigma}, nil
}

func (s *signAfterPresign) public(sig *Signature) []byte { return sig.publicRecord() }

func (s *signAfterPresign) result(p *Presignature, ri *roundIn) (*Signature, error) {
	blame := new(transport.Blame)
	ri.blameKinds(blame, kindRegular)
	partials := []*PartialSignature{s.own}
	for j, e := range ri.msgs {
		if e.kind != kindRegular {
			continue
		}
		m, err := decodePartialSignature(p.R.Curve(), e.body)
		if !blame.Add(j, err) {
			partials = append(partials, &PartialSignature{From: j, Sigma: m.Sigma})
		}
	}
	return combineChecked(p, s.digest, partials, blame)
}
