package fac

import (
	"fmt"

	"github.com/mosaic-mpc/mosaic/zk"
	"github.com/mosaic-mpc/mosaic/zk/internal/wire"
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
// z2, w1, w2, v in the field encoding of zk/internal/wire.
func (p *Proof) MarshalBinary() ([]byte, error) {
	if p == nil || p.P == nil || p.Q == nil || p.A == nil || p.B == nil || p.T == nil ||
		p.Sigma == nil || p.Z1 == nil || p.Z2 == nil || p.W1 == nil || p.W2 == nil || p.V == nil {
		return nil, fmt.Errorf("fac: encode: incomplete proof: %w", zk.ErrMalformed)
	}
	w := &wire.Encoder{Name: "fac", B: []byte{encodingVersion, encodingKind}}
	w.NatBits(p.P, maxCommitBits)
	w.NatBits(p.Q, maxCommitBits)
	w.NatBits(p.A, maxCommitBits)
	w.NatBits(p.B, maxCommitBits)
	w.NatBits(p.T, maxCommitBits)
	w.IntBits(p.Sigma, maxSigmaBits)
	w.IntBits(p.Z1, maxZBits)
	w.IntBits(p.Z2, maxZBits)
	w.IntBits(p.W1, maxWBits)
	w.IntBits(p.W2, maxWBits)
	w.IntBits(p.V, maxVBits)
	if w.Err != nil {
		return nil, w.Err
	}
	return w.B, nil
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
	r := &wire.Decoder{Name: "fac", B: data}
	r.Header(encodingVersion, encodingKind)
	var q Proof
	q.P = r.NatBits("P", maxCommitBits)
	q.Q = r.NatBits("Q", maxCommitBits)
	q.A = r.NatBits("A", maxCommitBits)
	q.B = r.NatBits("B", maxCommitBits)
	q.T = r.NatBits("T", maxCommitBits)
	q.Sigma = r.IntBits("sigma", maxSigmaBits)
	q.Z1 = r.IntBits("z1", maxZBits)
	q.Z2 = r.IntBits("z2", maxZBits)
	q.W1 = r.IntBits("w1", maxWBits)
	q.W2 = r.IntBits("w2", maxWBits)
	q.V = r.IntBits("v", maxVBits)
	if err := r.Finish(); err != nil {
		return err
	}
	*p = q
	return nil
}

// DecodeProof decodes a proof and checks it against the statement's sizes
// and ranges (decode = validate, SECURITY.md rule 1). The equations are left
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
