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
const SignProtocol = "mosaic/cggmp/sign/v2"

// FullSignProtocol names presigning and signing run as one protocol.
const FullSignProtocol = "mosaic/cggmp/full-sign/v2"

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
}

// NewSign returns the one-round signing Machine (CGGMP21 Fig. 8): each
// signer sends its partial signature to the others; each combines them,
// verifies the sum, checks the partials one by one only when it fails (to
// name every bad signer), and returns the low-S signature with its
// recovery id, verified under the public key. The presignature is consumed
// by Start.
func NewSign(cfg SignConfig) (transport.Machine[*Signature], error) {
	p := cfg.Presignature
	if p == nil {
		return nil, fmt.Errorf("%w: no presignature", ErrConfig)
	}
	if len(cfg.Digest) != 32 {
		return nil, fmt.Errorf("%w: got %d", ErrDigestLength, len(cfg.Digest))
	}
	if p.Used() {
		return nil, ErrPresignatureUsed
	}
	if !slices.Equal(cfg.Path, p.path) {
		return nil, fmt.Errorf("%w: made for %q, asked for %q", ErrPathMismatch, p.path, cfg.Path)
	}
	return transport.NewMachine(transport.Config{
		Protocol:  SignProtocol,
		SessionID: cfg.SessionID,
		Self:      p.self,
		Parties:   p.signers,
	}, &signRound{pres: p, digest: bytes.Clone(cfg.Digest)})
}

// partialSignature is the message of signing (Fig. 8, round 1): σ_i, a
// 32-byte scalar below the group order. NewSign sends it in a regular
// envelope to each peer; round 4 of NewFullSign broadcasts it.
type partialSignature struct {
	Sigma curve.Scalar
}

// MarshalBinary encodes σ_i.
func (m *partialSignature) MarshalBinary() ([]byte, error) { return m.Sigma.Bytes(), nil }

// decodePartialSignature reads σ_j (ErrPartialSignature if it is not a
// canonical scalar).
func decodePartialSignature(b []byte) (*partialSignature, error) {
	s, err := curve.Secp256k1().DecodeScalar(b)
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

// Expects implements transport.Round: a direct message from every signer
// to every other. A valid σ_j is unique (each is checked against public
// values), so there is nothing to equivocate and no echo round is needed.
func (r *signRound) Expects() transport.Expect { return transport.Expect{Direct: true} }

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
	var out []*transport.Message
	for _, j := range othersOf(r.pres.signers, r.pres.self) {
		out = append(out, &transport.Message{To: j, Payload: payload})
	}
	return out, nil
}

// Finalize is Fig. 8, output: σ = Σ_j σ_j, checked (Combine).
func (r *signRound) Finalize(in *transport.Inbox) transport.Step[*Signature] {
	blame := new(transport.Blame)
	partials := []*PartialSignature{r.own}
	for _, j := range in.Senders() {
		ps, err := r.decode(j, in.Direct(j))
		if !blame.Add(j, err) {
			partials = append(partials, ps)
		}
	}
	sig, err := combineChecked(r.pres, r.digest, partials, blame)
	if err != nil {
		return transport.Abort[*Signature](err)
	}
	return transport.Finish(sig)
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
	m, err := decodePartialSignature(e.body)
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
// NewPresign. The presignature never leaves the machine.
func NewFullSign(cfg FullSignConfig) (transport.Machine[*Signature], error) {
	if len(cfg.Digest) != 32 {
		return nil, fmt.Errorf("%w: got %d", ErrDigestLength, len(cfg.Digest))
	}
	st, err := newPresignState(cfg.PresignConfig)
	if err != nil {
		return nil, err
	}
	return newPresignMachine[*Signature](st, FullSignProtocol, &signAfterPresign{digest: bytes.Clone(cfg.Digest)})
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

func (s *signAfterPresign) result(p *Presignature, ri *roundIn) (*Signature, error) {
	blame := new(transport.Blame)
	ri.blameKinds(blame, kindRegular)
	partials := []*PartialSignature{s.own}
	for j, e := range ri.msgs {
		if e.kind != kindRegular {
			continue
		}
		m, err := decodePartialSignature(e.body)
		if !blame.Add(j, err) {
			partials = append(partials, &PartialSignature{From: j, Sigma: m.Sigma})
		}
	}
	return combineChecked(p, s.digest, partials, blame)
}
