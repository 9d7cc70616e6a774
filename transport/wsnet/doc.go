// Package wsnet is a transport.Conn over WebSocket connections to a relay,
// for parties that cannot accept connections: a party in a web page (Go
// compiled to js/wasm, where the browser's WebSocket is used), on a phone,
// or behind a NAT. Every party dials one Relay, which forwards frames
// between the parties of one party set by party id.
//
// It implements a transport of "The protocol contract (sans-I/O state
// machines)" in docs/architecture.md, like tlsnet, for runs that use a
// transport.Identity.
//
// # What the relay can and cannot do
//
// The relay is not trusted with secrets or with authenticity:
//
//   - Direct messages (the secret shares of a DKG, the Paillier-encrypted
//     values of CGGMP21) are sealed end to end: XChaCha20-Poly1305 under a
//     key that HKDF-SHA256 (RFC 5869) derives from the X25519 (RFC 7748)
//     shared secret of the two parties' static box keys, with the frame's
//     sender and recipient as associated data. The relay sees their length
//     only, cannot read or alter them, and cannot turn them around or send
//     them to another party.
//   - Broadcasts travel in the clear; their authenticity comes from the
//     run's transport.Identity, which signs every message. Without an
//     Identity a relay could forge broadcasts: always give runs over wsnet
//     an Identity.
//   - The relay stamps each frame with the party id its sender registered,
//     so a party cannot claim another's id in a frame; the sealed direct
//     messages and signed broadcasts make a lying relay detectable.
//
// The relay can drop or delay messages, as any network can; the run's
// round timeout then names the silent parties. Who may register which
// party id is the deployment's business (a session cookie or token on the
// WebSocket upgrade): this package's Relay accepts the first connection
// for each id of its party set and refuses later ones while it is open.
//
// # Frames
//
// Each WebSocket binary message is one frame: recipient (4 bytes, big
// endian, 0 for a broadcast), sender (4 bytes), then the body: a
// transport.Message encoding for a broadcast, or nonce (24 bytes) and
// sealed Message encoding for a direct message. A client's first frame is
// the hello: recipient 0, its own id, and the body "mosaic-wsnet/1".
//
// A Client multiplexes the runs of one party over one connection:
// Client.Session returns the transport.Conn of one run, selected by the
// messages' session id; messages of a session not opened yet are kept
// (bounded) until it is.
package wsnet
