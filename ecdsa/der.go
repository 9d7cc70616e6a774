package ecdsa

import (
	"fmt"

	"github.com/mosaic-mpc/mosaic/curve"
)

// ASN.1 DER (ITU-T X.690, section 10 on top of the BER rules of section 8)
// for Ecdsa-Sig-Value ::= SEQUENCE { r INTEGER, s INTEGER } (SEC 1 v2,
// section C.8; RFC 3279, section 2.2.3). A signature on a 256-bit curve is
// at most 2 + 2·(2 + 33) = 72 bytes, so every length is below 128 and
// DER's definite short form (X.690 section 8.1.3.4) is the only one
// allowed; X.690 section 10.1 makes any longer length form non-DER.
const (
	derSequence = 0x30
	derInteger  = 0x02
)

// DER returns the DER encoding of sig, or nil for a nil or incomplete
// Signature.
func (sig *Signature) DER() []byte {
	if !sig.complete() {
		return nil
	}
	r, s := derInteger256(sig.R.Bytes()), derInteger256(sig.S.Bytes())
	out := []byte{derSequence, byte(len(r) + len(s))}
	return append(append(out, r...), s...)
}

// derInteger256 encodes a non-negative big-endian integer as a DER
// INTEGER: leading zero bytes dropped, one zero byte added when the top
// bit is set so the value stays positive (X.690 sections 8.3.2, 8.3.3).
func derInteger256(b []byte) []byte {
	for len(b) > 1 && b[0] == 0 {
		b = b[1:]
	}
	if b[0]&0x80 != 0 {
		b = append([]byte{0}, b...)
	}
	return append([]byte{derInteger, byte(len(b))}, b...)
}

// ParseDER decodes a DER Ecdsa-Sig-Value for curve c. It accepts exactly
// one encoding per (r, s) and refuses, among others: any tag but SEQUENCE
// and INTEGER, long-form or indefinite lengths (BER), a length that does
// not match the bytes present, trailing bytes after the SEQUENCE or inside
// it after s, an empty INTEGER, a negative INTEGER, a superfluous leading
// zero byte, and r or s equal to zero or not below n.
func ParseDER(c curve.Curve, b []byte) (*Signature, error) {
	if err := supported(c); err != nil {
		return nil, err
	}
	body, rest, err := derElement(b, derSequence, "SEQUENCE")
	if err != nil {
		return nil, err
	}
	if len(rest) != 0 {
		return nil, fmt.Errorf("%w: %d bytes after the SEQUENCE", ErrEncoding, len(rest))
	}
	rb, body, err := derElement(body, derInteger, "r")
	if err != nil {
		return nil, err
	}
	sb, body, err := derElement(body, derInteger, "s")
	if err != nil {
		return nil, err
	}
	if len(body) != 0 {
		return nil, fmt.Errorf("%w: %d bytes after s inside the SEQUENCE", ErrEncoding, len(body))
	}
	r, err := derScalar(c, rb, "r")
	if err != nil {
		return nil, err
	}
	s, err := derScalar(c, sb, "s")
	if err != nil {
		return nil, err
	}
	return &Signature{R: r, S: s}, nil
}

// derElement splits b into the contents of one element with the given
// one-byte tag and the bytes after it. Only the short length form is
// accepted (see the package constants).
func derElement(b []byte, tag byte, name string) (contents, rest []byte, err error) {
	if len(b) < 2 {
		return nil, nil, fmt.Errorf("%w: %s truncated", ErrEncoding, name)
	}
	if b[0] != tag {
		return nil, nil, fmt.Errorf("%w: %s has tag 0x%02x, want 0x%02x", ErrEncoding, name, b[0], tag)
	}
	n := int(b[1])
	if n >= 0x80 {
		return nil, nil, fmt.Errorf("%w: %s length byte 0x%02x (long or indefinite form)", ErrEncoding, name, b[1])
	}
	if len(b)-2 < n {
		return nil, nil, fmt.Errorf("%w: %s length %d exceeds the %d bytes present", ErrEncoding, name, n, len(b)-2)
	}
	return b[2 : 2+n], b[2+n:], nil
}

// derScalar checks the contents of a DER INTEGER (minimal two's complement,
// positive) and returns it as a scalar in [1, n).
func derScalar(c curve.Curve, v []byte, name string) (curve.Scalar, error) {
	switch {
	case len(v) == 0:
		return nil, fmt.Errorf("%w: %s is an empty INTEGER", ErrEncoding, name)
	case v[0]&0x80 != 0:
		return nil, fmt.Errorf("%w: %s is negative", ErrEncoding, name)
	case len(v) > 1 && v[0] == 0 && v[1]&0x80 == 0:
		return nil, fmt.Errorf("%w: %s has a superfluous leading zero byte", ErrEncoding, name)
	}
	if v[0] == 0 {
		v = v[1:] // the sign byte of a positive value with its top bit set
	}
	size := c.ScalarSize()
	if len(v) > size {
		return nil, fmt.Errorf("%w: %s: %w", ErrEncoding, name, curve.ErrScalarOverflow)
	}
	padded := make([]byte, size)
	copy(padded[size-len(v):], v)
	return decodeNonZero(c, padded, name)
}
