// Package complaint is the complaint phase that package dkg and package
// refresh share, after Gennaro, Jarecki, Krawczyk and Rabin, "Secure
// Distributed Key Generation for Discrete-Log Based Cryptosystems" (J.
// Cryptology 2007), steps 1(b) to 1(d) of their DKG's "Generating x": a
// party whose secret share fails the check against its dealer's public
// commitment broadcasts a complaint against the dealer (1(b)); each
// accused dealer then reveals, in public, the share it sent each accuser
// (1(c)); everyone checks the revealed share against the same commitment
// (1(d)). A missing or failing reveal upholds the complaint and
// disqualifies the dealer; a valid one settles it, and the accuser adopts
// the revealed share, so that a false accusation cannot frame an honest
// dealer. (A reveal only discloses what the accuser was sent, which a
// false accuser knew anyway.) Two departures from the paper: a
// disqualified dealer ends the run in an abort that names it (identifiable
// abort) rather than a run that goes on without it, and every complaint is
// settled by its own reveal, so there is no "more than t complaints" rule.
//
// A [Book] records who accuses whom: [Book.Read] decodes a peer's broadcast
// complaint list, [Book.Reveal] encodes an accused party's reveal, and
// [Book.Judge] decides every complaint from the reveals. The protocols
// decide when these happen, and each aborts naming the parties a [Verdict]
// upholds complaints against only after the framework's echo check has
// confirmed that every honest party judges the same broadcasts.
//
// # Wire formats
//
// Both come from peers and are decoded strictly: the size is checked
// before anything is read, ids must be in strictly increasing order, and
// a party named must be one the list may name.
//
//   - A complaint list, [EncodeList]: count(2) || id(4) ..., big-endian,
//     the accused parties in increasing order; never the sender itself.
//     An empty list (count 0) is the usual "all my shares checked out".
//   - A reveal, [EncodeReveal]: for every party that accused the sender,
//     in increasing order, accuser(4) || value (a canonical scalar): the
//     value the sender sent that accuser. Nothing else: a record for a
//     party that did not accuse the sender, a missing record or records
//     out of order make the whole reveal malformed.
package complaint
