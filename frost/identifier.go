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
// as a map key) holding the integer big-endian in idSize bytes, wide enough
// for the largest scalar encoding (Ed448's 57 bytes), whatever the curve's
// scalar encoding, so that Compare is the numeric order the RFC sorts
// commitment lists by. The zero Identifier is invalid.
//
// Whether an identifier is below the group order depends on the curve; every
// function taking a Ciphersuite checks it.
type Identifier struct{ be [idSize]byte }

// idSize is the width of an Identifier: the largest ScalarSize of the
// suites' curves (Ed448, 57 bytes).
const idSize = 57

// idNarrow is the width identifiers of 256 bits or fewer are transcribed
// with (see transcriptBytes), the width Identifier had before Ed448.
const idNarrow = 32

// IdentifierFromUint64 returns the identifier with integer value v. Zero is
// rejected (ErrInvalidIdentifier).
func IdentifierFromUint64(v uint64) (Identifier, error) {
	var id Identifier
	if v == 0 {
		return id, fmt.Errorf("%w: 0", ErrInvalidIdentifier)
	}
	binary.BigEndian.PutUint64(id.be[idSize-8:], v)
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
	b, ok := narrow(id.be, c.ScalarSize())
	if !ok {
		return nil, fmt.Errorf("%w: %s does not fit %s scalars", ErrInvalidIdentifier, id, c.Name())
	}
	if littleEndian(c) {
		reverse(b)
	}
	s, err := c.DecodeScalar(b)
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %w", ErrInvalidIdentifier, id, err)
	}
	return s, nil
}

// Bytes returns the suite's canonical scalar encoding of the identifier
// (RFC 9591 SerializeScalar), the form DecodeIdentifier reads.
func (id Identifier) Bytes(suite Ciphersuite) []byte {
	if !suite.valid() {
		return id.transcriptBytes()
	}
	// An identifier too wide for the suite's scalars (never one that
	// validFor accepted) keeps its low bytes: Bytes has no error to report.
	size := suite.Curve().ScalarSize()
	out := append([]byte(nil), id.be[idSize-size:]...)
	if littleEndian(suite.Curve()) {
		reverse(out)
	}
	return out
}

// IsZero reports whether id is the (invalid) zero identifier.
func (id Identifier) IsZero() bool { return id == Identifier{} }

// Compare orders identifiers numerically: -1, 0 or +1.
func (id Identifier) Compare(o Identifier) int { return bytes.Compare(id.be[:], o.be[:]) }

// Uint64 returns the identifier's value when it fits in 64 bits.
func (id Identifier) Uint64() (uint64, bool) {
	if _, ok := narrow(id.be, 8); !ok {
		return 0, false
	}
	return binary.BigEndian.Uint64(id.be[idSize-8:]), true
}

// String returns the identifier in decimal when it fits in 64 bits, else as
// 0x-prefixed big-endian hex (32 bytes when it fits, else 57).
func (id Identifier) String() string {
	if v, ok := id.Uint64(); ok {
		return strconv.FormatUint(v, 10)
	}
	return "0x" + hex.EncodeToString(id.transcriptBytes())
}

// transcriptBytes is the identifier big-endian in 32 bytes when it fits
// (every identifier of the 256-bit curves, and the form used before Ed448,
// so transcripts of those suites are unchanged), else in all 57 bytes.
func (id Identifier) transcriptBytes() []byte {
	if b, ok := narrow(id.be, idNarrow); ok {
		return b
	}
	return append([]byte(nil), id.be[:]...)
}

// validFor checks that id is a non-zero scalar of the suite's curve.
func (id Identifier) validFor(suite Ciphersuite) error {
	_, err := id.Scalar(suite.Curve())
	return err
}

// littleEndian reports whether c encodes scalars little-endian
// (edwards25519 and Ed448, RFC 8032; ristretto255, RFC 9496); secp256k1
// and P-256 are big-endian (SEC 1).
func littleEndian(c curve.Curve) bool {
	switch c.ID() {
	case curve.IDEdwards25519, curve.IDRistretto255, curve.IDEd448:
		return true
	}
	return false
}

// narrow returns the low size bytes of be (big-endian), and false when a
// dropped leading byte is not zero.
func narrow(be [idSize]byte, size int) ([]byte, bool) {
	for _, v := range be[:idSize-size] {
		if v != 0 {
			return nil, false
		}
	}
	return append([]byte(nil), be[idSize-size:]...), true
}

// scalarToBE returns s big-endian in idSize bytes.
func scalarToBE(s curve.Scalar) [idSize]byte {
	var out [idSize]byte
	b := s.Bytes()
	if littleEndian(s.Curve()) {
		reverse(b)
	}
	copy(out[idSize-len(b):], b)
	return out
}

func reverse(b []byte) {
	for i, j := 0, len(b)-1; i < j; i, j = i+1, j-1 {
		b[i], b[j] = b[j], b[i]
	}
}
