package paillier

import (
	"errors"

	"github.com/cronokirby/saferith"
)

// CheckNonceGenerators exposes to the external tests the claim nonce.go
// relies on: for each prime, g = −4 mod p has order exactly p−1 (g² ≠ 1
// and g^((p−1)/2) ≠ 1), W = g^N mod p², and whether tables were built.
func CheckNonceGenerators(sk *SecretKey) (tables bool, err error) {
	ns := sk.nonces()
	one := new(saferith.Nat).SetUint64(1)
	tables = true
	for _, h := range []*nonceHalf{ns.p, ns.q} {
		prime := h.modP.Modulus().Nat()
		half := new(saferith.Nat).Rsh(prime, 1, prime.AnnouncedLen())
		if h.modP.Exp(h.g, new(saferith.Nat).SetUint64(2)).Eq(one) == 1 {
			return false, errors.New("g² = 1")
		}
		if h.modP.Exp(h.g, half).Eq(one) == 1 {
			return false, errors.New("g^((p−1)/2) = 1")
		}
		if h.modP2.Exp(h.g, sk.pk.NNat()).Eq(h.w) != 1 {
			return false, errors.New("W ≠ g^N mod p²")
		}
		tables = tables && h.gTab != nil && h.wTab != nil
	}
	return tables, nil
}
