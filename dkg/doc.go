// Package dkg is dealerless distributed key generation for t-of-n Shamir
// sharing (Shamir, "How to share a secret", 1979) on secp256k1 or
// edwards25519: Pedersen's DKG with Feldman commitments (Feldman, FOCS 1987)
// and a Schnorr proof of knowledge of each party's constant term, as in
// Komlo and Goldberg, "FROST: Flexible Round-Optimized Schnorr Threshold
// Signatures" (SAC 2020), Figure 1, with complaints settled in public as in
// Gennaro, Jarecki, Krawczyk and Rabin (GJKR), "Secure Distributed Key
// Generation for Discrete-Log Based Cryptosystems" (J. Cryptology 2007).
// Its shares feed FROST (frost.KeysFromShare) and, joined with aux-info,
// CGGMP21 ECDSA (cggmp.NewKey): CGGMP21's own key generation (ePrint
// 2021/060, Fig. 5) is n-of-n, and this t-of-n DKG takes its place with the
// same rogue-key defence.
//
// [New] returns one party's [transport.Machine]; [Config] says who the
// parties are, the threshold and the session. Every party returns the same
// [KeyShare] public data or an [*transport.AbortError] naming the same
// culprits. The session id ([SessionID]) covers the protocol, the curve,
// the ordered party set, t and a fresh nonce of at least [NonceSize] bytes
// that the parties agreed on beforehand. A single party (1-of-1) runs the
// same rounds with nobody to talk to: its machine finishes in Start.
//
// # Rounds
//
// Party i runs these rounds, each driven by transport's round framework
// (docs/protocols.md draws them); the code labels each step with its place
// in Figure 1 or in GJKR.
//
//  1. Broadcast (Figure 1, round 1, steps 1-4): the Feldman commitment
//     C_i = ⟨φ_i0, ..., φ_i(t-1)⟩ to a random polynomial f_i of degree t-1
//     (exactly t points, SECURITY.md case 17); a proof of knowledge σ_i of
//     its constant term a_i0, bound to the session id and to i (the
//     rogue-key defence, case 18); and a hash commitment to a random
//     32-byte chain-code contribution c_i, which σ_i also binds. On
//     receipt everyone checks every C_ℓ and σ_ℓ (step 5) and aborts naming
//     every party whose message fails, before any share is sent (SECURITY.md
//     rule 4).
//  2. Direct (round 2, step 1): the share f_i(ℓ) to each other party ℓ.
//     The framework's echo vector in these messages proves that everyone
//     saw the same round-1 broadcasts, so equivocation is caught and its
//     author named (case 16). The transport MUST be authenticated and
//     confidential: these shares are secrets.
//  3. Broadcast: the complaint list, the parties ℓ whose share f_ℓ(i)
//     failed the check against C_ℓ (round 2, step 2; case 19), empty when
//     all is well, followed by the chain-code reveal c_i. It doubles as a
//     confirmation that every party holds a valid share before anyone uses
//     the key. Without complaints each party computes its share
//     s_i = Σ_ℓ f_ℓ(i), the public shares and the group key Y = Σ_ℓ φ_ℓ0
//     (round 2, steps 3-4), and the run ends after the framework's
//     echo-only round 4 has checked these broadcasts (with identities,
//     round 4 is the confirmation round instead, which carries the same
//     echo; see "Agreement"). A malformed complaint
//     list or a chain-code reveal that does not open its commitment aborts
//     naming the sender, also only after that echo check (round 4 then
//     carries an empty payload), so that all honest parties name the same
//     party.
//  4. Only after a complaint, broadcast (GJKR's complaint phase): each
//     accused party reveals the shares it sent its accusers, and everyone
//     checks them against its commitment. A bad or missing reveal
//     disqualifies the accused and aborts naming it; a valid one settles
//     the complaint, the accuser adopts the revealed share and the run
//     completes, so an honest party is never blamed on a liar's word.
//     Round 5 (empty broadcasts) echo-checks the reveals before the
//     verdict, and the framework's echo-only round 6 (or, with
//     identities, the confirmation round) follows it, so a run with
//     complaints takes six rounds on the wire.
//
// # Chain code
//
// [KeyShare.ChainCode] is a BIP-32 chain code that no party chose alone
// (package hd derives child keys from it): each party commits to its
// contribution c_i in round 1 and reveals it in round 3, once round 2's
// echo check has confirmed that everyone holds the same commitments, so a
// party sees the others' contributions only when its own is fixed. The
// chain code is H(session id, c_1, ..., c_n) in party order: uniform as
// long as one contributor is honest. A last revealer can still abort after
// seeing the others' contributions, but it is then named and gains no key.
// Every curve gets one; it only means something for BIP-32 on secp256k1.
//
// # Agreement
//
// With [Config.Identity] every party signs its messages with its long-term
// Ed25519 identity key, and the run gets the agreement layer of package
// transport (docs/agreement.md): every honest party ends the run the same
// way, all with the same key, or all aborting naming the same culprits,
// never an honest one. Its MaxFaulty, the number of malicious parties the
// run withstands, defaults to t-1, as many as the key does. Without an
// Identity the run keeps the older contract, broadcast with abort, under
// which a malicious party can make one honest party finish and another
// abort.
//
// Every run, with an Identity or not, carries a context
// ([transport.Config]'s Context): a digest of the curve, t, the party set
// and the identity keys. A party whose inputs differ from the others' ends
// the run at once with [transport.ErrContextMismatch], and nobody is named.
//
// The run finishes with [transport.FinishConfirmed]: with an Identity,
// every party signs a confirmation of the new key's public part (group
// key, every public share, chain code, identity keys) in one more round,
// and a party commits its share only with every party's confirmation. What
// to store, and when:
//
//   - The machine's Result is a share: store it, sealed, with the
//     certificate of every party's confirmation ([transport.Certified] on
//     the machine). The certificate proves to every party of the run that
//     all confirmed the key.
//   - An error wrapping [transport.ErrUnconfirmed]: this party confirmed,
//     but the run ended before it held every confirmation, and it gets no
//     share yet. Under the model of docs/agreement.md no honest party
//     committed either. Should another party show a certificate of the
//     run all the same, pass it to the machine's Commit
//     ([transport.Committer]): it returns the share this party staged.
//   - Any other error: no honest party holds the key.
//
// The share records the identity keys the run was signed with
// ([KeyShare.Identities]). A wallet builds the Identity of later runs on
// the key (refresh, signing) from it, and package refresh refuses a run
// signed with other keys.
//
// # Key shares
//
// [KeyShare] has a versioned binary encoding ([KeyShare.MarshalBinary],
// [KeyShare.UnmarshalBinary]) that validates on decode: format version 1
// for a share without identity keys (the bytes shares always had) and
// version 2, which appends the identity keys, for a share with them.
// Package refresh renews, repairs and reshares key shares without changing
// the group key.
package dkg
