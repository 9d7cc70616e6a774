package prm

import (
	"encoding/binary"
	"fmt"

	"github.com/cronokirby/saferith"

	"github.com/mosaic-mpc/mosaic/zk"
	"github.com/mosaic-mpc/mosaic/zk/internal/wire"
)

// encodingVersion is the first byte of every encoded proof.
const encodingVersion = 1

// headerSize is version (1) || repetitions (2) || width (2).
const headerSize = 5

// MarshalBinary encodes the proof as
//
//	version (1 byte, = 1) || m (uint16) || width (uint16) ||
//	A_1 || … || A_m || z_1 || … || z_m
//
// with every integer big-endian in exactly width bytes (the byte length of
// N̂).
func (p *Proof) MarshalBinary() ([]byte, error) {
	if p == nil || p.width <= 0 || p.width > wire.ByteLen(MaxModulusBits) || len(p.a) != len(p.z) || len(p.a) > 0xffff {
		return nil, fmt.Errorf("prm: encode: incomplete proof: %w", zk.ErrMalformed)
	}
	out := make([]byte, headerSize, encodedSize(len(p.a), p.width))
	out[0] = encodingVersion
	binary.BigEndian.PutUint16(out[1:], uint16(len(p.a)))
	binary.BigEndian.PutUint16(out[3:], uint16(p.width))
	for _, group := range [][]*saferith.Nat{p.a, p.z} {
		for _, x := range group {
			if x == nil || x.TrueLen() > 8*p.width {
				return nil, fmt.Errorf("prm: encode: value wider than the proof's width: %w", zk.ErrOutOfRange)
			}
			start := len(out)
			out = append(out, make([]byte, p.width)...)
			x.FillBytes(out[start:])
		}
	}
	return out, nil
}

// UnmarshalBinary decodes a proof written by MarshalBinary. It refuses
// another version, a repetition count other than zk.Repetitions, a width
// outside the accepted modulus sizes, a wrong total length and a zero
// commitment. Ranges modulo N̂ are checked by Verify.
func (p *Proof) UnmarshalBinary(b []byte) error {
	dec, err := DecodeProof(b)
	if err != nil {
		return err
	}
	*p = *dec
	return nil
}

// DecodeProof is UnmarshalBinary returning a new proof.
func DecodeProof(b []byte) (*Proof, error) {
	if len(b) < headerSize {
		return nil, fmt.Errorf("prm: decode: encoding of %d bytes is too short: %w", len(b), zk.ErrMalformed)
	}
	if b[0] != encodingVersion {
		return nil, fmt.Errorf("prm: decode: unknown encoding version %d: %w", b[0], zk.ErrMalformed)
	}
	m := int(binary.BigEndian.Uint16(b[1:]))
	width := int(binary.BigEndian.Uint16(b[3:]))
	if m != zk.Repetitions {
		return nil, fmt.Errorf("prm: decode: %d repetitions, want %d: %w", m, zk.Repetitions, zk.ErrMalformed)
	}
	if width < wire.ByteLen(MinModulusBits) || width > wire.ByteLen(MaxModulusBits) {
		return nil, fmt.Errorf("prm: decode: integer width %d bytes: %w", width, zk.ErrMalformed)
	}
	if len(b) != encodedSize(m, width) {
		return nil, fmt.Errorf("prm: decode: encoding of %d bytes, want %d: %w", len(b), encodedSize(m, width), zk.ErrMalformed)
	}
	rest := b[headerSize:]
	p := &Proof{width: width, a: make([]*saferith.Nat, m), z: make([]*saferith.Nat, m)}
	for i := range p.a {
		p.a[i] = new(saferith.Nat).SetBytes(rest[:width])
		rest = rest[width:]
		if p.a[i].EqZero() == 1 {
			return nil, fmt.Errorf("prm: decode: A[%d] is zero: %w", i, zk.ErrOutOfRange)
		}
	}
	for i := range p.z {
		p.z[i] = new(saferith.Nat).SetBytes(rest[:width])
		rest = rest[width:]
	}
	return p, nil
}

func encodedSize(m, width int) int { return headerSize + 2*m*width }
