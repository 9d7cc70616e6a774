package cggmp

import (
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
	"sync"

	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/mosaic-mpc/mosaic/hd"
	"github.com/mosaic-mpc/mosaic/internal/transcript"
	"github.com/mosaic-mpc/mosaic/transport"
)

// Presignature is one party's output of presigning: the nonce point R and
// this party's shares k_i and χ_i = (k·x)_i, plus the public values that let
// anyone check each party's partial signature. It signs exactly one digest,
// for the key (and tweak) it was made for; SignShare consumes it.
//
// The secret shares and the used flag live behind a pointer that every copy
// of a Presignature shares: a copy made by value (p2 := *p) is the same
// presignature, consumed when the original is and refused afterwards,
// never a second use of the nonce. The zero value holds no secrets and
// signs nothing (ErrInvalidPresignature).
type Presignature struct {
	// secret is shared by every copy, so consuming one consumes all.
	secret    *presignSecret
	sessionID []byte
	// generation is KeyGeneration of the key it was made with, which
	// MarshalBinary records and CheckKey compares.
	generation []byte
	// threshold is the key's: signing with an Identity defaults its
	// MaxFaulty to threshold-1.
	threshold int
	self      transport.PartyID
	signers   []transport.PartyID
	pub       curve.Point
	path      hd.Path
	tweak     curve.Scalar
	// R = δ⁻¹·Γ = k⁻¹·G.
	R curve.Point
	// Delta[j] = k_j·R and S[j] = χ_j·R.
	Delta, S map[transport.PartyID]curve.Point
}

// presignSecret is the single-use part of a Presignature: the shares k_i
// and χ_i and whether they were used. Copies of a Presignature point to one
// presignSecret, so the flag and the zeroing are seen by all of them.
type presignSecret struct {
	mu     sync.Mutex
	used   bool
	k, chi curve.Scalar
}

// newPresignSecret holds k and χ (not copies: the caller gives them up).
func newPresignSecret(k, chi curve.Scalar) *presignSecret {
	return &presignSecret{k: k, chi: chi}
}

// zeroize erases the shares and marks them used; the caller holds mu.
func (s *presignSecret) zeroize() {
	s.used = true
	for _, x := range []curve.Scalar{s.k, s.chi} {
		if x != nil {
			x.Zeroize()
		}
	}
}

// ErrPresignatureUsed is returned when a presignature is used a second time.
var ErrPresignatureUsed = errors.New("cggmp: presignature already used")

// ErrInvalidPresignature is returned when a nil or zero Presignature (one
// not made by presigning) is asked to sign.
var ErrInvalidPresignature = errors.New("cggmp: nil or zero presignature")

// ErrPathMismatch is returned when a presignature made for one derivation
// path is asked to sign for another.
var ErrPathMismatch = errors.New("cggmp: presignature was made for another derivation path")

// ErrPartialSignature names a party whose partial signature is invalid.
var ErrPartialSignature = errors.New("cggmp: invalid partial signature")

// PublicKey returns the key (tweak included) that the presignature signs
// for, or nil for a nil or zero Presignature.
func (p *Presignature) PublicKey() curve.Point {
	if p == nil {
		return nil
	}
	return p.pub
}

// Signers returns the signing set (nil for a nil or zero Presignature).
func (p *Presignature) Signers() []transport.PartyID {
	if p == nil {
		return nil
	}
	return transport.SortedCopy(p.signers)
}

// Path returns the derivation path the presignature signs for (nil for the
// root key, and for a nil Presignature).
func (p *Presignature) Path() hd.Path {
	if p == nil {
		return nil
	}
	return append(hd.Path(nil), p.path...)
}

// complete reports whether p is a presignature made by presigning rather
// than nil or a zero value: without its secret, R or key it signs nothing.
func (p *Presignature) complete() bool {
	return p != nil && p.secret != nil && p.pub != nil && p.R != nil
}

// SignShareAt is SignShare for a caller that names the derivation path it
// means to sign for: a presignature made for another path refuses, and is
// not consumed.
func (p *Presignature) SignShareAt(path hd.Path, digest []byte) (*PartialSignature, error) {
	if !p.complete() {
		return nil, ErrInvalidPresignature
	}
	if !slices.Equal(path, p.path) {
		return nil, fmt.Errorf("%w: made for %q, asked for %q", ErrPathMismatch, p.path, path)
	}
	return p.SignShare(digest)
}

// PartialSignature is one party's share σ_i of a signature.
type PartialSignature struct {
	// From is the signer that made it.
	From transport.PartyID
	// Sigma is σ_i = ρ⁻¹·(k_i·e + r'·χ_i).
	Sigma curve.Scalar
}

// rerandomizer returns ρ and R' = ρ·R for a digest. Signing with R' instead
// of R binds the nonce to the digest through a hash, the mitigation of
// Groth and Shoup (ePrint 2021/1330, Section 6, "re-randomized
// presignatures"), here applied multiplicatively so that it stays linear in
// the shares: with nonce ρ·k⁻¹, s = ρ⁻¹·(k·e + r'·k·x). An attacker who
// learns R before choosing the digest cannot aim at a useful R' (the raw
// digest forgery of CVE-2025-66017 and the related-key attacks on
// additively derived keys), because R' moves unpredictably with the digest,
// the key, the tweak and the presigning session.
func (p *Presignature) rerandomizer(digest []byte) (curve.Scalar, curve.Point) {
	c := p.R.Curve()
	t := transcript.New(PresignProtocol + "/rerandomize")
	t.AppendBytes("session", p.sessionID)
	t.AppendPoint("R", p.R)
	t.AppendPoint("public key", p.pub)
	t.AppendBytes("path", []byte(p.path.String()))
	if p.tweak != nil {
		t.AppendScalar("tweak", p.tweak)
	}
	t.AppendBytes("digest", digest)
	for {
		rho := c.ScalarFromNat(t.ChallengeNat("rho", c.Order()))
		if !rho.IsZero() {
			return rho, p.R.VarTimeScalarMult(rho)
		}
	}
}

// SignShare computes this party's partial signature on a 32-byte digest and
// consumes the presignature: its secret shares are zeroed and any later call
// fails with ErrPresignatureUsed, whatever happens to the signature. Copies
// of p share that state: once one of them signed, all of them refuse. A nil
// or zero Presignature returns ErrInvalidPresignature. A digest the curve
// refuses (on the Stark curve, ErrStarkMessageHash) or a nonce point R'
// whose r it refuses (ErrNonceRange) is refused before the shares are
// used, and the presignature stays unconsumed.
func (p *Presignature) SignShare(digest []byte) (*PartialSignature, error) {
	if !p.complete() {
		return nil, ErrInvalidPresignature
	}
	// The digest and the nonce point are public: a digest or an r the
	// curve refuses is refused before the secret is touched, and the
	// presignature stays unused (ErrNonceRange says why that is safe).
	e, err := digestScalarOn(p.R.Curve(), digest)
	if err != nil {
		return nil, err
	}
	rho, R2 := p.rerandomizer(digest)
	r, _, err := nonceScalarVarTime(R2)
	if err != nil {
		return nil, err
	}
	s := p.secret
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.used {
		return nil, ErrPresignatureUsed
	}
	defer s.zeroize()
	if s.k == nil || s.chi == nil || s.k.IsZero() || s.chi.IsZero() {
		// Zeroed behind our back (a share is never zero otherwise, but
		// for a negligible chance): signing would reveal nothing useful
		// and produce a wrong partial, so refuse as used.
		return nil, ErrPresignatureUsed
	}
	sigma := rho.Invert().Mul(s.k.Mul(e).Add(r.Mul(s.chi)))
	return &PartialSignature{From: p.self, Sigma: sigma}, nil
}

// Used reports whether the presignature has been consumed (by SignShare or
// Discard, through p or any copy of it). A nil, zero or incomplete
// Presignature, which can never sign, reports true.
func (p *Presignature) Used() bool {
	if !p.complete() {
		return true
	}
	p.secret.mu.Lock()
	defer p.secret.mu.Unlock()
	return p.secret.used
}

// Discard zeroes the presignature's secrets without signing, for example
// after an abort (presignatures are never retried automatically). Every
// copy of p is discarded with it. Safe to call repeatedly and on a nil or
// zero Presignature.
func (p *Presignature) Discard() {
	if p == nil || p.secret == nil {
		return
	}
	p.secret.mu.Lock()
	defer p.secret.mu.Unlock()
	p.secret.zeroize()
}

// Zeroize is Discard, under the name the module's other secret-holding
// types use.
func (p *Presignature) Zeroize() { p.Discard() }

// publicRecord encodes the public part of the presignature, what every
// signer of its run holds the same of and confirms before presigning
// returns it (transport.FinishConfirmed), and what the context of a
// signing with it binds (signContext):
//
//	session id | signers | public key | path | tweak | R | k_j·R, χ_j·R for each signer
//
// with the session id, path and tweak length-prefixed (an empty tweak
// field for none), the signers as a 4-byte count and 4 bytes each, and
// points in their fixed-size encodings, signer by signer in increasing
// order. A presignature missing a point (a zero value) encodes without
// it: it signs nothing anyway.
func (p *Presignature) publicRecord() []byte {
	out := appendField(nil, p.sessionID)
	out = binary.BigEndian.AppendUint32(out, uint32(len(p.signers)))
	for _, j := range p.signers {
		out = binary.BigEndian.AppendUint32(out, uint32(j))
	}
	out = appendPoint(out, p.pub)
	out = appendFields(out, p.pathBytes(), p.tweakBytes())
	out = appendPoint(out, p.R)
	for _, j := range p.signers {
		out = appendPoint(appendPoint(out, p.Delta[j]), p.S[j])
	}
	return out
}

// appendPoint appends P's encoding, nothing for a nil point.
func appendPoint(out []byte, P curve.Point) []byte {
	if P == nil {
		return out
	}
	return append(out, P.Bytes()...)
}

// Combine sums the partial signatures, normalises the result to the
// curve's form (low S on secp256k1 and P-256, flipping the recovery id;
// Starknet's s⁻¹ range on the Stark curve) and verifies it with
// VerifyChainForm under the presignature's public key before returning it. Only when that verification fails does
// it check the partial signatures one by one,
// σ_j·R = ρ⁻¹·(e·Δ_j + r'·S_j), and name every signer whose share is wrong
// (SECURITY.md case 25): a valid signature needs no per-party checks (the
// s of a valid signature is fixed up to its sign, which normalisation
// removes), and one verification costs about as much as a single party's
// check. Partial signatures from unknown or repeated signers, and missing
// ones, are named first, in a *transport.AbortError of SignProtocol's round
// 1. Any party (or a coordinator) holding the presignature's public part
// can call it. A nil Presignature, or one without its public part, returns
// ErrInvalidPresignature.
func (p *Presignature) Combine(digest []byte, partials []*PartialSignature) (*Signature, error) {
	if p == nil || p.pub == nil || p.R == nil {
		return nil, ErrInvalidPresignature
	}
	sig, err := p.combine(digest, partials)
	var abort *transport.AbortError
	if errors.As(err, &abort) {
		abort.Protocol, abort.Round = SignProtocol, 1
	}
	return sig, err
}

// combine is Combine inside a Machine, whose round framework fills in the
// protocol and round of an abort.
func (p *Presignature) combine(digest []byte, partials []*PartialSignature) (*Signature, error) {
	c := p.R.Curve()
	e, err := digestScalarOn(c, digest)
	if err != nil {
		return nil, err
	}
	rho, R2 := p.rerandomizer(digest)
	r, recid, err := nonceScalarVarTime(R2)
	if err != nil {
		return nil, err
	}
	blame := new(transport.Blame)
	byParty := map[transport.PartyID]curve.Scalar{}
	for _, ps := range partials {
		if ps == nil || ps.Sigma == nil {
			continue
		}
		switch _, dup := byParty[ps.From]; {
		case dup:
			blame.Add(ps.From, fmt.Errorf("%w: two partial signatures", ErrPartialSignature))
		case !transport.Contains(p.signers, ps.From):
			blame.Add(ps.From, fmt.Errorf("%w: not a signer", ErrPartialSignature))
		default:
			byParty[ps.From] = ps.Sigma
		}
	}
	if err := blame.Err("invalid partial signature"); err != nil {
		return nil, err
	}
	sum := c.NewScalar()
	for _, j := range p.signers {
		sigma, ok := byParty[j]
		if !ok {
			blame.Add(j, fmt.Errorf("%w: missing", ErrPartialSignature))
			continue
		}
		sum = sum.Add(sigma)
	}
	if err := blame.Err("missing partial signature"); err != nil {
		return nil, err
	}
	sig := finishSignature(r, sum, recid)
	verr := VerifyChainForm(p.pub, digest, sig)
	if verr == nil {
		return sig, nil
	}
	rhoInv := rho.Invert()
	a, b := e.Mul(rhoInv), r.Mul(rhoInv)
	for _, j := range p.signers {
		want := c.VarTimeMultiScalarMult([]curve.Scalar{a, b}, []curve.Point{p.Delta[j], p.S[j]})
		if !p.R.VarTimeScalarMult(byParty[j]).Equal(want) {
			blame.Add(j, ErrPartialSignature)
		}
	}
	if err := blame.Err("invalid partial signature"); err != nil {
		return nil, err
	}
	return nil, fmt.Errorf("cggmp: combined signature does not verify: %w", verr)
}

// pathBytes encodes the derivation path, four bytes per step, for the
// public record and the stored encoding.
func (p *Presignature) pathBytes() []byte {
	path := make([]byte, 0, 4*len(p.path))
	for _, i := range p.path {
		path = binary.BigEndian.AppendUint32(path, i)
	}
	return path
}

// tweakBytes encodes the tweak, or nothing when there is none.
func (p *Presignature) tweakBytes() []byte {
	if p.tweak == nil {
		return nil
	}
	return p.tweak.Bytes()
}
