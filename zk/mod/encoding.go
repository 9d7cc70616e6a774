package mod

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

// Flag bits of a repetition's last byte.
const (
	flagA = 1 << 0
	flagB = 1 << 1
)

// MarshalBinary encodes the proof as
//
//	version (1 byte, = 1) || m (uint16) || width (uint16) || w ||
//	m × ( x_i || z_i || flags )
//
// with every integer big-endian in exactly width bytes (the byte length of
// N) and flags = a_i | b_i<<1.
func (p *Proof) MarshalBinary() ([]byte, error) {
	if p == nil || p.w == nil || p.width <= 0 || p.width > wire.ByteLen(MaxModulusBits) || len(p.reps) > 0xffff {
		return nil, fmt.Errorf("mod: encode: incomplete proof: %w", zk.ErrMalformed)
	}
	out := make([]byte, headerSize, encodedSize(len(p.reps), p.width))
	out[0] = encodingVersion
	binary.BigEndian.PutUint16(out[1:], uint16(len(p.reps)))
	binary.BigEndian.PutUint16(out[3:], uint16(p.width))
	var err error
	if out, err = appendFixed(out, p.w, p.width); err != nil {
		return nil, err
	}
	for _, r := range p.reps {
		if out, err = appendFixed(out, r.x, p.width); err != nil {
			return nil, err
		}
		if out, err = appendFixed(out, r.z, p.width); err != nil {
			return nil, err
		}
		var flags byte
		if r.a {
			flags |= flagA
		}
		if r.b {
			flags |= flagB
		}
		out = append(out, flags)
	}
	return out, nil
}

// UnmarshalBinary decodes a proof written by MarshalBinary. It refuses
// another version, a repetition count other than zk.Repetitions, a width
// outside the accepted modulus sizes, a wrong total length, unknown flag
// bits and zero integers. Ranges modulo N are checked by Verify.
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
		return nil, fmt.Errorf("mod: decode: encoding of %d bytes is too short: %w", len(b), zk.ErrMalformed)
	}
	if b[0] != encodingVersion {
		return nil, fmt.Errorf("mod: decode: unknown encoding version %d: %w", b[0], zk.ErrMalformed)
	}
	m := int(binary.BigEndian.Uint16(b[1:]))
	width := int(binary.BigEndian.Uint16(b[3:]))
	if m != zk.Repetitions {
		return nil, fmt.Errorf("mod: decode: %d repetitions, want %d: %w", m, zk.Repetitions, zk.ErrMalformed)
	}
	if width < wire.ByteLen(MinModulusBits) || width > wire.ByteLen(MaxModulusBits) {
		return nil, fmt.Errorf("mod: decode: integer width %d bytes: %w", width, zk.ErrMalformed)
	}
	if len(b) != encodedSize(m, width) {
		return nil, fmt.Errorf("mod: decode: encoding of %d bytes, want %d: %w", len(b), encodedSize(m, width), zk.ErrMalformed)
	}
	rest := b[headerSize:]
	// next reads one non-zero integer; name and index only label errors.
	next := func(name string, i int) (*saferith.Nat, error) {
		v := new(saferith.Nat).SetBytes(rest[:width])
		rest = rest[width:]
		if v.EqZero() == 1 {
			return nil, fmt.Errorf("mod: decode: %s[%d] is zero: %w", name, i, zk.ErrOutOfRange)
		}
		return v, nil
	}
	p := &Proof{width: width, reps: make([]repetition, m)}
	var err error
	if p.w, err = next("w", 0); err != nil {
		return nil, err
	}
	for i := range p.reps {
		r := &p.reps[i]
		if r.x, err = next("x", i); err != nil {
			return nil, err
		}
		if r.z, err = next("z", i); err != nil {
			return nil, err
		}
		flags := rest[0]
		rest = rest[1:]
		if flags&^(flagA|flagB) != 0 {
			return nil, fmt.Errorf("mod: decode: repetition %d has unknown flag bits %#x: %w", i, flags, zk.ErrMalformed)
		}
		r.a, r.b = flags&flagA != 0, flags&flagB != 0
	}
	return p, nil
}

func encodedSize(m, width int) int { return headerSize + width + m*(2*width+1) }

// appendFixed appends x big-endian in exactly width bytes.
func appendFixed(out []byte, x *saferith.Nat, width int) ([]byte, error) {
	if x == nil || x.TrueLen() > 8*width {
		return nil, fmt.Errorf("mod: encode: value wider than the proof's width: %w", zk.ErrOutOfRange)
	}
	start := len(out)
	out = append(out, make([]byte, width)...)
	x.FillBytes(out[start:])
	return out, nil
}
