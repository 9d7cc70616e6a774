package curve

import (
	"io"

	"github.com/cronokirby/saferith"
)

// p256Curve is the Curve for NIST P-256 (SEC 2 section 2.4.2, where it is
// called secp256r1; FIPS 186-5). Points use filippo.io/nistec, the
// constant-time code behind Go's crypto/ecdh and crypto/ecdsa. nistec keeps
// its scalar field private, so scalars mod n use filippo.io/bigmod, the
// constant-time modular arithmetic Go's crypto/ecdsa itself uses for the
// same scalars, rather than saferith: bigmod's operands have a fixed size
// announced by the modulus, so no operation's timing depends on a value.
// The scalar arithmetic is bigmod_scalar.go's, shared with Stark and
// BLS12-381.
type p256Curve struct{}

// P256 returns NIST P-256. Scalars encode as 32 bytes big-endian; points as
// 33-byte SEC1 compressed encodings (SEC 1 v2 section 2.3.3), the identity,
// which that form cannot express, as 33 zero bytes.
func P256() Curve { return p256Curve{} }

// p256OrderBytes is n, the order of P-256's base point (SEC 2 section
// 2.4.2).
var p256OrderBytes = []byte{
	0xff, 0xff, 0xff, 0xff, 0x00, 0x00, 0x00, 0x00, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
	0xbc, 0xe6, 0xfa, 0xad, 0xa7, 0x17, 0x9e, 0x84, 0xf3, 0xb9, 0xca, 0xc2, 0xfc, 0x63, 0x25, 0x51,
}

// p256ScalarField is the field of P-256's scalars, mod n.
var p256ScalarField = newScalarField(p256Curve{}, "P-256", p256OrderBytes)

func (p256Curve) Name() string                          { return "P-256" }
func (p256Curve) ID() ID                                { return IDP256 }
func (p256Curve) ScalarSize() int                       { return bigmodScalarSize }
func (p256Curve) PointSize() int                        { return 33 }
func (p256Curve) Order() *saferith.Modulus              { return p256ScalarField.order() }
func (p256Curve) NewScalar() Scalar                     { return p256ScalarField.zero() }
func (p256Curve) ScalarFromUint64(v uint64) Scalar      { return p256ScalarField.fromUint64(v) }
func (p256Curve) ScalarFromNat(n *saferith.Nat) Scalar  { return p256ScalarField.fromNat(n) }
func (p256Curve) ScalarFromInt(n *saferith.Int) Scalar  { return p256ScalarField.fromInt(n) }
func (p256Curve) DecodeScalar(b []byte) (Scalar, error) { return p256ScalarField.decode(b) }

func (p256Curve) RandomScalar(rand io.Reader) (Scalar, error) {
	return p256ScalarField.random(rand)
}

// HashToScalar is hash_to_field of RFC 9380 section 5.2 with count 1,
// expand_message_xmd with SHA-256 (section 5.3.1) and L = 48, reduced mod n:
// the H1, H3, H4 and H5 of RFC 9591's FROST(P-256, SHA-256) (section 6.4),
// with dst the suite's context string and tag.
func (p256Curve) HashToScalar(dst []byte, msgs ...[]byte) Scalar {
	return p256ScalarField.wide(ExpandMessageXMDSHA256(dst, 48, msgs...))
}
