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
//     (exactly t points), a proof of knowledge of its constant term, bound
//     to the session id and the sender's id (rogue-key defence), and a hash
//     commitment to a random 32-byte chain-code contribution, which the
//     proof also binds.
//  2. direct: the share f_i(j) to each party j. The framework's echo vector
//     in these messages proves that everyone saw the same round-1 broadcasts,
//     so equivocation is caught and its author named. The transport MUST be
//     authenticated and confidential: these shares are secrets.
//  3. broadcast: each party's complaints (the parties whose share failed the
//     check against their commitment), empty when all is well, followed by
//     the opening of its chain-code commitment; it doubles as a
//     confirmation that every party holds a valid share before anyone uses
//     the key. The framework echo-checks it in an extra round; a malformed
//     complaint list or a reveal that does not open its commitment aborts
//     naming the sender, after that echo check so that all honest parties
//     name the same party.
//  4. only after a complaint: each accused party reveals the disputed share
//     and everyone checks it publicly (Gennaro-Jarecki-Krawczyk-Rabin): a bad
//     or missing reveal disqualifies the accused and aborts naming it; a valid
//     one settles the complaint, the accuser adopts the share and the run
//     completes, so an honest party is never blamed on a liar's word.
//     Round 5 echo-checks the reveals before the verdict.
//
// Every party returns the same KeyShare public data (group key, every
// public share and the BIP-32 chain code H(session id, c_1, ..., c_n), which
// no party chose alone: see chaincode.go and package hd) or the same
// AbortError culprits. The session id (SessionID)
// covers the curve, the ordered party set, t and a fresh nonce.
package dkg
