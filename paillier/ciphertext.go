package paillier

import (
	"fmt"

	"github.com/cronokirby/saferith"

	"github.com/mosaic-mpc/mosaic/internal/bigint"
)

// Ciphertext is a Paillier ciphertext: an element of Z*_{N²} for the key it
// was created or decoded with. It is immutable and safe for concurrent use
// (its value is only ever read; Nat returns a copy).
type Ciphertext struct {
	c *saferith.Nat // announced length: bit length of N²
}

// NewCiphertext validates c as a ciphertext for pk: 0 < c < N² and
// gcd(c, N) = 1 (SECURITY.md case 11). The value is public. A nil or zero
// pk is ErrInvalidModulus.
func NewCiphertext(pk *PublicKey, c *saferith.Nat) (*Ciphertext, error) {
	if err := pk.usable(); err != nil {
		return nil, err
	}
	if c == nil {
		return nil, fmt.Errorf("%w: nil", ErrInvalidCiphertext)
	}
	if !bigint.NatInRangeVarTime(c, pk.nSqMod) {
		return nil, fmt.Errorf("%w: not below N²", ErrInvalidCiphertext)
	}
	if c.EqZero() == 1 {
		return nil, fmt.Errorf("%w: zero", ErrInvalidCiphertext)
	}
	if !bigint.GCDIsOneVarTime(c, pk.nNat) {
		return nil, fmt.Errorf("%w: not coprime to N", ErrInvalidCiphertext)
	}
	return &Ciphertext{c: new(saferith.Nat).Mod(c, pk.nSqMod)}, nil
}

// DecodeCiphertext parses the fixed-width big-endian encoding written by
// Bytes (exactly CiphertextSize bytes) and validates it like NewCiphertext.
// A nil or zero key is ErrInvalidModulus.
func (pk *PublicKey) DecodeCiphertext(b []byte) (*Ciphertext, error) {
	if err := pk.usable(); err != nil {
		return nil, err
	}
	if len(b) != pk.CiphertextSize() {
		return nil, fmt.Errorf("%w: ciphertext of %d bytes, want %d", ErrEncoding, len(b), pk.CiphertextSize())
	}
	return NewCiphertext(pk, new(saferith.Nat).SetBytes(b))
}

// CiphertextSize is the length of an encoded ciphertext: the byte length of
// N²; 0 for a nil or zero key.
func (pk *PublicKey) CiphertextSize() int {
	if !pk.valid() {
		return 0
	}
	return (pk.nSqMod.BitLen() + 7) / 8
}

// Bytes returns the fixed-width big-endian encoding (CiphertextSize bytes).
func (ct *Ciphertext) Bytes() []byte { return ct.c.Bytes() }

// Nat returns a copy of the ciphertext value.
func (ct *Ciphertext) Nat() *saferith.Nat { return ct.c.Clone() }

// Equal reports whether both ciphertexts have the same value.
func (ct *Ciphertext) Equal(other *Ciphertext) bool {
	if ct == nil || other == nil {
		return ct == other
	}
	return bigint.Equal(ct.c, other.c) == 1
}

// Clone returns a copy.
func (ct *Ciphertext) Clone() *Ciphertext { return &Ciphertext{c: ct.c.Clone()} }
