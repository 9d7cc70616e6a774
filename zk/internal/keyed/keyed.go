package keyed

import (
	"github.com/cronokirby/saferith"

	"github.com/mosaic-mpc/mosaic/internal/bigint"
	"github.com/mosaic-mpc/mosaic/paillier"
)

// Owns reports whether key is the secret key of the modulus n (the
// ring-Pedersen N̂ of a statement, or a Paillier N0). n is public, so a
// variable-time comparison is fine; a nil key owns nothing.
func Owns(key *paillier.SecretKey, n *saferith.Modulus) bool {
	return key != nil && bigint.Equal(key.PublicKey().NNat(), n.Nat()) == 1
}

// RingPedersen returns 1 if s^x · t^y · c^(−e) ≡ want (mod N̂), where
// (N̂, s, t) = aux and key is N̂'s secret key (Owns(key, aux.N())).
// Every value is public and a unit modulo N̂ (the proofs check that first);
// constant time in the primes of N̂.
func RingPedersen(key *paillier.SecretKey, aux *paillier.PedersenParams, x, y *saferith.Int, c *saferith.Nat, e *saferith.Int, want *saferith.Nat) saferith.Choice {
	negE := new(saferith.Int).SetInt(e).Neg(1)
	return key.ProductIsN(want,
		paillier.Power{Base: aux.S(), Exp: x},
		paillier.Power{Base: aux.T(), Exp: y},
		paillier.Power{Base: c, Exp: negE},
	)
}
