package affg

import (
	"fmt"

	"github.com/cronokirby/saferith"

	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/mosaic-mpc/mosaic/zk"
)

// Wire format (version 1), every integer big-endian:
//
//	version(1) | kind(1) = 'g' | curve id(1) | A | Bx | By | E | S | F | T |
//	z1 | z2 | z3 | z4 | w | w_y
//
// A natural number is len(2) | magnitude, an integer sign(1) | len(2) |
// magnitude, the magnitude minimal (no leading zero byte; zero is empty) and
// at most MaxFieldBytes long; the sign byte is 0 or 1 and zero is never
// negative. A point is the curve's canonical fixed-width encoding. So every
// proof has exactly one encoding, and decoding refuses anything else.
const (
	// EncodingVersion is the first byte of an encoded proof.
	EncodingVersion = 1
	// EncodingKind is the second byte, so that no other proof's encoding
	// parses as a Πaff-g proof.
	EncodingKind = 'g'
	// MaxFieldBytes bounds every integer of an encoded proof (8192 bits: a
	// ciphertext for a 4096-bit modulus).
	MaxFieldBytes = 1024
)

// MarshalBinary encodes the proof. It fails if a field is missing or too
// long.
func (p *Proof) MarshalBinary() ([]byte, error) {
	if p == nil || p.A == nil || p.Bx == nil || p.By == nil || p.E == nil || p.S == nil ||
		p.F == nil || p.T == nil || p.Z1 == nil || p.Z2 == nil || p.Z3 == nil || p.Z4 == nil ||
		p.W == nil || p.WY == nil {
		return nil, fmt.Errorf("affg: encoding: missing field: %w", zk.ErrMalformed)
	}
	var e encoder
	e.b = append(e.b, EncodingVersion, EncodingKind, byte(p.Bx.Curve().ID()))
	e.nat(p.A)
	e.b = append(e.b, p.Bx.Bytes()...)
	for _, x := range []*saferith.Nat{p.By, p.E, p.S, p.F, p.T} {
		e.nat(x)
	}
	for _, x := range []*saferith.Int{p.Z1, p.Z2, p.Z3, p.Z4} {
		e.int(x)
	}
	e.nat(p.W)
	e.nat(p.WY)
	if e.err != nil {
		return nil, e.err
	}
	return e.b, nil
}

// UnmarshalBinary decodes a proof written by MarshalBinary, strictly: the
// version, the curve, every length, canonical minimal integers and points
// (on the curve, in the subgroup, not the identity), no trailing data. It
// does not know the statement, so ranges and units are checked by Verify, or
// at once by DecodeProof.
func (p *Proof) UnmarshalBinary(data []byte) error {
	d := decoder{b: data}
	if v := d.byte("version"); d.err == nil && v != EncodingVersion {
		return fmt.Errorf("affg: encoding: version %d, want %d: %w", v, EncodingVersion, zk.ErrMalformed)
	}
	if k := d.byte("kind"); d.err == nil && k != EncodingKind {
		return fmt.Errorf("affg: encoding: kind %q, want %q: %w", k, EncodingKind, zk.ErrMalformed)
	}
	id := d.byte("curve")
	if d.err != nil {
		return d.err
	}
	c, err := curve.ByID(curve.ID(id))
	if err != nil {
		return fmt.Errorf("affg: encoding: %w: %w", zk.ErrMalformed, err)
	}
	var q Proof
	q.A = d.nat("A")
	q.Bx = d.point(c, "Bx")
	q.By = d.nat("By")
	q.E = d.nat("E")
	q.S = d.nat("S")
	q.F = d.nat("F")
	q.T = d.nat("T")
	q.Z1 = d.int("z1")
	q.Z2 = d.int("z2")
	q.Z3 = d.int("z3")
	q.Z4 = d.int("z4")
	q.W = d.nat("w")
	q.WY = d.nat("w_y")
	if err := d.finish(); err != nil {
		return err
	}
	*p = q
	return nil
}

// DecodeProof decodes a proof and validates it against the statement it
// claims to prove: beyond UnmarshalBinary, every response in its range and
// every commitment a unit other than ±1 of the right modulus, and B_x on the
// statement's curve (security.md rule 1, case 12).
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
