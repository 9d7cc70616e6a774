package paillier

// Validation of public moduli. Variable time: public values only.

import (
	"errors"
	"fmt"
	"math/big"
	"sync"

	"github.com/cronokirby/saferith"

	"github.com/mosaic-mpc/mosaic/internal/bigint"
)

// smallPrimesProduct is the product of the odd primes below 1000; a public
// modulus sharing a factor with it is refused at once (cheap defence in depth
// next to Πfac).
var smallPrimesProduct = sync.OnceValue(func() *big.Int {
	prod := big.NewInt(1)
	for i := int64(3); i < 1000; i += 2 {
		if big.NewInt(i).ProbablyPrime(0) {
			prod.Mul(prod, big.NewInt(i))
		}
	}
	return prod
})

// validateModulusVarTime checks that n is odd, has exactly bits bits, and has
// no prime factor below 1000.
//
// Variable time: public values only.
func validateModulusVarTime(n *saferith.Nat, bits int) error {
	if n == nil {
		return fmt.Errorf("%w: nil", ErrInvalidModulus)
	}
	if l := n.TrueLen(); l != bits {
		return fmt.Errorf("%w: %d bits, want %d", ErrModulusSize, l, bits)
	}
	nb := n.Big()
	if nb.Bit(0) == 0 {
		return fmt.Errorf("%w: even", ErrInvalidModulus)
	}
	if new(big.Int).GCD(nil, nil, nb, smallPrimesProduct()).Cmp(big.NewInt(1)) != 0 {
		return fmt.Errorf("%w: small prime factor", ErrInvalidModulus)
	}
	return nil
}

// validatePedersenBaseVarTime: 1 < x < n−1 and gcd(x, n) = 1.
//
// Variable time: public values only.
func validatePedersenBaseVarTime(x, n *saferith.Nat, mod *saferith.Modulus) error {
	if x == nil {
		return errors.New("nil")
	}
	if !bigint.NatInRangeVarTime(x, mod) {
		return errors.New("not below N")
	}
	xb := x.Big()
	if xb.BitLen() <= 1 {
		return errors.New("0 or 1")
	}
	if new(big.Int).Add(xb, big.NewInt(1)).Cmp(n.Big()) == 0 {
		return errors.New("N-1")
	}
	if !bigint.GCDIsOneVarTime(x, n) {
		return errors.New("not coprime to N")
	}
	return nil
}
