package fac

import (
	"encoding/binary"
	"fmt"

	"github.com/cronokirby/saferith"

	"github.com/mosaic-mpc/mosaic/zk"
)

// The wire format of one integer field. Every value has exactly one
// encoding, so distinct proofs never share bytes (security.md case 13):
//
//	natural: len (uint16, big endian) || magnitude
//	signed:  sign (0x00 or 0x01) || len (uint16) || magnitude
//
// The magnitude is minimal big endian: no leading zero byte, and zero is the
// empty string (with sign 0x00: there is no negative zero).

// writer encodes fields in order; the first error sticks.
type writer struct {
	out []byte
	err error
}

// magnitude appends a length-prefixed minimal magnitude, refusing one the
// decoder would refuse (more than maxBits bits).
func (w *writer) magnitude(name string, mag []byte, maxBits int) {
	if w.err != nil {
		return
	}
	mag = minimal(mag)
	if len(mag) > (maxBits+7)/8 {
		w.err = fmt.Errorf("fac: encode: %s exceeds %d bits: %w", name, maxBits, zk.ErrOutOfRange)
		return
	}
	w.out = binary.BigEndian.AppendUint16(w.out, uint16(len(mag)))
	w.out = append(w.out, mag...)
}

// nat appends the encoding of x. Variable time: public values only.
func (w *writer) nat(name string, x *saferith.Nat, maxBits int) {
	w.magnitude(name, x.Bytes(), maxBits)
}

// int appends the encoding of x. Variable time: public values only.
func (w *writer) int(name string, x *saferith.Int, maxBits int) {
	if w.err != nil {
		return
	}
	mag := minimal(x.Abs().Bytes())
	sign := byte(0)
	if x.IsNegative() == 1 && len(mag) > 0 {
		sign = 1
	}
	w.out = append(w.out, sign)
	w.magnitude(name, mag, maxBits)
}

func minimal(b []byte) []byte {
	i := 0
	for i < len(b) && b[i] == 0 {
		i++
	}
	return b[i:]
}

// reader decodes fields in order; the first error sticks.
type reader struct {
	b   []byte
	err error
}

func (r *reader) fail(format string, args ...any) {
	if r.err == nil {
		r.err = fmt.Errorf("fac: decode: "+format+": %w", append(args, zk.ErrMalformed)...)
	}
}

func (r *reader) take(n int) []byte {
	if r.err != nil {
		return nil
	}
	if n > len(r.b) {
		r.fail("truncated")
		return nil
	}
	out := r.b[:n]
	r.b = r.b[n:]
	return out
}

// magnitude reads a length-prefixed minimal magnitude of at most maxBits
// bits; the length is checked before anything is allocated.
func (r *reader) magnitude(name string, maxBits int) []byte {
	lb := r.take(2)
	if r.err != nil {
		return nil
	}
	n := int(binary.BigEndian.Uint16(lb))
	if n > (maxBits+7)/8 {
		r.fail("%s: %d bytes exceeds %d-bit bound", name, n, maxBits)
		return nil
	}
	mag := r.take(n)
	if r.err != nil {
		return nil
	}
	if n > 0 && mag[0] == 0 {
		r.fail("%s: non-minimal encoding", name)
		return nil
	}
	return mag
}

func (r *reader) nat(name string, maxBits int) *saferith.Nat {
	mag := r.magnitude(name, maxBits)
	if r.err != nil {
		return nil
	}
	return new(saferith.Nat).SetBytes(mag)
}

func (r *reader) int(name string, maxBits int) *saferith.Int {
	sb := r.take(1)
	if r.err != nil {
		return nil
	}
	sign := sb[0]
	if sign > 1 {
		r.fail("%s: bad sign byte %#x", name, sign)
		return nil
	}
	mag := r.magnitude(name, maxBits)
	if r.err != nil {
		return nil
	}
	if sign == 1 && len(mag) == 0 {
		r.fail("%s: negative zero", name)
		return nil
	}
	x := new(saferith.Int).SetBytes(mag)
	return x.Neg(saferith.Choice(sign))
}

func (r *reader) end() {
	if r.err == nil && len(r.b) != 0 {
		r.fail("%d trailing bytes", len(r.b))
	}
}
