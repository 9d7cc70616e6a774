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
// round timeout ([transport.WithRoundTimeout]) then names the silent
// party, as it does when a party dies.
//
// # Frames
//
// Each message is one frame: a 4-byte big-endian length, then
// [transport.Message.MarshalBinary]. A length above
// [transport.MaxMessageSize] ([ErrFrameTooLarge]), a body that does not
// decode ([ErrBadFrame], with [transport.ErrMalformed]), or a connection
// that ends inside a frame ([ErrTruncatedFrame]) closes that connection
// with the error reported to [Config.OnConnError]; peer input never panics
// and never allocates beyond the limit (bodies are read in chunks).
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
// it, within bounds ([Config.MaxPendingSessions], [Config.MaxPendingBytes],
// [Config.MaxSessionQueue]). Receive returns as soon as its context is
// done, without taking a message, as transport.Run requires. Closing a
// session drops later messages for it, and its id cannot be opened again.
//
// [Node.Close] stops everything: listener, dialers, connections and
// sessions, and returns when every goroutine of the node has returned.
// Call [Node.Flush] first to make sure the last messages were written.
//
// [NewCA], [CA.Issue], [WritePKI] and [LoadPKI] make and load a small PKI
// with Ed25519 keys for tests and examples.
package tlsnet
