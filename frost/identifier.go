package frost

import (
	"bytes"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"strconv"

	"github.com/mosaic-mpc/mosaic/curve"
)

// Identifier is a participant identifier, RFC 9591's NonZeroScalar: a
// non-zero integer below the group order. It is a comparable value (usable
// as a map key) holding the integer in 32 bytes big-endian, whatever the
// curve's scalar encoding, so that Compare is the numeric order the RFC
// sorts commitment lists by. The zero Identifier is invalid.
//
// Whether an identifier is below the group order depends on the curve; every
// function taking a Ciphersuite checks it.
type Identifier struct{ be [32]byte }

// IdentifierFromUint64 returns the identifier with integer value v. Zero is
// rejected (ErrInvalidIdentifier).
func IdentifierFromUint64(v uint64) (Identifier, error) {
	var id Identifier
	if v == 0 {
		return id, fmt.Errorf("%w: 0", ErrInvalidIdentifier)
	}
	binary.BigEndian.PutUint64(id.be[24:], v)
	return id, nil
}

// IdentifierFromScalar returns the identifier with the value of s. Zero is
// rejected.
func IdentifierFromScalar(s curve.Scalar) (Identifier, error) {
	var id Identifier
	if s == nil || s.IsZero() {
		return id, fmt.Errorf("%w: zero scalar", ErrInvalidIdentifier)
	}
	id.be = scalarToBE(s)
	return id, nil
}

// DecodeIdentifier parses the suite's canonical scalar encoding of an
// identifier (RFC 9591 SerializeScalar). Wrong lengths, values >= q and
// zero are rejected, never reduced (SECURITY.md case 21).
func DecodeIdentifier(suite Ciphersuite, b []byte) (Identifier, error) {
	var id Identifier
	if err := suite.check(); err != nil {
		return id, err
	}
	s, err := suite.Curve().DecodeScalar(b)
	if err != nil {
		return id, fmt.Errorf("%w: %w", ErrInvalidIdentifier, err)
	}
	return IdentifierFromScalar(s)
}

// Scalar returns the identifier as a scalar of c. It fails for the zero
// identifier and for values not below c's order.
func (id Identifier) Scalar(c curve.Curve) (curve.Scalar, error) {
	if id.IsZero() {
		return nil, fmt.Errorf("%w: 0", ErrInvalidIdentifier)
	}
	b := id.be
	if littleEndian(c) {
		reverse(b[:])
	}
	s, err := c.DecodeScalar(b[:])
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %w", ErrInvalidIdentifier, id, err)
	}
	return s, nil
}

// Bytes returns the suite's canonical scalar encoding of the identifier
// (RFC 9591 SerializeScalar), the form DecodeIdentifier reads.
func (id Identifier) Bytes(suite Ciphersuite) []byte {
	out := id.be
	if suite.valid() && littleEndian(suite.Curve()) {
		reverse(out[:])
	}
	return out[:]
}

// IsZero reports whether id is the (invalid) zero identifier.
func (id Identifier) IsZero() bool { return id == Identifier{} }

// Compare orders identifiers numerically: -1, 0 or +1.
func (id Identifier) Compare(o Identifier) int { return bytes.Compare(id.be[:], o.be[:]) }

// Uint64 returns the identifier's value when it fits in 64 bits.
func (id Identifier) Uint64() (uint64, bool) {
	for _, v := range id.be[:24] {
		if v != 0 {
			return 0, false
		}
	}
	return binary.BigEndian.Uint64(id.be[24:]), true
}

// String returns the identifier in decimal when it fits in 64 bits, else as
// 0x-prefixed big-endian hex.
func (id Identifier) String() string {
	if v, ok := id.Uint64(); ok {
		return strconv.FormatUint(v, 10)
	}
	return "0x" + hex.EncodeToString(id.be[:])
}

// validFor checks that id is a non-zero scalar of the suite's curve.
func (id Identifier) validFor(suite Ciphersuite) error {
	_, err := id.Scalar(suite.Curve())
	return err
}

// littleEndian reports whether c encodes scalars little-endian
// (edwards25519, RFC 8032); secp256k1 is big-endian (SEC 1).
func littleEndian(c curve.Curve) bool { return c.ID() == curve.IDEdwards25519 }

func scalarToBE(s curve.Scalar) [32]byte {
	var out [32]byte
	copy(out[:], s.Bytes())
	if littleEndian(s.Curve()) {
		reverse(out[:])
	}
	return out
}

func reverse(b []byte) {
	for i, j := 0, len(b)-1; i < j; i, j = i+1, j-1 {
		b[i], b[j] = b[j], b[i]
	}
}
