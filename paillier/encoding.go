package paillier

import (
	"encoding/binary"
	"fmt"

	"github.com/cronokirby/saferith"
)

// Binary encodings: a type tag, a version, the modulus size in bits (uint16,
// big-endian), then fixed-width big-endian integers. Every length is implied
// by the header, so decoding rejects anything longer or shorter.
const (
	encodingVersion = 1
	tagPublicKey    = 'P'
	tagSecretKey    = 'S'
	tagPedersen     = 'R'
	headerSize      = 4
)

func putHeader(tag byte, bits int, size int) []byte {
	out := make([]byte, headerSize, headerSize+size)
	out[0] = tag
	out[1] = encodingVersion
	binary.BigEndian.PutUint16(out[2:], uint16(bits))
	return out
}

// parseHeader checks the header and the total length (fields × width bytes
// after the header, width derived from the size) and returns the bits and
// the body.
func parseHeader(data []byte, tag byte, widths func(bits int) int) (int, []byte, error) {
	if len(data) < headerSize {
		return 0, nil, fmt.Errorf("%w: short header", ErrEncoding)
	}
	if data[0] != tag {
		return 0, nil, fmt.Errorf("%w: wrong type tag %#x", ErrEncoding, data[0])
	}
	if data[1] != encodingVersion {
		return 0, nil, fmt.Errorf("%w: unsupported version %d", ErrEncoding, data[1])
	}
	bits := int(binary.BigEndian.Uint16(data[2:]))
	if !supportedBits(bits) {
		return 0, nil, fmt.Errorf("%w: unsupported size %d", ErrModulusSize, bits)
	}
	body := data[headerSize:]
	if len(body) != widths(bits) {
		return 0, nil, fmt.Errorf("%w: body of %d bytes, want %d", ErrEncoding, len(body), widths(bits))
	}
	return bits, body, nil
}

func appendFixed(out []byte, x *saferith.Nat, width int) []byte {
	buf := make([]byte, width)
	x.FillBytes(buf)
	return append(out, buf...)
}

// MarshalBinary encodes the public key (tag 'P', version 1). A nil or zero
// key is ErrInvalidModulus.
func (pk *PublicKey) MarshalBinary() ([]byte, error) {
	if err := pk.usable(); err != nil {
		return nil, err
	}
	w := pk.bits / 8
	return appendFixed(putHeader(tagPublicKey, pk.bits, w), pk.nNat, w), nil
}

// UnmarshalBinary decodes and validates a public key of a supported size
// (ModulusBits2048 or ModulusBits3072). Protocols must still compare
// BitLen with their configured size; ParsePublicKey does both. Decoding
// into a nil *PublicKey is ErrEncoding.
func (pk *PublicKey) UnmarshalBinary(data []byte) error {
	if pk == nil {
		return fmt.Errorf("%w: decoding into a nil PublicKey", ErrEncoding)
	}
	bits, body, err := parseHeader(data, tagPublicKey, func(b int) int { return b / 8 })
	if err != nil {
		return err
	}
	parsed, err := newPublicKey(new(saferith.Nat).SetBytes(body), bits)
	if err != nil {
		return err
	}
	*pk = *parsed
	return nil
}

// ParsePublicKey decodes a public key and requires exactly the configured
// size (DefaultModulusBits unless WithModulusBits).
func ParsePublicKey(data []byte, opts ...Option) (*PublicKey, error) {
	cfg, err := newConfig(opts)
	if err != nil {
		return nil, err
	}
	pk := new(PublicKey)
	if err := pk.UnmarshalBinary(data); err != nil {
		return nil, err
	}
	if pk.bits != cfg.bits {
		return nil, fmt.Errorf("%w: %d bits, want %d", ErrModulusSize, pk.bits, cfg.bits)
	}
	return pk, nil
}

// MarshalBinary encodes the secret key (tag 'S', version 1): p then q.
// The output is secret.
func (sk *SecretKey) MarshalBinary() ([]byte, error) {
	if err := sk.usable(); err != nil {
		return nil, err
	}
	w := sk.pk.bits / 16
	out := putHeader(tagSecretKey, sk.pk.bits, 2*w)
	out = appendFixed(out, sk.pNat, w)
	return appendFixed(out, sk.qNat, w), nil
}

// UnmarshalBinary decodes a secret key and validates it as
// NewSecretKeyFromPrimes does (Miller–Rabin bases from crypto/rand).
func (sk *SecretKey) UnmarshalBinary(data []byte) error {
	bits, body, err := parseHeader(data, tagSecretKey, func(b int) int { return b / 8 })
	if err != nil {
		return err
	}
	w := bits / 16
	p := new(saferith.Nat).SetBytes(body[:w])
	q := new(saferith.Nat).SetBytes(body[w:])
	parsed, err := NewSecretKeyFromPrimes(p, q, WithModulusBits(bits))
	if err != nil {
		return err
	}
	*sk = *parsed
	return nil
}

// MarshalBinary encodes the parameters (tag 'R', version 1): N̂, s, t.
func (pp *PedersenParams) MarshalBinary() ([]byte, error) {
	w := pp.bits / 8
	out := putHeader(tagPedersen, pp.bits, 3*w)
	out = appendFixed(out, pp.nNat, w)
	out = appendFixed(out, pp.s, w)
	return appendFixed(out, pp.t, w), nil
}

// UnmarshalBinary decodes and validates parameters of a supported size
// (see NewPedersenParams). Protocols must still compare BitLen with their
// configured size; ParsePedersenParams does both.
func (pp *PedersenParams) UnmarshalBinary(data []byte) error {
	bits, body, err := parseHeader(data, tagPedersen, func(b int) int { return 3 * b / 8 })
	if err != nil {
		return err
	}
	w := bits / 8
	parsed, err := newPedersenParams(
		new(saferith.Nat).SetBytes(body[:w]),
		new(saferith.Nat).SetBytes(body[w:2*w]),
		new(saferith.Nat).SetBytes(body[2*w:]),
		bits)
	if err != nil {
		return err
	}
	*pp = *parsed
	return nil
}

// ParsePedersenParams decodes parameters and requires exactly the configured
// size (DefaultModulusBits unless WithModulusBits).
func ParsePedersenParams(data []byte, opts ...Option) (*PedersenParams, error) {
	cfg, err := newConfig(opts)
	if err != nil {
		return nil, err
	}
	pp := new(PedersenParams)
	if err := pp.UnmarshalBinary(data); err != nil {
		return nil, err
	}
	if pp.bits != cfg.bits {
		return nil, fmt.Errorf("%w: %d bits, want %d", ErrModulusSize, pp.bits, cfg.bits)
	}
	return pp, nil
}
