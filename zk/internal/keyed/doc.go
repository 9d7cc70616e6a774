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
