package mul

import (
	"fmt"

	"github.com/mosaic-mpc/mosaic/zk"
	"github.com/mosaic-mpc/mosaic/zk/internal/wire"
)

// Wire format (version 1), every integer big-endian:
//
//	version(1) | kind(1) = 'm' | A | B | z | u | v
//
// A natural number is len(2) | magnitude, an integer sign(1) | len(2) |
// magnitude, the magnitude minimal (no leading zero byte; zero is empty) and
// at most MaxFieldBytes long; the sign byte is 0 or 1 and zero is never
// negative. So every proof has exactly one encoding, and decoding refuses
// anything else.
const (
	// EncodingVersion is the first byte of an encoded proof.
	EncodingVersion = 1
	// EncodingKind is the second byte, so that no other proof's encoding
	// parses as a Πmul proof.
	EncodingKind = 'm'
	// MaxFieldBytes bounds every integer of an encoded proof (8192 bits: a
	// ciphertext for a 4096-bit modulus).
	MaxFieldBytes = 1024
)

// MarshalBinary encodes the proof. It fails if a field is missing or too
// long.
func (p *Proof) MarshalBinary() ([]byte, error) {
	if p == nil || p.A == nil || p.B == nil || p.Z == nil || p.U == nil || p.V == nil {
		return nil, fmt.Errorf("mul: encoding: missing field: %w", zk.ErrMalformed)
	}
	e := wire.Encoder{Name: "mul", MaxField: MaxFieldBytes}
	e.B = append(e.B, EncodingVersion, EncodingKind)
	e.Nat(p.A)
	e.Nat(p.B)
	e.Int(p.Z)
	e.Nat(p.U)
	e.Nat(p.V)
	if e.Err != nil {
		return nil, e.Err
	}
	return e.B, nil
}

// UnmarshalBinary decodes a proof written by MarshalBinary, strictly: the
// version, the kind, every length, canonical minimal integers, no trailing
// data. It does not know the statement, so ranges and units are checked by
// Verify, or at once by DecodeProof.
func (p *Proof) UnmarshalBinary(data []byte) error {
	d := wire.Decoder{Name: "mul", MaxField: MaxFieldBytes, B: data}
	d.Header(EncodingVersion, EncodingKind)
	var q Proof
	q.A = d.Nat("A")
	q.B = d.Nat("B")
	q.Z = d.Int("z")
	q.U = d.Nat("u")
	q.V = d.Nat("v")
	if err := d.Finish(); err != nil {
		return err
	}
	*p = q
	return nil
}

// DecodeProof decodes a proof and validates it against the statement it
// claims to prove: beyond UnmarshalBinary, z in its range and A, B, u, v
// units other than ±1 of the right modulus (SECURITY.md rule 1, case 12).
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
