// Package safeprime generates and checks Blum safe primes: primes p = 2p'+1
// with p' prime and p ≡ 3 (mod 4), of an exact bit length with the top two
// bits set (so that the product of two of them has exactly twice as many
// bits). They are the prime factors of the Paillier / ring-Pedersen moduli of
// CGGMP21 (Canetti et al., ePrint 2021/060, section 3 "Paillier-Blum modulus",
// which requires N = pq with p ≡ q ≡ 3 mod 4; safe primes in addition make
// the QR subgroup of Z*_N cyclic of order p'q', as the ring-Pedersen
// parameters need).
//
// # Method
//
// Each worker (one per core by default) draws a random start p0 ≡ 11 (mod 12)
// and sieves the arithmetic progression p0 + 12k in windows. For a small prime
// r ≥ 5, p = 2p'+1 is ruled out when r | p (p ≡ 0 mod r) or r | p'
// (p ≡ 1 mod r); the residue p0 mod 12 already excludes 2 and 3 dividing p or
// p'. Survivors get a Fermat test to base 2 on p', then p is checked with
// Pocklington's criterion: if p' is prime and 2^(p−1) ≡ 1 (mod p), then p is
// prime (p' > √p and gcd(2²−1, p) = 1). Only the final winner gets the
// Miller–Rabin rounds with random bases that make p' a probable prime with
// error below 2^-100 for random candidates (FIPS 186-5, appendix B.3).
//
// # Side channels
//
// Every modular exponentiation runs on filippo.io/bigmod, which is constant
// time in the values involved and as fast as math/big at these sizes, and
// the Miller–Rabin rounds around them run a fixed number of squarings with
// the comparisons folded in by mask, so the primality tests do not leak the
// candidates through timing.
//
// Verify, which runs on every key load and always on the same secret prime,
// is constant time in it: it does no trial division. Generate's sieve does,
// and what leaks there is accepted for key generation, which happens once:
// the memory access pattern of the sieve (cache lines touched depend on the
// residues of the secret start), the latency of the hardware divisions that
// compute those residues (bits.Div64 and %, whose time depends on the
// operands on many x86 cores), and the number of candidates tried before
// success. All of it concerns the random start and mostly rejected
// candidates; the accepted prime's offset from the start is uniform-ish
// noise. This is the exposure every mainstream RSA key generator accepts
// (OpenSSL's probable_prime, Go's crypto/rsa) and is documented here as
// accepted.
//
// The incremental search gives primes that follow a long prime gap slightly
// more weight than others; this bias is well studied and harmless for RSA and
// Paillier moduli.
package safeprime
