package curve

import (
	"crypto/subtle"
	"fmt"
)

// Constant-time helpers for the even-y normalisation of BIP-340, where the
// parity of a point derived from a secret (the nonce point R, or d'·G) decides
// whether the secret scalar is negated. Branching on that parity would leak
// it through timing, so the bit is read and applied with masks.

// YParity returns 1 if the affine y-coordinate of the secp256k1 point p is
// odd and 0 if it is even. Unlike HasEvenY it never turns the bit into a
// bool, so callers can feed it to CondNegate without a branch. The field
// inversion and the parity read are constant time; only the identity check
// (which fails with negligible probability for a secret-derived point)
// branches.
func YParity(p Point) (int, error) {
	sp, err := secp256k1Point(p)
	if err != nil {
		return 0, err
	}
	if sp.IsIdentity() {
		return 0, ErrIdentity
	}
	_, y := sp.affine()
	return int(y.IsOddBit()), nil
}

// CondNegate returns -s if negate is 1 and a copy of s if negate is 0, in
// constant time. Any other value of negate, or a scalar of an unknown
// implementation, is a programming error and panics.
func CondNegate(s Scalar, negate int) Scalar {
	if negate != 0 && negate != 1 { // public contract check, not a secret branch
		panic(fmt.Sprintf("curve: CondNegate with negate = %d", negate))
	}
	pos := s.Bytes()
	neg := s.Negate().Bytes()
	subtle.ConstantTimeCopy(negate, pos, neg)
	clear(neg)
	var out Scalar
	var err error
	switch v := s.(type) {
	case *secpScalar:
		out, err = secp256k1Curve{}.DecodeScalar(pos)
	case *edScalar:
		out, err = ed25519Curve{}.DecodeScalar(pos)
	case *ristrettoScalar:
		out, err = ristrettoCurve{}.DecodeScalar(pos)
	case *ed448Scalar:
		out, err = ed448Curve{}.DecodeScalar(pos)
	case *bigmodScalar: // P-256, Stark, BLS12-381: decoded in s's own field
		out, err = v.f.decode(pos)
	default:
		panic(ErrWrongCurve)
	}
	clear(pos)
	if err != nil {
		panic(err) // unreachable: both candidates are canonical encodings
	}
	return out
}
