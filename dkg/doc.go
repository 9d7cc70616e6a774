// Package dkg is dealerless distributed key generation for t-of-n Shamir
// sharing on secp256k1 or edwards25519: Pedersen's DKG with Feldman
// commitments and a Schnorr proof of knowledge of each party's constant
// term, as in Komlo and Goldberg, "FROST: Flexible Round-Optimized Schnorr
// Threshold Signatures" (SAC 2020), Figure 1, and the t-of-n key generation of
// CGGMP21 (ePrint 2021/060, Section 3.1 / Fig. 6).
//
// Rounds, each driven by transport's round framework:
//
//  1. broadcast: the Feldman commitment to a random polynomial of degree t-1
//     (exactly t points) and a proof of knowledge of its constant term, bound
//     to the session id and the sender's id (rogue-key defence).
//  2. direct: the share f_i(j) to each party j. The framework's echo vector
//     in these messages proves that everyone saw the same round-1 broadcasts,
//     so equivocation is caught and its author named. The transport MUST be
//     authenticated and confidential: these shares are secrets.
//  3. broadcast: each party's complaints (the parties whose share failed the
//     check against their commitment), empty when all is well; it doubles as
//     a confirmation that every party holds a valid share before anyone uses
//     the key. The framework echo-checks it in an extra round.
//  4. only after a complaint: each accused party reveals the disputed share
//     and everyone checks it publicly (Gennaro-Jarecki-Krawczyk-Rabin): a bad
//     or missing reveal disqualifies the accused and aborts naming it; a valid
//     one settles the complaint, the accuser adopts the share and the run
//     completes, so an honest party is never blamed on a liar's word.
//     Round 5 echo-checks the reveals before the verdict.
//
// Every party returns the same KeyShare public data (group key and every
// public share) or the same AbortError culprits. The session id (SessionID)
// covers the curve, the ordered party set, t and a fresh nonce.
package dkg
