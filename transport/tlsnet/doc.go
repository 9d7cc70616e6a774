// Package tlsnet is the network transport of mosaic: mutually
// authenticated TLS 1.3 over TCP between the parties of a threshold
// protocol, with one connection per pair of parties carrying any number of
// concurrent protocol runs. It provides the authenticated, confidential
// point-to-point channels that the protocols assume (docs/architecture.md,
// "The protocol contract": a received message's From is the authenticated
// sender, because the equivocation and echo checks blame From; dkg's
// round 2 sends secret shares).
//
// # Identity
//
// Every party has a certificate issued by a CA all parties trust, naming
// the party with exactly one URI subject alternative name
// "mosaic://party/<id>" ([PartyURI]). Connections use TLS 1.3 only
// (RFC 8446) with client certificates required and verified against
// [Config.CA] on both sides, and the id checked on both sides: the dialer
// checks that the server's certificate names the party it meant to dial
// (host names play no part), and the listener checks that the client's
// certificate names a known peer. Every received frame must carry From
// equal to the authenticated peer and To equal to the receiver (or 0,
// broadcast); anything else closes the connection ([ErrSpoofed],
// [ErrMisrouted]), so no party can speak as another. [Session.Send]
// refuses a message whose From is not [Config.Self].
//
// # Identity keys
//
// With agreement (docs/agreement.md), every message is signed by its
// sender's long-term Ed25519 identity key ([transport.Identity]), which
// every party knows for every other one. tlsnet binds that key to the
// channel: a party's identity key is its certificate's key.
// [Config.Identities] lists every party's identity public key, Self
// included, in the same map the runs use for [transport.Identity].Peers
// (it comes with the key share's public record, or, for a first key
// generation, from the parties' certificates: [LoadIdentities]). When it
// is set, both ends of every handshake check that the peer's certificate
// holds the key listed for the party it names, and refuse it otherwise
// with an [*IdentityKeyError] naming that party (wrapping [ErrIdentity],
// reported to [Config.OnConnError]); [New] checks the node's own
// certificate the same way, and refuses an incomplete map. The handshake
// proves that the peer holds its certificate's private key, so:
//
//   - a party cannot show one key on the channel and sign its messages
//     with another;
//   - a certificate for party i with another key (issued by mistake, by a
//     careless renewal, or by a compromised CA) is refused by every party:
//     the messages sent to party i, secret shares included, reach only the
//     holder of i's identity key.
//
// [Node.Identity] builds a run's transport.Identity from the node's
// certificate key and Config.Identities, so the keys that sign are the keys
// the handshakes checked. [PartyCert.IdentityKey] and [IdentityKeyFromTLS]
// return a certificate's private key (made by [CA.Issue], or loaded by
// [LoadPKI] or crypto/tls), and [IdentityFromCertificate] a certificate's
// party and identity public key.
//
// One key serves both uses safely: the TLS 1.3 handshake signs a content
// of at least 130 bytes that starts with 64 spaces (RFC 8446 section
// 4.4.3), while package transport signs 32-byte digests only, so no
// signature made for one is valid for the other. An identity key is long
// lived: renewing a party's certificate must certify the same key, since
// a new key is a new identity that every party must learn. Without
// Config.Identities, a certificate is checked for its party id only, and
// any key type the CA issues is accepted.
//
// # Connections
//
// A [Node] listens for its peers with lower ids and dials its peers with
// higher ids, so each pair has exactly one connection and no tie-breaking
// is needed. A dialer whose connection breaks redials with exponential
// backoff and jitter ([Config.MinBackoff] to [Config.MaxBackoff]); the
// listener takes the newest connection from a peer as the live one. Frames
// waiting for a disconnected peer are kept (within
// [Config.MaxPeerQueueBytes]) and written once it is back; a frame whose
// write failed is written again on the next connection, and the round
// framework refuses the rare duplicate this makes. A frame lost with a
// connection that broke after it was written is not resent: the run's
// round timeout ([transport.DefaultRoundTimeout], or
// [transport.WithRoundTimeout]) then names the silent party, as it does
// when a party dies.
//
// # Frames
//
// Each message is one frame: a 4-byte big-endian length, then
// [transport.Message.MarshalBinary]. A length above
// [transport.MaxMessageSize] ([ErrFrameTooLarge]), a body that does not
// decode ([ErrBadFrame], with [transport.ErrMalformed]), or a connection
// that ends inside a frame ([ErrTruncatedFrame]) closes that connection
// with the error reported to [Config.OnConnError]; peer input never panics
// and never allocates beyond the limit (a body's buffer grows as its bytes
// arrive). A well-formed frame the node will not hold does not close the
// connection: one larger than [Config.MaxMessageBytes], or than what its
// peer may still have held ([Config.MaxPeerBytes]), is read past without
// being buffered, and a message whose payload exceeds
// [Config.PayloadLimit] for its protocol, round and kind is dropped once
// decoded; each counts in [Stats].Dropped.
//
// A body whose first byte is another [transport.WireVersion] means the peer
// runs an incompatible release. Besides closing that connection, the node
// remembers it until the peer connects again or a readable frame arrives
// from it, and every session the peer is a party of, open or opened later,
// returns from [Session.Receive] an error wrapping ErrBadFrame and a
// [*transport.VersionError] naming the peer and both wire versions, so
// that [transport.Run] ends the run naming the peer instead of timing out
// on its silence.
//
// # Sessions
//
// [Node.Open] (or [Node.Conn], for a run among all parties) returns a
// [Session], the [transport.Conn] of one run: messages are routed by
// session id, a broadcast (To == 0) goes to the session's other parties
// only, and a message that arrives before its session is opened waits for
// it, within bounds (below). Receive returns as soon as its context is
// done, without taking a message, as transport.Run requires. Closing a
// session drops later messages for it, and its id cannot be opened again.
//
// # Memory bounds
//
// A peer is authenticated, but it may be malicious, and whatever it sends
// costs the node memory until a session takes it. Every such cost is
// bounded per peer, so that a peer can only ever push out its own
// messages: a flood of early messages for sessions nobody opens evicts
// the flooder's oldest pending sessions, never another party's, and a
// flood into an open session drops the flooder's excess, never another
// party's messages.
//
// A held message counts its encoded size plus 512 bytes for its decoded
// form. Go rounds an allocation above 32 KiB up to whole 8 KiB pages, so
// the memory behind a count is at most 1.25 times it. With the defaults,
// one peer can make the node hold, at most:
//
//   - received messages, pending or queued until Receive takes them:
//     [Config.MaxPeerBytes], 32 MiB counted, 40 MiB of memory (of which
//     [Config.MaxPendingBytes], also 32 MiB, for sessions not opened yet,
//     in at most [Config.MaxPendingSessions], 256, of them; and at most
//     [Config.MaxSessionQueue], 4096, messages in any one session);
//   - the frame being read: its buffer and its decoded copy, two frames of
//     [Config.MaxMessageBytes] (16.2 MiB, [MaxFrame]) each, 32.3 MiB;
//     between frames the buffer kept is at most 2 MiB;
//   - frames waiting to be written to it (this node's own messages,
//     relays included), those being written included:
//     [Config.MaxPeerQueueBytes], 64 MiB, plus one frame beyond it (the
//     newest is never dropped), 80.2 MiB.
//
// That is about 153 MiB per peer, all bounds reached at once. Before
// authentication, [Config.MaxHandshakes] (64) handshakes each hold at most
// one handshake message (crypto/tls bounds a client's certificate message
// to 256 KiB, any other to 64 KiB) and what is parsed from it, under 1 MiB,
// for at most [Config.HandshakeTimeout]: under 64 MiB; a connection beyond
// them is closed at once ([Stats].RefusedHandshakes). The node also keeps
// the ids of its last 4096 closed sessions, at most 4 MiB. So a node with
// P peers, every one of them hostile, holds at most about
// P × 153 MiB + 68 MiB live, and Go's collector may let the heap grow to
// about twice the live memory (GOGC=100; set GOMEMLIMIT to cap it).
//
// A single peer that floods the node reaches the first two items: about
// 72 MiB live with the defaults. TestFloodOfOneGiBStaysBounded checks the
// bound documented for it: a peer writes 1 GiB of well-formed frames to a
// node (to new sessions, to a session it is not part of, to a session the
// node opened and never reads; some of them 16 MiB), while the node's
// other peers run key generations with it, one after another, that all
// succeed; the heap in use of the whole test process stays under 256 MiB
// (its peak was 135 to 160 MiB in the runs made when this was written). To shrink these
// bounds, lower [Config.MaxMessageBytes] when the protocols' largest
// message is known, and set [Config.PayloadLimit] to bound each round's
// payloads. [Stats].Held shows what is held now.
//
// [Node.Close] stops everything: listener, dialers, connections and
// sessions, and returns when every goroutine of the node has returned.
// Call [Node.Flush] first to make sure the last messages were written.
//
// [NewCA], [CA.Issue], [WritePKI] and [LoadPKI] make and load a small PKI
// with Ed25519 keys for tests and examples.
package tlsnet
