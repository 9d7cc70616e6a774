package curve

import (
	"io"

	"github.com/cronokirby/saferith"
)

// bls12381G1Curve is the Curve for G1 of BLS12-381, the order-r subgroup
// of y² = x³ + 4 over F_p. Points are cloudflare/circl's ecc/bls12381 G1
// (constant-time fiat-crypto field, complete addition formulas, a fixed
// 4-bit window with constant-time table lookups for scalar
// multiplication); scalars mod r use filippo.io/bigmod, as P-256's and the
// Stark curve's do (bigmod_scalar.go). The group order r is that of
// draft-irtf-cfrg-pairing-friendly-curves-11, section 4.2.1.
type bls12381G1Curve struct{}

// BLS12381G1 returns G1 of BLS12-381, the group of the public keys of
// minimal-pubkey-size BLS signatures (package bls). Scalars encode as 32
// bytes big-endian below r; points as the 48-byte compressed form of the
// ZCash serialization (draft-irtf-cfrg-pairing-friendly-curves-11,
// appendix C): the top bit set, the second bit for the identity, the third
// for the larger y, then x big-endian. The identity encodes as 0xc0
// followed by 47 zero bytes.
func BLS12381G1() Curve { return bls12381G1Curve{} }

// bls12381OrderBytes is r, the prime order of G1 and G2.
var bls12381OrderBytes = []byte{
	0x73, 0xed, 0xa7, 0x53, 0x29, 0x9d, 0x7d, 0x48, 0x33, 0x39, 0xd8, 0x08, 0x09, 0xa1, 0xd8, 0x05,
	0x53, 0xbd, 0xa4, 0x02, 0xff, 0xfe, 0x5b, 0xfe, 0xff, 0xff, 0xff, 0xff, 0x00, 0x00, 0x00, 0x01,
}

// bls12381ScalarField is the field of BLS12-381's scalars, mod r.
var bls12381ScalarField = newScalarField(bls12381G1Curve{}, "bls12-381", bls12381OrderBytes)

func (bls12381G1Curve) Name() string                          { return "bls12-381-g1" }
func (bls12381G1Curve) ID() ID                                { return IDBLS12381G1 }
func (bls12381G1Curve) ScalarSize() int                       { return bigmodScalarSize }
func (bls12381G1Curve) PointSize() int                        { return 48 }
func (bls12381G1Curve) Order() *saferith.Modulus              { return bls12381ScalarField.order() }
func (bls12381G1Curve) NewScalar() Scalar                     { return bls12381ScalarField.zero() }
func (bls12381G1Curve) ScalarFromUint64(v uint64) Scalar      { return bls12381ScalarField.fromUint64(v) }
func (bls12381G1Curve) ScalarFromNat(n *saferith.Nat) Scalar  { return bls12381ScalarField.fromNat(n) }
func (bls12381G1Curve) ScalarFromInt(n *saferith.Int) Scalar  { return bls12381ScalarField.fromInt(n) }
func (bls12381G1Curve) DecodeScalar(b []byte) (Scalar, error) { return bls12381ScalarField.decode(b) }

func (bls12381G1Curve) RandomScalar(rand io.Reader) (Scalar, error) {
	return bls12381ScalarField.random(rand)
}

// HashToScalar is hash_to_field of RFC 9380 section 5.2 with count 1,
// expand_message_xmd with SHA-256 (section 5.3.1) and L = 48, reduced mod
// r: the scalar hash of the FROST suites over prime-order Weierstrass
// groups, with L = ceil((255 + 128)/8) = 48 bytes for a bias below 2^-128.
// The dkg and refresh packages use it for their Schnorr proofs' challenges;
// the BLS signature scheme itself hashes to G2, not to scalars.
func (bls12381G1Curve) HashToScalar(dst []byte, msgs ...[]byte) Scalar {
	return bls12381ScalarField.wide(ExpandMessageXMDSHA256(dst, 48, msgs...))
}
