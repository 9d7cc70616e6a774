package bls

import (
	"fmt"

	circl "github.com/cloudflare/circl/ecc/bls12381"
	"github.com/cloudflare/circl/ecc/bls12381/ff"
)

// SignatureSize is the length of a compressed G2 point, a signature.
const SignatureSize = 96

// Signature is a BLS signature, a point of G2. Decoded and computed
// signatures are always in G2. A Signature may be the identity (Ethereum's
// "infinity signature", which DecodeSignature accepts and Aggregate may
// return); no verification accepts it, and partial signatures never are.
type Signature struct{ p circl.G2 }

// Bytes returns the 96-byte compressed encoding of the ZCash serialization
// (draft-irtf-cfrg-pairing-friendly-curves-11, appendix C): flags in the top
// three bits, then x = x_1·u + x_0 as x_1 || x_0, each big-endian.
func (s *Signature) Bytes() []byte {
	if s == nil {
		return nil
	}
	return s.p.BytesCompressed()
}

// Equal reports whether two signatures are the same point.
func (s *Signature) Equal(o *Signature) bool {
	return s != nil && o != nil && s.p.IsEqual(&o.p)
}

// DecodeSignature parses a compressed G2 point strictly, the
// signature_to_point and signature_subgroup_check of the draft, section
// 2.5 and 2.8: 96 bytes with the compression flag set, no stray flag bits,
// both coordinates below p, a point on the curve and in the order-r
// subgroup, and an encoding that re-encodes to itself. The identity is
// accepted in its one canonical encoding, 0xc0 followed by 95 zero bytes,
// as Ethereum's consensus layer requires of a signature (its test
// deserialization_G2/deserialization_succeeds_infinity_with_true_b_flag):
// it decodes, aggregates, and then fails every verification, since no
// valid key signs to it. The infinity flag with any other bit set is
// refused. A partial signature is held to more (DecodePartialSignature
// refuses the identity, naming the sender). Variable time: public inputs
// only.
func DecodeSignature(b []byte) (*Signature, error) {
	if len(b) != SignatureSize {
		return nil, fmt.Errorf("%w: %d bytes, want %d", ErrInvalidPoint, len(b), SignatureSize)
	}
	if b[0]&0x80 == 0 {
		return nil, fmt.Errorf("%w: compression flag clear", ErrInvalidPoint)
	}
	if b[0]&0x40 != 0 {
		if b[0] != 0xc0 || !allZero(b[1:]) {
			return nil, fmt.Errorf("%w: the identity's encoding with stray bits", ErrInvalidPoint)
		}
		s := new(Signature)
		s.p.SetIdentity()
		return s, nil
	}
	xb := append([]byte(nil), b...)
	xb[0] &= 0x1f
	var x ff.Fp2
	if err := x.UnmarshalBinary(xb); err != nil {
		return nil, fmt.Errorf("%w: x not below p", ErrInvalidPoint)
	}
	// y² = x³ + 4(1 + u): refuse an x that is no point's before the
	// subgroup check, to name the failure.
	var rhs, y, b2 ff.Fp2
	b2[0].SetUint64(4)
	b2[1].SetUint64(4)
	rhs.Sqr(&x)
	rhs.Mul(&rhs, &x)
	rhs.Add(&rhs, &b2)
	if y.Sqrt(&rhs) == 0 {
		return nil, fmt.Errorf("%w: not on the curve", ErrInvalidPoint)
	}
	s := new(Signature)
	if err := s.p.SetBytes(b); err != nil {
		return nil, fmt.Errorf("%w: not in the prime-order subgroup", ErrInvalidPoint)
	}
	if string(s.p.BytesCompressed()) != string(b) {
		return nil, fmt.Errorf("%w: does not re-encode", ErrInvalidPoint)
	}
	return s, nil
}

// allZero reports whether every byte of b is zero. Public inputs only.
func allZero(b []byte) bool {
	var acc byte
	for _, v := range b {
		acc |= v
	}
	return acc == 0
}

// isIdentity reports whether s is the identity of G2.
func (s *Signature) isIdentity() bool { return s.p.IsIdentity() }

// HashToG2 is hash_to_curve of RFC 9380, section 3, with the suite
// BLS12381G2_XMD:SHA-256_SSWU_RO_ (section 8.8.2): expand_message_xmd
// with SHA-256, the simplified SWU map to a 3-isogenous curve, the
// isogeny, and cofactor clearing by the endomorphism method. circl
// computes it; the RFC's appendix J.10.1 vectors are this package's test.
// The result is returned as a Signature because it is a G2 point; it is
// the identity with negligible probability only.
func HashToG2(msg, dst []byte) *Signature {
	s := new(Signature)
	s.p.Hash(msg, dst)
	return s
}
