package zktest

// Test values built with math/big: public values only (out-of-range and
// edge-case inputs for the verifiers, products of known factors, and the
// made-up witnesses of the adversarial provers); no secret of a real key
// ever reaches this file.

import (
	"math/big"

	"github.com/cronokirby/saferith"
)

// NatFromBig returns the non-negative x as a saferith.Nat of its true
// length.
func NatFromBig(x *big.Int) *saferith.Nat {
	return new(saferith.Nat).SetBig(x, x.BitLen())
}

// IntFromBig returns x as a saferith.Int of its true length.
func IntFromBig(x *big.Int) *saferith.Int {
	return new(saferith.Int).SetBig(x, x.BitLen())
}

// ScaledBound returns 2^bits·m, the bound of the proofs' ranges ±2^bits·N̂.
func ScaledBound(bits int, m *saferith.Modulus) *big.Int {
	return new(big.Int).Lsh(m.Big(), uint(bits))
}
