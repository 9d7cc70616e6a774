package main

import (
	"github.com/mosaic-mpc/mosaic/frost"
	"github.com/mosaic-mpc/mosaic/transport"
)

// newFrostSign returns frost's peer-to-peer signing Machine for one signer,
// signed with id so that the run agrees; its result is the signature,
// verified under pub's group key.
func newFrostSign(suite frost.Ciphersuite, kp *frost.KeyPackage, pub *frost.PublicKeyPackage, self transport.PartyID, signers []transport.PartyID, sid, msg []byte, id *transport.Identity) (transport.Machine[[]byte], error) {
	return frost.NewSign(frost.SignConfig{Suite: suite, Key: kp, Public: pub, Signers: signers, Self: self, SessionID: sid, Message: msg, Identity: id})
}
