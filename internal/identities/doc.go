// Package identities is the record of the parties' long-term identity keys
// that a key share carries (dkg.KeyShare.Identities,
// refresh.Public.Identities), and the identity a protocol package hands to
// the round framework (transport.Config.Identity, docs/agreement.md).
//
// A record is either nil (the key was made without identities) or holds
// exactly one Ed25519 public key for every party of the key and no other.
// Every key must be the canonical encoding of a point of prime order, as
// every key that ed25519.GenerateKey makes is: a record never holds a key
// that a decoder would read differently, or a small-order key under which
// signatures prove nothing. In an encoding the keys follow each other, 32
// bytes each, in increasing party order, so a record has exactly one
// encoding.
package identities
