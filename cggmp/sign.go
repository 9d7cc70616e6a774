package cggmp

import (
	"errors"
	"fmt"
	"slices"

	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/mosaic-mpc/mosaic/hd"
	"github.com/mosaic-mpc/mosaic/transport"
)

// SignProtocol names the one-round signing protocol and its version.
const SignProtocol = "mosaic/cggmp/sign/v1"

// FullSignProtocol names presigning and signing run as one protocol.
const FullSignProtocol = "mosaic/cggmp/full-sign/v1"

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
// signer sends its partial signature to the others; each checks every
// partial, names any bad signer, and returns the low-S signature with its
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
	return transport.NewOldMachine(transport.Config{
		Protocol:  SignProtocol,
		SessionID: cfg.SessionID,
		Self:      p.self,
		Parties:   p.signers,
		Rounds:    1,
	}, &signRound{pres: p, digest: cfg.Digest, number: 1})
}

// signRound sends this party's partial signature and combines everyone's.
// It is round 1 of NewSign and round 4 of NewFullSign.
type signRound struct {
	pres   *Presignature
	digest []byte
	number int
	own    *PartialSignature
}

func (r *signRound) Number() int               { return r.number }
func (r *signRound) Expects() transport.Expect { return transport.Expect{Direct: true} }

// Start signs. The partial signature goes to each peer as a direct message:
// a valid σ_j is unique (each is checked against public values), so there
// is nothing to equivocate and no echo round is needed.
func (r *signRound) Start() ([]*transport.Message, error) {
	ps, err := r.pres.SignShare(r.digest)
	if err != nil {
		return nil, err
	}
	r.own = ps
	var out []*transport.Message
	for _, j := range r.pres.signers {
		if j != r.pres.self {
			out = append(out, &transport.Message{To: j, Payload: ps.Sigma.Bytes()})
		}
	}
	return out, nil
}

func (r *signRound) Finalize(in *transport.Inbox) ([]*transport.Message, transport.OldRound[*Signature], **Signature, error) {
	c := curve.Secp256k1()
	partials := []*PartialSignature{r.own}
	var bad []transport.PartyID
	for _, j := range in.Senders() {
		s, err := c.DecodeScalar(in.Direct(j))
		if err != nil {
			bad = append(bad, j)
			continue
		}
		partials = append(partials, &PartialSignature{From: j, Sigma: s})
	}
	if len(bad) > 0 {
		return nil, nil, nil, transport.NewAbortError(SignProtocol, r.number, "malformed partial signature", ErrPartialSignature, bad...)
	}
	sig, err := r.pres.Combine(r.digest, partials)
	if err != nil {
		var abort *transport.AbortError
		if errors.As(err, &abort) {
			abort.Round = r.number
		}
		return nil, nil, nil, err
	}
	return nil, nil, &sig, nil
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
	return newPresignMachine[*Signature](st, FullSignProtocol, &signAfterPresign{digest: append([]byte{}, cfg.Digest...)})
}

// signAfterPresign makes round 4 of NewFullSign carry partial signatures.
type signAfterPresign struct {
	digest []byte
	own    *PartialSignature
}

func (s *signAfterPresign) body(p *Presignature) ([]byte, error) {
	ps, err := p.SignShare(s.digest)
	if err != nil {
		return nil, err
	}
	s.own = ps
	return ps.Sigma.Bytes(), nil
}

func (s *signAfterPresign) result(p *Presignature, bodies map[transport.PartyID][]byte) (*Signature, error) {
	c := curve.Secp256k1()
	var partials []*PartialSignature
	var bad []transport.PartyID
	for j, b := range bodies {
		sigma, err := c.DecodeScalar(b)
		if err != nil {
			bad = append(bad, j)
			continue
		}
		partials = append(partials, &PartialSignature{From: j, Sigma: sigma})
	}
	if len(bad) > 0 {
		return nil, transport.NewAbortError(FullSignProtocol, presignFinal, "malformed partial signature", ErrPartialSignature, bad...)
	}
	sig, err := p.Combine(s.digest, append(partials, s.own))
	if err != nil {
		var abort *transport.AbortError
		if errors.As(err, &abort) {
			abort.Protocol, abort.Round = FullSignProtocol, presignFinal
		}
		return nil, err
	}
	return sig, nil
}
