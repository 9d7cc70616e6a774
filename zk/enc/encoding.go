package enc

import (
	"fmt"

	"github.com/mosaic-mpc/mosaic/zk"
	"github.com/mosaic-mpc/mosaic/zk/internal/wire"
)

// Encoding header: a version byte and a kind byte, so that a Πenc proof is
// never parsed as another proof.
const (
	encodingVersion = 1
	encodingKind    = 'e'
)

// Upper bounds on field sizes at decode time, for the largest modulus
// accepted (MaxModulusBits). Verify then applies the exact ranges of the
// statement.
const (
	maxNHatBits = MaxModulusBits
	maxABits    = 2 * MaxModulusBits
	maxZ1Bits   = zk.L + zk.Epsilon + 1
	maxZ2Bits   = MaxModulusBits
	maxZ3Bits   = zk.L + zk.Epsilon + 1 + MaxModulusBits
)

// MarshalBinary encodes the proof: version, kind, then S, A, C, z1, z2, z3 in
// the field encoding of zk/internal/wire.
func (p *Proof) MarshalBinary() ([]byte, error) {
	if p == nil || p.S == nil || p.A == nil || p.C == nil || p.Z1 == nil || p.Z2 == nil || p.Z3 == nil {
		return nil, fmt.Errorf("enc: encode: incomplete proof: %w", zk.ErrMalformed)
	}
	w := &wire.Encoder{Name: "enc", B: []byte{encodingVersion, encodingKind}}
	w.NatBits(p.S, maxNHatBits)
	w.NatBits(p.A, maxABits)
	w.NatBits(p.C, maxNHatBits)
	w.IntBits(p.Z1, maxZ1Bits)
	w.NatBits(p.Z2, maxZ2Bits)
	w.IntBits(p.Z3, maxZ3Bits)
	if w.Err != nil {
		return nil, w.Err
	}
	return w.B, nil
}

// UnmarshalBinary decodes a proof written by MarshalBinary. It checks the
// structure only (header, canonical lengths, size caps, no trailing bytes);
// DecodeProof also checks the ranges of a given statement. An empty or
// missing proof is always an error.
func (p *Proof) UnmarshalBinary(data []byte) error {
	if p == nil {
		return fmt.Errorf("enc: decode into nil proof: %w", zk.ErrMalformed)
	}
	if len(data) == 0 {
		return fmt.Errorf("enc: decode: empty proof: %w", zk.ErrMalformed)
	}
	r := &wire.Decoder{Name: "enc", B: data}
	r.Header(encodingVersion, encodingKind)
	var q Proof
	q.S = r.NatBits("S", maxNHatBits)
	q.A = r.NatBits("A", maxABits)
	q.C = r.NatBits("C", maxNHatBits)
	q.Z1 = r.IntBits("z1", maxZ1Bits)
	q.Z2 = r.NatBits("z2", maxZ2Bits)
	q.Z3 = r.IntBits("z3", maxZ3Bits)
	if err := r.Finish(); err != nil {
		return err
	}
	*p = q
	return nil
}

// DecodeProof decodes a proof and checks it against the statement's sizes,
// ranges and groups (decode = validate, SECURITY.md rule 1): K, S, A, C, z1,
// z2, z3 are all checked here; the equations are left to Verify.
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
