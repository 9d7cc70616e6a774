package affg

import (
	"encoding/binary"
	"fmt"

	"github.com/cronokirby/saferith"

	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/mosaic-mpc/mosaic/zk"
)

// encoder writes the wire format of encoding.go; the first error sticks.
type encoder struct {
	b   []byte
	err error
}

func trimZeros(b []byte) []byte {
	for len(b) > 0 && b[0] == 0 {
		b = b[1:]
	}
	return b
}

func (e *encoder) magnitude(m []byte) {
	if e.err != nil {
		return
	}
	if len(m) > MaxFieldBytes {
		e.err = fmt.Errorf("affg: encoding: integer of %d bytes: %w", len(m), zk.ErrOutOfRange)
		return
	}
	e.b = binary.BigEndian.AppendUint16(e.b, uint16(len(m)))
	e.b = append(e.b, m...)
}

func (e *encoder) nat(x *saferith.Nat) { e.magnitude(trimZeros(x.Bytes())) }

func (e *encoder) int(x *saferith.Int) {
	m := trimZeros(x.Abs().Bytes())
	sign := byte(0)
	if x.IsNegative() == 1 && len(m) > 0 {
		sign = 1
	}
	e.b = append(e.b, sign)
	e.magnitude(m)
}

// decoder reads fields until the first error, which it keeps.
type decoder struct {
	b   []byte
	err error
}

func (d *decoder) fail(format string, args ...any) {
	if d.err == nil {
		d.err = fmt.Errorf("affg: encoding: "+format+": %w", append(args, zk.ErrMalformed)...)
	}
}

func (d *decoder) take(n int, what string) []byte {
	if d.err != nil {
		return nil
	}
	if n > len(d.b) {
		d.fail("%s: truncated", what)
		return nil
	}
	out := d.b[:n:n]
	d.b = d.b[n:]
	return out
}

func (d *decoder) byte(what string) byte {
	b := d.take(1, what)
	if b == nil {
		return 0
	}
	return b[0]
}

func (d *decoder) magnitude(what string) []byte {
	lb := d.take(2, what)
	if lb == nil {
		return nil
	}
	n := int(binary.BigEndian.Uint16(lb))
	if n > MaxFieldBytes {
		d.fail("%s: %d bytes, at most %d", what, n, MaxFieldBytes)
		return nil
	}
	m := d.take(n, what)
	if d.err == nil && n > 0 && m[0] == 0 {
		d.fail("%s: leading zero byte", what)
	}
	return m
}

func (d *decoder) nat(what string) *saferith.Nat {
	m := d.magnitude(what)
	if d.err != nil {
		return nil
	}
	return new(saferith.Nat).SetBytes(m)
}

func (d *decoder) int(what string) *saferith.Int {
	sign := d.byte(what)
	m := d.magnitude(what)
	if d.err != nil {
		return nil
	}
	if sign > 1 || (sign == 1 && len(m) == 0) {
		d.fail("%s: bad sign byte %d", what, sign)
		return nil
	}
	return new(saferith.Int).SetBytes(m).Neg(saferith.Choice(sign))
}

func (d *decoder) point(c curve.Curve, what string) curve.Point {
	b := d.take(c.PointSize(), what)
	if d.err != nil {
		return nil
	}
	pt, err := c.DecodePoint(b, false)
	if err != nil {
		d.err = fmt.Errorf("affg: encoding: %s: %w: %w", what, zk.ErrMalformed, err)
		return nil
	}
	return pt
}

func (d *decoder) finish() error {
	if d.err == nil && len(d.b) != 0 {
		d.fail("%d trailing bytes", len(d.b))
	}
	return d.err
}
