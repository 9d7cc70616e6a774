package curve

import (
	"errors"
	"fmt"

	"github.com/decred/dcrd/dcrec/secp256k1/v4"
)

// SEC1 point encodings (SEC 1 v2, section 2.3.3 Elliptic-Curve-Point-to-
// Octet-String and section 2.3.4 Octet-String-to-Elliptic-Curve-Point) for
// the short Weierstrass curves, secp256k1 and P-256, whose public keys
// travel in them. Points are public: these functions may branch on them.
//
// The decoder is stricter than SEC 1 allows: it takes the compressed
// (0x02/0x03, 33 bytes) and uncompressed (0x04, 65 bytes) forms only. It
// refuses the hybrid forms (0x06/0x07), which carry y twice and which
// libraries disagree about; the one-byte encoding 0x00 of the point at
// infinity, which is no public key; and coordinates >= p, which SEC 1's
// field-element conversion (section 2.3.6) already excludes.

// ErrNoSEC1 is returned for a curve or point without SEC1 encodings
// (edwards25519 and the other Edwards and Ristretto groups).
var ErrNoSEC1 = errors.New("curve: SEC1 encodings exist only for secp256k1 and P-256")

// EncodeSEC1Compressed returns the 33-byte compressed encoding of p
// (SEC 1 v2 section 2.3.3 with point compression), which is also p.Bytes()
// for these curves. It refuses the identity, which has no such encoding.
func EncodeSEC1Compressed(p Point) ([]byte, error) {
	if err := sec1Encodable(p); err != nil {
		return nil, err
	}
	return p.Bytes(), nil
}

// EncodeSEC1Uncompressed returns the 65-byte uncompressed encoding
// 0x04 || x || y of p (SEC 1 v2 section 2.3.3 without point compression).
// It refuses the identity.
func EncodeSEC1Uncompressed(p Point) ([]byte, error) {
	if err := sec1Encodable(p); err != nil {
		return nil, err
	}
	switch v := p.(type) {
	case *secpPoint:
		x, y := v.affine()
		out := make([]byte, 65)
		out[0] = 0x04
		x.PutBytesUnchecked(out[1:33])
		y.PutBytesUnchecked(out[33:])
		return out, nil
	case *p256Point:
		return v.uncompressed(), nil
	}
	return nil, ErrNoSEC1 // unreachable: sec1Encodable checked the type
}

// sec1Encodable checks that p is a non-identity point of a SEC1 curve.
func sec1Encodable(p Point) error {
	switch v := p.(type) {
	case *secpPoint:
		if v == nil {
			return fmt.Errorf("%w: nil point", ErrNoSEC1)
		}
	case *p256Point:
		if v == nil {
			return fmt.Errorf("%w: nil point", ErrNoSEC1)
		}
	default:
		return fmt.Errorf("%w: %T", ErrNoSEC1, p)
	}
	if p.IsIdentity() {
		return fmt.Errorf("%w: SEC1 public point", ErrIdentity)
	}
	return nil
}

// DecodeSEC1 parses a public point of c, secp256k1 or P-256, given in the
// compressed or uncompressed SEC1 form (SEC 1 v2 section 2.3.4). It
// rejects every other length and prefix (hybrid 0x06/0x07 included),
// coordinates >= p, points off the curve and the identity, each with the
// package's sentinel errors (ErrInvalidLength, ErrNonCanonical,
// ErrNotOnCurve, ErrIdentity). Both curves have cofactor 1, so a point on
// the curve is in the group.
func DecodeSEC1(c Curve, b []byte) (Point, error) {
	switch c.(type) {
	case secp256k1Curve, p256Curve:
	default:
		return nil, fmt.Errorf("%w: %T", ErrNoSEC1, c)
	}
	switch {
	case len(b) == 1 && b[0] == 0x00:
		return nil, fmt.Errorf("%w: SEC1 point at infinity", ErrIdentity)
	case len(b) == 33:
		return c.DecodePoint(b, false)
	case len(b) == 65 && (b[0] == 0x06 || b[0] == 0x07):
		return nil, fmt.Errorf("%w: SEC1 hybrid form 0x%02x", ErrNonCanonical, b[0])
	case len(b) == 65 && b[0] != 0x04:
		return nil, fmt.Errorf("%w: SEC1 prefix 0x%02x for 65 bytes", ErrNonCanonical, b[0])
	case len(b) == 65:
		if _, ok := c.(p256Curve); ok {
			return p256FromSEC1(b)
		}
		return secpFromUncompressed(b)
	}
	return nil, fmt.Errorf("%w: SEC1 point of %d bytes", ErrInvalidLength, len(b))
}

// secpFromUncompressed decodes 0x04 || x || y, checking x, y < p and
// y² = x³ + 7.
func secpFromUncompressed(b []byte) (Point, error) {
	var xa, ya [32]byte
	copy(xa[:], b[1:33])
	copy(ya[:], b[33:])
	p := new(secpPoint)
	if p.x.SetBytes(&xa) != 0 || p.y.SetBytes(&ya) != 0 {
		return nil, fmt.Errorf("%w: secp256k1 coordinate >= p", ErrNonCanonical)
	}
	var lhs, rhs secp256k1.FieldVal
	lhs.SquareVal(&p.y).Normalize()
	rhs.SquareVal(&p.x).Mul(&p.x).AddInt(7).Normalize()
	if !lhs.Equals(&rhs) {
		return nil, fmt.Errorf("%w: secp256k1", ErrNotOnCurve)
	}
	p.x.Normalize()
	p.y.Normalize()
	p.z.SetInt(1)
	return p, nil
}
