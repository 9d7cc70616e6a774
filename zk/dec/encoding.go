package dec

import (
	"fmt"

	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/mosaic-mpc/mosaic/zk"
	"github.com/mosaic-mpc/mosaic/zk/internal/wire"
)

// Wire format (version 1), every integer big-endian:
//
//	version(1) | kind(1) = 'd' | curve id(1) | S | T | A | γ | z1 | z2 | w
//
// A natural number is len(2) | magnitude, an integer sign(1) | len(2) |
// magnitude, the magnitude minimal (no leading zero byte; zero is empty) and
// at most MaxFieldBytes long; the sign byte is 0 or 1 and zero is never
// negative. γ is the curve's canonical fixed-width scalar (< q, never
// reduced). So every proof has exactly one encoding, and decoding refuses
// anything else.
const (
	// EncodingVersion is the first byte of an encoded proof.
	EncodingVersion = 1
	// EncodingKind is the second byte, so that no other proof's encoding
	// parses as a Πdec proof.
	EncodingKind = 'd'
	// MaxFieldBytes bounds every integer of an encoded proof (8192 bits: a
	// ciphertext for a 4096-bit modulus).
	MaxFieldBytes = 1024
)

// MarshalBinary encodes the proof. It fails if a field is missing or too
// long.
func (p *Proof) MarshalBinary() ([]byte, error) {
	if p == nil || p.S == nil || p.T == nil || p.A == nil || p.Gamma == nil || p.Z1 == nil ||
		p.Z2 == nil || p.W == nil {
		return nil, fmt.Errorf("dec: encoding: missing field: %w", zk.ErrMalformed)
	}
	e := wire.Encoder{Name: "dec", MaxField: MaxFieldBytes}
	e.B = append(e.B, EncodingVersion, EncodingKind, byte(p.Gamma.Curve().ID()))
	e.Nat(p.S)
	e.Nat(p.T)
	e.Nat(p.A)
	e.B = append(e.B, p.Gamma.Bytes()...)
	e.Int(p.Z1)
	e.Int(p.Z2)
	e.Nat(p.W)
	if e.Err != nil {
		return nil, e.Err
	}
	return e.B, nil
}

// UnmarshalBinary decodes a proof written by MarshalBinary, strictly: the
// version, the kind, the curve, every length, canonical minimal integers and
// scalar, no trailing data. It does not know the statement, so ranges and
// units are checked by Verify, or at once by DecodeProof.
func (p *Proof) UnmarshalBinary(data []byte) error {
	d := wire.Decoder{Name: "dec", MaxField: MaxFieldBytes, B: data}
	d.Header(EncodingVersion, EncodingKind)
	id := d.Byte("curve")
	if d.Err != nil {
		return d.Err
	}
	c, err := curve.ByID(curve.ID(id))
	if err != nil {
		return fmt.Errorf("dec: encoding: %w: %w", zk.ErrMalformed, err)
	}
	var q Proof
	q.S = d.Nat("S")
	q.T = d.Nat("T")
	q.A = d.Nat("A")
	q.Gamma = d.Scalar(c, "gamma")
	q.Z1 = d.Int("z1")
	q.Z2 = d.Int("z2")
	q.W = d.Nat("w")
	if err := d.Finish(); err != nil {
		return err
	}
	*p = q
	return nil
}

// DecodeProof decodes a proof and validates it against the statement it
// claims to prove: beyond UnmarshalBinary, every response in its range,
// every commitment a unit other than ±1 of the right modulus, and γ a
// non-zero scalar of the statement's curve (SECURITY.md rule 1, case 12).
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
