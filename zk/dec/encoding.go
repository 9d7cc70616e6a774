package dec

import (
	"fmt"

	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/mosaic-mpc/mosaic/zk"
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
	var e encoder
	e.b = append(e.b, EncodingVersion, EncodingKind, byte(p.Gamma.Curve().ID()))
	e.nat(p.S)
	e.nat(p.T)
	e.nat(p.A)
	e.b = append(e.b, p.Gamma.Bytes()...)
	e.int(p.Z1)
	e.int(p.Z2)
	e.nat(p.W)
	if e.err != nil {
		return nil, e.err
	}
	return e.b, nil
}

// UnmarshalBinary decodes a proof written by MarshalBinary, strictly: the
// version, the kind, the curve, every length, canonical minimal integers and
// scalar, no trailing data. It does not know the statement, so ranges and
// units are checked by Verify, or at once by DecodeProof.
func (p *Proof) UnmarshalBinary(data []byte) error {
	d := decoder{b: data}
	if v := d.byte("version"); d.err == nil && v != EncodingVersion {
		return fmt.Errorf("dec: encoding: version %d, want %d: %w", v, EncodingVersion, zk.ErrMalformed)
	}
	if k := d.byte("kind"); d.err == nil && k != EncodingKind {
		return fmt.Errorf("dec: encoding: kind %q, want %q: %w", k, EncodingKind, zk.ErrMalformed)
	}
	id := d.byte("curve")
	if d.err != nil {
		return d.err
	}
	c, err := curve.ByID(curve.ID(id))
	if err != nil {
		return fmt.Errorf("dec: encoding: %w: %w", zk.ErrMalformed, err)
	}
	var q Proof
	q.S = d.nat("S")
	q.T = d.nat("T")
	q.A = d.nat("A")
	q.Gamma = d.scalar(c, "gamma")
	q.Z1 = d.int("z1")
	q.Z2 = d.int("z2")
	q.W = d.nat("w")
	if err := d.finish(); err != nil {
		return err
	}
	*p = q
	return nil
}

// DecodeProof decodes a proof and validates it against the statement it
// claims to prove: beyond UnmarshalBinary, every response in its range,
// every commitment a unit other than ±1 of the right modulus, and γ a
// non-zero scalar of the statement's curve (security.md rule 1, case 12).
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
