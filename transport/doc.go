// Package transport is the message layer every mosaic protocol is built on:
// the Message envelope and its wire encoding, party identifiers, the
// Machine contract, a round framework that implements that contract once
// for all protocols, and Run, which drives a Machine over a Conn.
//
// # The protocol contract
//
// This package implements "The protocol contract (sans-I/O state machines)"
// of the architecture (docs/architecture.md). Every interactive
// protocol (DKG, CGGMP aux-info, keygen, presign and sign, FROST signing,
// refresh, repair, reshare) is one Machine per party:
//
//	Start() ([]*Message, error)
//	Deliver(*Message) ([]*Message, error)
//	Done() bool
//	Result() (Out, error)
//
// A Machine does no I/O, starts no goroutine that outlives a call and reads
// no clock; deadlines belong to Run. Errors are values of two kinds:
//
//   - *MessageError: one message was refused (wrong protocol or session,
//     unknown sender, wrong recipient, a round already over, an exact
//     duplicate...). The machine's state is unchanged and the run goes on,
//     except under Run for a *VersionError (below).
//   - *AbortError: the run is over. Culprits names the parties to blame;
//     every later call returns the same error. Use errors.As or Culprits.
//
// # Writing a protocol
//
// Protocol packages do not implement Machine themselves. They write one
// [Round] per round of the paper and call [NewMachine] with the first one
// (a [FirstRound], which also produces the first messages). A round is two
// methods:
//
//   - Expects says which messages it carries: a broadcast, a direct
//     message, or both, by default from every party to every other;
//     [Expect].From and To restrict a round to some senders and some
//     direct recipients, for protocols whose parties play different roles,
//     such as resharing from an old committee to a new one.
//   - Finalize receives them all at once in an [Inbox], validates them and
//     returns one [Step]: [Next] with this party's messages of the next
//     round and that round, [Finish] with the result, or [Abort]. Checks
//     that fail are gathered in a [Blame], so that the abort names every
//     culprit of the round, not the first one found, and honest parties
//     agree on it. Outgoing messages only need To (0 for broadcast) and
//     Payload; the framework fills in the header.
//
// The framework numbers the rounds (the first is 1, each Next one more),
// learns how many there are as the protocol returns them, and runs a
// protocol of one party too: each round then waits for nothing and is
// finalized at once, and nothing is sent. It checks each incoming header,
// buffers messages of later rounds until their round (at most [MaxLead]
// rounds ahead, and one message per sender, round and kind, so buffering
// is bounded), refuses exact duplicates naming the sender, aborts on a
// second different message for the same round, sender and kind
// ([ErrEquivocation]), and calls Finalize as soon as a round is complete,
// also when buffered messages complete it.
//
// Parties are assumed to be connected by authenticated channels (a Conn
// such as mutual TLS, where From is the authenticated peer): the
// equivocation and echo checks blame From.
//
// # Echo broadcast
//
// A broadcast over point-to-point channels lets a malicious sender give
// different values to different parties. The framework makes every
// broadcast a "broadcast with abort" in the sense of Goldwasser and Lindell
// ("Secure Multi-Party Computation without Agreement", J. Cryptology 2005):
// consistent delivery to all honest parties, or an abort.
//
// For every round r that expects broadcasts, each party hashes every
// broadcast of round r, its own included (SHA-256 over a domain label and
// the length-prefixed protocol, session id, round, sender and payload), and
// puts the concatenation of these 32-byte hashes, one slot per sender of
// round r (every party unless Expect.From says otherwise) in increasing
// party order, into the Echo field of each of its round r+1 messages. Every
// party receives every broadcast, also in a round in which it sends
// nothing, so every party can check the echoes. When round r+1 is complete, before its Finalize runs, every
// received echo vector is compared with the party's own. A mismatch in the
// slot of party j blames j, who must have sent different broadcasts to
// different parties; an echo vector that contradicts the receiver's own
// broadcast, or has the wrong length, blames its sender. If the final round
// of a protocol is a broadcast round, the machine adds one echo-only round
// (messages with an empty payload) before Result is available, so that
// every broadcast of every protocol is echo-checked (SECURITY.md, rule 5),
// unless the round's Expect.SkipFinalEcho says that each of its broadcasts
// is checked against values that are already echo-checked (a partial
// signature, an empty confirmation), where an equivocation can only make
// some parties abort while the others finish.
//
// Limits of the echo without signatures: an echoer that lies about party
// j's slot cannot be told apart from an equivocating j by a third party,
// so it can make honest parties blame j. The vectors are still compared,
// so the lie cannot make honest parties accept different broadcasts: the
// run aborts. Round r+1's messages are produced before round r's echo
// check (they carry the echo), so a protocol must not put in round r+1
// anything that needs round r's broadcasts to be consistent first; only
// Finalize of round r+1 and later run after the check. Only the senders of
// round r+1 carry an echo, so a protocol with restricted senders should let
// the parties that use round r's broadcasts send in round r+1 (the parties
// that do not send still compare the echoes they receive with their own
// view); the echo-only round, if added, is sent by every party.
//
// # Agreement
//
// A run with identities (Config.Identity) gets the agreement layer of
// docs/agreement.md: every message is signed by its sender's Ed25519
// identity key, echo slots carry the signed headers of the broadcasts they
// vouch for, an abort leads every party through a conclusion of
// MaxFaulty+1 rounds of notices (Dolev and Strong's authenticated
// broadcast of each party's evidence), and protocols that change keys
// finish with FinishConfirmed, so that an output is committed only with
// every party's signed confirmation. Honest parties then end every run
// alike: all commit the same output, or all abort naming the same
// culprits, never an honest party. Timeouts go through the machine
// (Expirer): the first asks the others to relay missing messages, the
// second concludes. A peer that holds another key (Config.Context) ends
// the run at once with ErrContextMismatch, naming nobody.
//
// # Running
//
// Run drives a Machine over a Conn with cancellation, an optional round
// timeout that blames the parties still missing (Waiter), progress
// reporting and logging that never includes payloads. Package memnet is an
// in-memory network with fault injection for tests.
//
// # Versions
//
// Protocol names have the form "<family>/v<N>" (ParseProtocol), for
// example "mosaic/dkg/v2". A message from a party of the run whose
// protocol is another version of the run's family is refused with a
// *VersionError naming the party and both versions (errors.Is matches
// ErrVersionMismatch and ErrWrongProtocol); a message of another family is
// refused with plain ErrWrongProtocol. Run ends the run at once on a
// *VersionError, with an *AbortError naming the peer, rather than waiting
// for a round timeout that would only call the peer silent; it does the
// same when the Conn reports a peer whose envelope has another WireVersion
// (UnmarshalBinary's *VersionError, which matches ErrMalformed). See Run
// for why this is safe, and docs/compatibility.md for what each version
// marker of the module means.
package transport
