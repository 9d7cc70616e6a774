package paillier

import (
	"fmt"

	"github.com/cronokirby/saferith"

	"github.com/mosaic-mpc/mosaic/internal/bigint"
)

// PublicKey is a Paillier public key N (generator 1+N). It is immutable and
// safe for concurrent use: its fields are only ever read, and every getter
// that hands out a saferith value hands out a copy (saferith writes to the
// operands of Cmp, Eq, Add, Mul, …, so a shared value may only be read).
type PublicKey struct {
	bits int
	n    *bigint.OddModulus // N
	nSq  *bigint.OddModulus // N²
	nNat *saferith.Nat
	// The saferith moduli behind n and nSq, used only as the modulus of
	// read-only operations (Mod, ModMul, ModInverse, …).
	nMod, nSqMod *saferith.Modulus
}

// NewPublicKey validates n and returns the public key N = n: n must be odd,
// have exactly the configured bit length (DefaultModulusBits unless
// WithModulusBits) and no prime factor below 1000.
func NewPublicKey(n *saferith.Nat, opts ...Option) (*PublicKey, error) {
	cfg, err := newConfig(opts)
	if err != nil {
		return nil, err
	}
	return newPublicKey(n, cfg.bits)
}

func newPublicKey(n *saferith.Nat, bits int) (*PublicKey, error) {
	if err := validateModulusVarTime(n, bits); err != nil {
		return nil, err
	}
	nNat := n.Clone().Resize(bits)
	nMod, err := bigint.NewOddModulusFromNat(nNat)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrInvalidModulus, err)
	}
	nSq, err := bigint.NewOddModulusFromNat(new(saferith.Nat).Mul(nNat, nNat, 2*bits))
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrInvalidModulus, err)
	}
	return &PublicKey{
		bits: bits, n: nMod, nSq: nSq, nNat: nNat,
		nMod: nMod.Modulus(), nSqMod: nSq.Modulus(),
	}, nil
}

// valid reports whether pk was made by this package (NewPublicKey,
// UnmarshalBinary, ParsePublicKey, a SecretKey): false for a nil key and
// for the zero PublicKey{}, which has no modulus. The accessors below
// answer nil or 0 for such a key and the methods with an error result
// refuse it (docs/misuse.md), instead of dereferencing a nil modulus.
func (pk *PublicKey) valid() bool {
	return pk != nil && pk.n != nil && pk.nSq != nil && pk.nNat != nil && pk.nMod != nil && pk.nSqMod != nil
}

// usable is valid as an error, for the methods that return one.
func (pk *PublicKey) usable() error {
	if !pk.valid() {
		return fmt.Errorf("%w: no modulus (a nil or zero PublicKey)", ErrInvalidModulus)
	}
	return nil
}

// N returns a copy of the modulus N, which the caller may pass to any
// saferith operation; nil for a nil or zero key.
func (pk *PublicKey) N() *saferith.Modulus {
	if !pk.valid() {
		return nil
	}
	return bigint.CopyModulus(pk.nMod)
}

// NSquared returns a copy of N², which the caller may pass to any saferith
// operation; nil for a nil or zero key.
func (pk *PublicKey) NSquared() *saferith.Modulus {
	if !pk.valid() {
		return nil
	}
	return bigint.CopyModulus(pk.nSqMod)
}

// NNat returns a copy of N as a Nat whose announced length is BitLen(); nil
// for a nil or zero key.
func (pk *PublicKey) NNat() *saferith.Nat {
	if !pk.valid() {
		return nil
	}
	return pk.nNat.Clone()
}

// NOdd returns N for bigmod-backed exponentiation (shared, immutable); nil
// for a nil or zero key.
func (pk *PublicKey) NOdd() *bigint.OddModulus {
	if !pk.valid() {
		return nil
	}
	return pk.n
}

// NSquaredOdd returns N² for bigmod-backed exponentiation (shared,
// immutable); nil for a nil or zero key.
func (pk *PublicKey) NSquaredOdd() *bigint.OddModulus {
	if !pk.valid() {
		return nil
	}
	return pk.nSq
}

// BitLen returns the exact bit length of N; 0 for a nil or zero key.
func (pk *PublicKey) BitLen() int {
	if !pk.valid() {
		return 0
	}
	return pk.bits
}

// Equal reports whether both keys have the same modulus. A nil or zero key
// has none: it equals only itself (the same pointer).
func (pk *PublicKey) Equal(other *PublicKey) bool {
	if !pk.valid() || !other.valid() {
		return pk == other
	}
	return pk.bits == other.bits && bigint.Equal(pk.nNat, other.nNat) == 1
}
