package curve

import (
	"io"

	"github.com/cronokirby/saferith"
)

// starkCurve is the Curve for the Stark curve of Starknet and StarkEx:
// y² = x³ + α·x + β over F_p, p = 2^251 + 17·2^192 + 1, α = 1, of prime
// order n. The constants are those of StarkWare's pedersen_params.json as
// used by starkware-libs/starkex-resources,
// crypto/starkware/crypto/signature/signature.py (FIELD_PRIME, ALPHA,
// BETA, EC_ORDER, and EC_GEN, which that file asserts), and the Starknet
// documentation page "STARK curve". Points use this package's own
// constant-time field (stark_field.go) and the complete formulas of
// Renes, Costello and Batina; scalars mod n use filippo.io/bigmod, as
// P-256's do (bigmod_scalar.go).
type starkCurve struct{}

// Stark returns the Stark curve. Scalars encode as 32 bytes big-endian
// below n; points as 33 bytes, a SEC1-style compressed form (prefix 0x02
// for even y, 0x03 for odd y, then x big-endian, x < p), the identity as 33
// zero bytes.
func Stark() Curve { return starkCurve{} }

// starkOrderBytes is n, the order of the Stark curve's group (EC_ORDER).
var starkOrderBytes = []byte{
	0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x10, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
	0xb7, 0x81, 0x12, 0x6d, 0xca, 0xe7, 0xb2, 0x32, 0x1e, 0x66, 0xa2, 0x41, 0xad, 0xc6, 0x4d, 0x2f,
}

// starkScalarField is the field of the Stark curve's scalars, mod n.
var starkScalarField = newScalarField(starkCurve{}, "stark", starkOrderBytes)

func (starkCurve) Name() string                          { return "stark" }
func (starkCurve) ID() ID                                { return IDStark }
func (starkCurve) ScalarSize() int                       { return bigmodScalarSize }
func (starkCurve) PointSize() int                        { return 33 }
func (starkCurve) Order() *saferith.Modulus              { return starkScalarField.order() }
func (starkCurve) NewScalar() Scalar                     { return starkScalarField.zero() }
func (starkCurve) ScalarFromUint64(v uint64) Scalar      { return starkScalarField.fromUint64(v) }
func (starkCurve) ScalarFromNat(n *saferith.Nat) Scalar  { return starkScalarField.fromNat(n) }
func (starkCurve) ScalarFromInt(n *saferith.Int) Scalar  { return starkScalarField.fromInt(n) }
func (starkCurve) DecodeScalar(b []byte) (Scalar, error) { return starkScalarField.decode(b) }

func (starkCurve) RandomScalar(rand io.Reader) (Scalar, error) {
	return starkScalarField.random(rand)
}

// HashToScalar is hash_to_field of RFC 9380 section 5.2 with count 1,
// expand_message_xmd with SHA-256 (section 5.3.1) and L = 48, reduced mod
// n, as for P-256. No RFC 9591 suite, and no other standard, defines a
// hash to the Stark curve's scalars: this is mosaic's own choice, with L =
// ceil((252 + 128)/8) = 48 bytes for a bias below 2^-128.
func (starkCurve) HashToScalar(dst []byte, msgs ...[]byte) Scalar {
	return starkScalarField.wide(ExpandMessageXMDSHA256(dst, 48, msgs...))
}
