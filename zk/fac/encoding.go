package fac

import (
	"fmt"

	"github.com/mosaic-mpc/mosaic/zk"
)

// Encoding header: a version byte and a kind byte, so that a Πfac proof is
// never parsed as another proof.
const (
	encodingVersion = 1
	encodingKind    = 'f'
)

// Upper bounds on field sizes at decode time, for the largest modulus
// accepted (MaxModulusBits). Verify then applies the exact ranges of the
// statement.
const (
	maxCommitBits = MaxModulusBits
	maxSigmaBits  = zk.L + 2*MaxModulusBits
	maxZBits      = zk.L + zk.Epsilon + MaxModulusBits/2 + 1
	maxWBits      = zk.L + zk.Epsilon + 1 + MaxModulusBits
	maxVBits      = zk.L + zk.Epsilon + 1 + 2*MaxModulusBits
)

// MarshalBinary encodes the proof: version, kind, then P, Q, A, B, T, σ, z1,
// z2, w1, w2, v in the wire format of wire.go.
func (p *Proof) MarshalBinary() ([]byte, error) {
	if p == nil || p.P == nil || p.Q == nil || p.A == nil || p.B == nil || p.T == nil ||
		p.Sigma == nil || p.Z1 == nil || p.Z2 == nil || p.W1 == nil || p.W2 == nil || p.V == nil {
		return nil, fmt.Errorf("fac: encode: incomplete proof: %w", zk.ErrMalformed)
	}
	w := &writer{out: []byte{encodingVersion, encodingKind}}
	w.nat("P", p.P, maxCommitBits)
	w.nat("Q", p.Q, maxCommitBits)
	w.nat("A", p.A, maxCommitBits)
	w.nat("B", p.B, maxCommitBits)
	w.nat("T", p.T, maxCommitBits)
	w.int("sigma", p.Sigma, maxSigmaBits)
	w.int("z1", p.Z1, maxZBits)
	w.int("z2", p.Z2, maxZBits)
	w.int("w1", p.W1, maxWBits)
	w.int("w2", p.W2, maxWBits)
	w.int("v", p.V, maxVBits)
	if w.err != nil {
		return nil, w.err
	}
	return w.out, nil
}

// UnmarshalBinary decodes a proof written by MarshalBinary. It checks the
// structure only (header, canonical lengths, size caps, no trailing bytes);
// DecodeProof also checks the ranges of a given statement. An empty or
// missing proof is always an error: there is no fallback.
func (p *Proof) UnmarshalBinary(data []byte) error {
	if p == nil {
		return fmt.Errorf("fac: decode into nil proof: %w", zk.ErrMalformed)
	}
	if len(data) == 0 {
		return fmt.Errorf("fac: decode: empty proof: %w", zk.ErrMalformed)
	}
	r := &reader{b: data}
	hdr := r.take(2)
	if r.err == nil && (hdr[0] != encodingVersion || hdr[1] != encodingKind) {
		r.fail("unknown version/kind %#x/%#x", hdr[0], hdr[1])
	}
	var q Proof
	q.P = r.nat("P", maxCommitBits)
	q.Q = r.nat("Q", maxCommitBits)
	q.A = r.nat("A", maxCommitBits)
	q.B = r.nat("B", maxCommitBits)
	q.T = r.nat("T", maxCommitBits)
	q.Sigma = r.int("sigma", maxSigmaBits)
	q.Z1 = r.int("z1", maxZBits)
	q.Z2 = r.int("z2", maxZBits)
	q.W1 = r.int("w1", maxWBits)
	q.W2 = r.int("w2", maxWBits)
	q.V = r.int("v", maxVBits)
	r.end()
	if r.err != nil {
		return r.err
	}
	*p = q
	return nil
}

// DecodeProof decodes a proof and checks it against the statement's sizes
// and ranges (decode = validate, security.md rule 1). The equations are left
// to Verify.
func DecodeProof(pub Public, data []byte) (*Proof, error) {
	st, err := newStatement(pub)
	if err != nil {
		return nil, err
	}
	p := new(Proof)
	if err := p.UnmarshalBinary(data); err != nil {
		return nil, err
	}
	if err := p.validate(st); err != nil {
		return nil, err
	}
	return p, nil
}
