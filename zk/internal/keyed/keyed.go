// Package keyed holds what the proofs' VerifyWithKey methods share (zk/enc,
// zk/logstar, zk/affg, zk/dec): the check that the verifier's key is the
// one of the ring-Pedersen modulus, and the ring-Pedersen equation
// evaluated with that key.
//
// In CGGMP21 the verifier's ring-Pedersen modulus N̂ is its own Paillier
// modulus, so it can check s^z1·t^z2 = want·S^e (mod N̂) modulo its secret
// primes p and q with exponents reduced modulo p−1 and q−1
// (paillier.SecretKey.ProductIsN): about a fifth of the work of the public
// check. The arithmetic touches the primes, so it is constant time (in
// paillier) and yields only a verdict for the whole modulus.
//
// The trapdoor λ with s = t^λ would merge s^z1·t^z2 into one power
// t^(λ·z1+z2) and save one half-size exponentiation per prime. It is not
// used: a key share does not keep λ after aux-info (cggmp's AuxInfo holds
// the Paillier key and the public parameters only), and with both bases
// sharing their squarings (paillier.SecretKey.ProductIsN) the keyed check is
// already a small part of a proof's verification, next to the prover's
// N0²-equation that no key helps with.
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
