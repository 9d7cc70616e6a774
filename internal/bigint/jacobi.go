package bigint

// This file uses math/big. Variable time: public values only.

import (
	"math/big"

	"github.com/cronokirby/saferith"
)

// JacobiVarTime returns the Jacobi symbol (a/n) ∈ {-1, 0, 1} for an odd
// modulus n, and 0 when n is even.
//
// Variable time: public values only (e.g. the verifier's side of Πmod, or a
// public w chosen by the prover).
func JacobiVarTime(a *saferith.Nat, n *saferith.Modulus) int {
	nb := n.Big()
	if nb.Bit(0) == 0 {
		return 0
	}
	return big.Jacobi(a.Big(), nb)
}

// GCDIsOneVarTime reports whether gcd(a, b) = 1.
//
// Variable time: public values only (ciphertexts, public moduli).
func GCDIsOneVarTime(a, b *saferith.Nat) bool {
	g := new(big.Int).GCD(nil, nil, a.Big(), b.Big())
	return g.Cmp(big.NewInt(1)) == 0
}
