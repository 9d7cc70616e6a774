// Package dkg is dealerless distributed key generation for t-of-n Shamir
// sharing (Shamir, "How to share a secret", 1979) on secp256k1 or
// edwards25519: Pedersen's DKG with Feldman commitments (Feldman, FOCS 1987)
// and a Schnorr proof of knowledge of each party's constant term, as in
// Komlo and Goldberg, "FROST: Flexible Round-Optimized Schnorr Threshold
// Signatures" (SAC 2020), Figure 1, with complaints settled in public as in
// Gennaro, Jarecki, Krawczyk and Rabin, "Secure Distributed Key Generation
// for Discrete-Log Based Cryptosystems" (J. Cryptology 2007). Its shares
// feed FROST (frost.KeysFromShare) and, joined with aux-info, CGGMP21 ECDSA
// (cggmp.NewKey): CGGMP21's own key generation (ePrint 2021/060, Fig. 5) is
// n-of-n, and this t-of-n DKG takes its place with the same rogue-key
// defence.
//
// New returns one party's Machine. Rounds, each driven by transport's round
// framework (docs/protocols.md draws them):
//
//  1. broadcast: the Feldman commitment to a random polynomial of degree t-1
//     (exactly t points, SECURITY.md case 17), a proof of knowledge of its
//     constant term, bound to the session id and the sender's id (rogue-key
//     defence, case 18), and a hash commitment to a random 32-byte
//     chain-code contribution, which the proof also binds.
//  2. direct: the share f_i(j) to each party j, sent only once every round-1
//     message checked out (SECURITY.md rule 4). The framework's echo vector
//     in these messages proves that everyone saw the same round-1
//     broadcasts, so equivocation is caught and its author named (case 16).
//     The transport MUST be authenticated and confidential: these shares
//     are secrets.
//  3. broadcast: each party's complaints (the parties whose share failed the
//     check against their commitment, case 19), empty when all is well,
//     followed by the opening of its chain-code commitment; it doubles as a
//     confirmation that every party holds a valid share before anyone uses
//     the key. Without complaints the run ends after the framework's
//     echo-only round 4 has checked these broadcasts. A malformed complaint
//     list or a reveal that does not open its commitment aborts naming the
//     sender, also only after that echo check (round 4 then carries an empty
//     payload), so that all honest parties name the same party.
//  4. only after a complaint: each accused party reveals the disputed shares
//     and everyone checks them publicly (GJKR): a bad or missing reveal
//     disqualifies the accused and aborts naming it; a valid one settles the
//     complaint, the accuser adopts the share and the run completes, so an
//     honest party is never blamed on a liar's word. Round 5 (empty
//     broadcasts) echo-checks the reveals before the verdict, and the
//     framework's echo-only round 6 follows it, so a run with complaints
//     takes six rounds on the wire.
//
// Every party returns the same KeyShare public data (group key, every
// public share and the BIP-32 chain code H(session id, c_1, ..., c_n), which
// no party chose alone: see chaincode.go and package hd) or the same
// AbortError culprits. The session id (SessionID) covers the protocol, the
// curve, the ordered party set, t and a fresh nonce of at least NonceSize
// bytes that the parties agreed on beforehand. With a single party (1-of-1)
// New returns a machine that exchanges no messages.
//
// KeyShare has a versioned binary encoding (MarshalBinary, UnmarshalBinary)
// that validates on decode; package refresh renews, repairs and reshares
// key shares without changing the group key.
package dkg
