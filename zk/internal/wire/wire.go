package wire

import (
	"encoding/binary"
	"fmt"

	"github.com/cronokirby/saferith"

	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/mosaic-mpc/mosaic/zk"
)

// Encoder appends fields to B; the first error sticks in Err.
type Encoder struct {
	// Name prefixes error messages, e.g. "affg".
	Name string
	// MaxField is the largest magnitude in bytes for Nat and Int (the
	// Bits methods take their own bound).
	MaxField int
	B        []byte
	Err      error
}

func trimZeros(b []byte) []byte {
	for len(b) > 0 && b[0] == 0 {
		b = b[1:]
	}
	return b
}

// ByteLen is the number of bytes that holds a bits-bit magnitude. It is
// also the width of the fixed-width integers of Πmod and Πprm, which are
// encoded at the byte length of their modulus.
func ByteLen(bits int) int { return (bits + 7) / 8 }

func (e *Encoder) magnitude(m []byte, limit int) {
	if e.Err != nil {
		return
	}
	if len(m) > limit {
		e.Err = fmt.Errorf("%s: encoding: integer of %d bytes: %w", e.Name, len(m), zk.ErrOutOfRange)
		return
	}
	e.B = binary.BigEndian.AppendUint16(e.B, uint16(len(m)))
	e.B = append(e.B, m...)
}

// Nat appends a natural number of at most MaxField bytes.
func (e *Encoder) Nat(x *saferith.Nat) { e.NatBits(x, 8*e.MaxField) }

// NatBits appends a natural number of at most maxBits bits.
func (e *Encoder) NatBits(x *saferith.Nat, maxBits int) {
	e.magnitude(trimZeros(x.Bytes()), ByteLen(maxBits))
}

// Int appends a signed integer of at most MaxField bytes; zero always has a
// positive sign.
func (e *Encoder) Int(x *saferith.Int) { e.IntBits(x, 8*e.MaxField) }

// IntBits appends a signed integer whose magnitude has at most maxBits
// bits.
func (e *Encoder) IntBits(x *saferith.Int, maxBits int) {
	if e.Err != nil {
		return
	}
	m := trimZeros(x.Abs().Bytes())
	sign := byte(0)
	if x.IsNegative() == 1 && len(m) > 0 {
		sign = 1
	}
	e.B = append(e.B, sign)
	e.magnitude(m, ByteLen(maxBits))
}

// Decoder reads fields from B until the first error, which it keeps in Err.
type Decoder struct {
	Name     string
	MaxField int
	B        []byte
	Err      error
}

// Fail records a malformed-input error unless one is recorded already.
func (d *Decoder) Fail(format string, args ...any) {
	if d.Err == nil {
		d.Err = fmt.Errorf("%s: encoding: "+format+": %w", append([]any{d.Name}, append(args, zk.ErrMalformed)...)...)
	}
}

// Take reads n raw bytes.
func (d *Decoder) Take(n int, what string) []byte {
	if d.Err != nil {
		return nil
	}
	if n > len(d.B) {
		d.Fail("%s: truncated", what)
		return nil
	}
	out := d.B[:n:n]
	d.B = d.B[n:]
	return out
}

// Header reads a proof's version and kind bytes and records an error
// unless they are version and kind.
func (d *Decoder) Header(version, kind byte) {
	v, k := d.Byte("version"), d.Byte("kind")
	if d.Err == nil && (v != version || k != kind) {
		d.Fail("version/kind %#x/%#x, want %#x/%#x", v, k, version, kind)
	}
}

// Byte reads one byte.
func (d *Decoder) Byte(what string) byte {
	b := d.Take(1, what)
	if b == nil {
		return 0
	}
	return b[0]
}

// magnitude reads a length-prefixed minimal magnitude of at most limit
// bytes; the length is checked before anything is allocated.
func (d *Decoder) magnitude(what string, limit int) []byte {
	lb := d.Take(2, what)
	if lb == nil {
		return nil
	}
	n := int(binary.BigEndian.Uint16(lb))
	if n > limit {
		d.Fail("%s: %d bytes, at most %d", what, n, limit)
		return nil
	}
	m := d.Take(n, what)
	if d.Err == nil && n > 0 && m[0] == 0 {
		d.Fail("%s: leading zero byte", what)
	}
	return m
}

// Nat reads a natural number of at most MaxField bytes.
func (d *Decoder) Nat(what string) *saferith.Nat { return d.NatBits(what, 8*d.MaxField) }

// NatBits reads a natural number of at most maxBits bits (rounded up to
// whole bytes).
func (d *Decoder) NatBits(what string, maxBits int) *saferith.Nat {
	m := d.magnitude(what, ByteLen(maxBits))
	if d.Err != nil {
		return nil
	}
	return new(saferith.Nat).SetBytes(m)
}

// Int reads a signed integer of at most MaxField bytes.
func (d *Decoder) Int(what string) *saferith.Int { return d.IntBits(what, 8*d.MaxField) }

// IntBits reads a signed integer whose magnitude has at most maxBits bits
// (rounded up to whole bytes).
func (d *Decoder) IntBits(what string, maxBits int) *saferith.Int {
	sign := d.Byte(what)
	m := d.magnitude(what, ByteLen(maxBits))
	if d.Err != nil {
		return nil
	}
	if sign > 1 || (sign == 1 && len(m) == 0) {
		d.Fail("%s: bad sign byte %d", what, sign)
		return nil
	}
	return new(saferith.Int).SetBytes(m).Neg(saferith.Choice(sign))
}

// Point reads a canonical non-identity point of c.
func (d *Decoder) Point(c curve.Curve, what string) curve.Point {
	b := d.Take(c.PointSize(), what)
	if d.Err != nil {
		return nil
	}
	pt, err := c.DecodePoint(b, false)
	if err != nil {
		d.Err = fmt.Errorf("%s: encoding: %s: %w: %w", d.Name, what, zk.ErrMalformed, err)
		return nil
	}
	return pt
}

// Scalar reads a canonical scalar of c (below the group order).
func (d *Decoder) Scalar(c curve.Curve, what string) curve.Scalar {
	b := d.Take(c.ScalarSize(), what)
	if d.Err != nil {
		return nil
	}
	sc, err := c.DecodeScalar(b)
	if err != nil {
		d.Err = fmt.Errorf("%s: encoding: %s: %w: %w", d.Name, what, zk.ErrMalformed, err)
		return nil
	}
	return sc
}

// Finish reports trailing bytes and returns the first error.
func (d *Decoder) Finish() error {
	if d.Err == nil && len(d.B) != 0 {
		d.Fail("%d trailing bytes", len(d.B))
	}
	return d.Err
}
