package main

import (
	"github.com/mosaic-mpc/mosaic/dkg"
	"github.com/mosaic-mpc/mosaic/frost"
	"github.com/mosaic-mpc/mosaic/transport"
)

// frostKeys turns a DKG key share into FROST key packages for suite: the
// party's key package and the public key package every party holds alike.
// With tweak, both are tweaked for a BIP-341 key-path-only output key.
func frostKeys(suite frost.Ciphersuite, share *dkg.KeyShare, tweak bool) (*frost.KeyPackage, *frost.PublicKeyPackage, error) {
	kp, pub, err := frost.KeysFromShare(suite, share)
	if err != nil || !tweak {
		return kp, pub, err
	}
	if kp, err = kp.Tweak(nil); err != nil {
		return nil, nil, err
	}
	if pub, err = pub.Tweak(nil); err != nil {
		return nil, nil, err
	}
	return kp, pub, nil
}

// newFrostSign returns frost's peer-to-peer signing Machine for one signer;
// its result is the signature, verified under pub's group key.
func newFrostSign(suite frost.Ciphersuite, kp *frost.KeyPackage, pub *frost.PublicKeyPackage, self transport.PartyID, signers []transport.PartyID, sid, msg []byte) (transport.Machine[[]byte], error) {
	return frost.NewSign(frost.SignConfig{Suite: suite, Key: kp, Public: pub, Signers: signers, Self: self, SessionID: sid, Message: msg})
}
