package sch

import (
	"fmt"

	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/mosaic-mpc/mosaic/zk"
)

// Encoding header: a version byte and a kind byte, then the curve id.
const (
	encodingVersion = 1
	encodingKind    = 's'
	headerSize      = 3
)

// MarshalBinary encodes the proof as version ‖ kind ‖ curve id ‖ A ‖ z, with
// the curve's canonical fixed-width point and scalar encodings.
func (p *Proof) MarshalBinary() ([]byte, error) {
	if p == nil || p.A == nil || p.Z == nil {
		return nil, fmt.Errorf("sch: encode: incomplete proof: %w", zk.ErrMalformed)
	}
	c := p.A.Curve()
	if p.Z.Curve().ID() != c.ID() {
		return nil, fmt.Errorf("sch: encode: mixed curves: %w", zk.ErrMalformed)
	}
	out := make([]byte, 0, headerSize+c.PointSize()+c.ScalarSize())
	out = append(out, encodingVersion, encodingKind, byte(c.ID()))
	out = append(out, p.A.Bytes()...)
	return append(out, p.Z.Bytes()...), nil
}

// UnmarshalBinary decodes a proof written by MarshalBinary: known version
// and curve, exact length, A a canonical point of the prime-order group other
// than the identity, z a canonical scalar (never reduced).
func (p *Proof) UnmarshalBinary(data []byte) error {
	if p == nil {
		return fmt.Errorf("sch: decode into nil proof: %w", zk.ErrMalformed)
	}
	if len(data) < headerSize {
		return fmt.Errorf("sch: decode: %d bytes: %w", len(data), zk.ErrMalformed)
	}
	if data[0] != encodingVersion || data[1] != encodingKind {
		return fmt.Errorf("sch: decode: unknown version/kind %#x/%#x: %w", data[0], data[1], zk.ErrMalformed)
	}
	c, err := curve.ByID(curve.ID(data[2]))
	if err != nil {
		return fmt.Errorf("sch: decode: %w: %w", err, zk.ErrMalformed)
	}
	ps, ss := c.PointSize(), c.ScalarSize()
	if len(data) != headerSize+ps+ss {
		return fmt.Errorf("sch: decode: %d bytes, want %d: %w", len(data), headerSize+ps+ss, zk.ErrMalformed)
	}
	a, err := c.DecodePoint(data[headerSize:headerSize+ps], false)
	if err != nil {
		return fmt.Errorf("sch: decode: A: %w: %w", err, zk.ErrMalformed)
	}
	z, err := c.DecodeScalar(data[headerSize+ps:])
	if err != nil {
		return fmt.Errorf("sch: decode: z: %w: %w", err, zk.ErrMalformed)
	}
	*p = Proof{A: a, Z: z}
	return nil
}

// DecodeProof decodes a proof that must be on curve c.
func DecodeProof(c curve.Curve, data []byte) (*Proof, error) {
	if c == nil {
		return nil, fmt.Errorf("sch: decode: nil curve: %w", zk.ErrMalformed)
	}
	p := new(Proof)
	if err := p.UnmarshalBinary(data); err != nil {
		return nil, err
	}
	if p.A.Curve().ID() != c.ID() {
		return nil, fmt.Errorf("sch: decode: proof for %s, want %s: %w", p.A.Curve().Name(), c.Name(), zk.ErrMalformed)
	}
	return p, nil
}
