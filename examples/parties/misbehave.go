package main

import (
	"context"
	"crypto/ed25519"

	"github.com/mosaic-mpc/mosaic/frost"
	"github.com/mosaic-mpc/mosaic/frost/roast"
	"github.com/mosaic-mpc/mosaic/transport"
)

// What a -misbehave party does, for -chaos to show that the others sign
// anyway and name it. Both cheats are what a malicious party can do with
// its own keys; neither needs anything of another party.

// equivocatingConn is a Conn that spoils its party's presigning: after the
// first broadcast of round 1 it sends a second one for the same slot, with
// one payload bit flipped and signed again with the party's identity key.
// Every receiver then holds two different messages this party signed for
// one slot, self-verifying evidence that names it in the run's verdict
// (transport.ErrEquivocation, docs/agreement.md).
type equivocatingConn struct {
	transport.Conn
	key  ed25519.PrivateKey
	done bool
}

// Send implements transport.Conn.
func (c *equivocatingConn) Send(ctx context.Context, m *transport.Message) error {
	if err := c.Conn.Send(ctx, m); err != nil || c.done {
		return err
	}
	if m.Kind != transport.KindRound || m.Round != 1 || !m.Broadcast() || len(m.Payload) == 0 {
		return nil
	}
	c.done = true
	other := m.Clone()
	other.Payload[len(other.Payload)-1] ^= 1
	transport.SignMessage(c.key, other)
	return c.Conn.Send(ctx, other)
}

// spoilShare replaces the signature share of a ROAST response with the
// share plus one: well formed, but it fails verification against the
// party's commitment (RFC 9591 section 5.4), which names the party
// (roast.FaultInvalidShare). A first response (session 0) has no share.
func spoilShare(suite frost.Ciphersuite, resp *roast.Response) error {
	if resp.Share == nil {
		return nil
	}
	bad, err := frost.NewSignatureShare(suite, resp.Share.Identifier(), resp.Share.Share().Add(suite.Curve().ScalarFromUint64(1)))
	if err != nil {
		return err
	}
	resp.Share = bad
	return nil
}
