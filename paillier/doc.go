// Package paillier implements the Paillier cryptosystem over Blum safe-prime
// moduli and the ring-Pedersen commitment parameters of CGGMP21.
//
// References:
//   - P. Paillier, "Public-Key Cryptosystems Based on Composite Degree
//     Residuosity Classes", EUROCRYPT 1999 (encryption with g = 1+N, so that
//     (1+N)^m = 1 + mN mod N²).
//   - R. Canetti, R. Gennaro, S. Goldfeder, N. Makriyannis, U. Peled, "UC
//     Non-Interactive, Proactive, Threshold ECDSA with Identifiable Aborts",
//     ePrint 2021/060 (CGGMP21): section 2.2 (Paillier, centred plaintexts in
//     ±N/2), Definition 2.6 / section 3 (ring-Pedersen parameters s = t^λ mod N̂
//     with t a random square), and section 4 (Paillier-Blum moduli N = pq,
//     p ≡ q ≡ 3 mod 4, of an exact configured size).
//
// # Security notes
//
// Everything that touches p, q, φ(N), λ, plaintexts or nonces runs in time
// that depends only on public sizes: big integers are [saferith] values and
// exponentiations run on [filippo.io/bigmod], with the key owner working
// modulo p, q, p² and q² (CRT). Public-value helpers (decoding and
// validating a peer's values) may be variable time and are marked as such.
//
// # Performance
//
// The key owner decrypts ([SecretKey.Dec]), encrypts ([SecretKey.Enc]) and
// exponentiates ([SecretKey.ExpN], [SecretKey.ExpN2], [SecretKey.NthRoot])
// by CRT modulo p, q, p², q². Exponentiations modulo N² use assembly
// Montgomery kernels ([github.com/mosaic-mpc/mosaic/internal/bigint]) about
// 2.6 times faster than bigmod's portable code at 4096 bits. Ring-Pedersen
// commitments share the squarings of s^x and t^y;
// [PedersenParams.Precompute] builds fixed-base tables that make
// [PedersenParams.Commit] about four times faster than two
// exponentiations, worth it once a peer's parameters are fixed after
// aux-info.
//
// A public key, ciphertext or ring-Pedersen parameter set is validated when
// it is constructed or decoded: exact modulus size, odd modulus without small
// factors, ciphertexts in Z*_{N²}. Structural properties of a peer's modulus
// (Paillier-Blum, no small factors, s ∈ ⟨t⟩) are the job of the Πmod, Πfac
// and Πprm proofs in package [github.com/mosaic-mpc/mosaic/zk].
package paillier
