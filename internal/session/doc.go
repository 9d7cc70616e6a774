// Package session is the one place where mosaic derives session ids: every
// protocol package's helper (dkg.SessionID, cggmp.AuxSessionID,
// cggmp.PresignSessionID, cggmp.FullSignSessionID, cggmp.SignSessionID,
// frost.SessionID, refresh.SessionID, refresh.RepairSessionID,
// refresh.ReshareSessionID) starts its transcript with Start, absorbs what
// defines the run, and ends with Finish.
//
// A session id is a 32-byte challenge (internal/transcript) over, in this
// order: the protocol's family, every public input that defines the run,
// and a fresh nonce of at least MinNonce bytes that every party agreed on
// beforehand. It binds the session context that SECURITY.md rule 2 asks
// every Fiat-Shamir challenge to carry.
//
// # The family, not the version
//
// The id binds the protocol's family ("mosaic/dkg" for "mosaic/dkg/v2",
// transport.ParseProtocol), not its version. Two parties that run
// different versions of one protocol from the same request therefore
// derive the same id, so the first message of the other version reaches
// the run, and the round framework refuses it with a *transport.VersionError
// that names the peer and both versions (docs/compatibility.md). Had the id
// bound the version, the message would carry another session id: a
// transport that routes by session (transport/tlsnet) would never deliver
// it, and the run would end in a timeout that calls the peer silent. The
// versions stay apart all the same: the round framework accepts a message
// only if its protocol name, version included, equals the run's.
package session
