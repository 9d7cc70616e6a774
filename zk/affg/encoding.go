package affg

import (
	"fmt"

	"github.com/cronokirby/saferith"

	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/mosaic-mpc/mosaic/zk"
	"github.com/mosaic-mpc/mosaic/zk/internal/wire"
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
	e := wire.Encoder{Name: "affg", MaxField: MaxFieldBytes}
	e.B = append(e.B, EncodingVersion, EncodingKind, byte(p.Bx.Curve().ID()))
	e.Nat(p.A)
	e.B = append(e.B, p.Bx.Bytes()...)
	for _, x := range []*saferith.Nat{p.By, p.E, p.S, p.F, p.T} {
		e.Nat(x)
	}
	for _, x := range []*saferith.Int{p.Z1, p.Z2, p.Z3, p.Z4} {
		e.Int(x)
	}
	e.Nat(p.W)
	e.Nat(p.WY)
	if e.Err != nil {
		return nil, e.Err
	}
	return e.B, nil
}

// UnmarshalBinary decodes a proof written by MarshalBinary, strictly: the
// version, the curve, every length, canonical minimal integers and points
// (on the curve, in the subgroup, not the identity), no trailing data. It
// does not know the statement, so ranges and units are checked by Verify, or
// at once by DecodeProof.
func (p *Proof) UnmarshalBinary(data []byte) error {
	d := wire.Decoder{Name: "affg", MaxField: MaxFieldBytes, B: data}
	d.Header(EncodingVersion, EncodingKind)
	id := d.Byte("curve")
	if d.Err != nil {
		return d.Err
	}
	c, err := curve.ByID(curve.ID(id))
	if err != nil {
		return fmt.Errorf("affg: encoding: %w: %w", zk.ErrMalformed, err)
	}
	var q Proof
	q.A = d.Nat("A")
	q.Bx = d.Point(c, "Bx")
	q.By = d.Nat("By")
	q.E = d.Nat("E")
	q.S = d.Nat("S")
	q.F = d.Nat("F")
	q.T = d.Nat("T")
	q.Z1 = d.Int("z1")
	q.Z2 = d.Int("z2")
	q.Z3 = d.Int("z3")
	q.Z4 = d.Int("z4")
	q.W = d.Nat("w")
	q.WY = d.Nat("w_y")
	if err := d.Finish(); err != nil {
		return err
	}
	*p = q
	return nil
}

// DecodeProof decodes a proof and validates it against the statement it
// claims to prove: beyond UnmarshalBinary, every response in its range and
// every commitment a unit other than ±1 of the right modulus, and B_x on the
// statement's curve (SECURITY.md rule 1, case 12).
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
