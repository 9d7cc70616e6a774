package cggmp

import (
	"errors"
	"fmt"
	"slices"

	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/mosaic-mpc/mosaic/dkg"
	"github.com/mosaic-mpc/mosaic/paillier"
	"github.com/mosaic-mpc/mosaic/transport"
)

// Key is a complete CGGMP21 key share: a Shamir share on secp256k1, P-256
// or the Stark curve from dkg (or refresh/import) plus the aux info (every
// party's Paillier key and ring-Pedersen parameters) that presigning
// needs.
type Key struct {
	// Share is the party's Shamir share and the key's public data; its
	// Curve is the curve the key signs on.
	Share *dkg.KeyShare
	// Aux is the output of aux-info for the same party set.
	Aux *AuxInfo
}

// ErrKey reports an inconsistent Key.
var ErrKey = errors.New("cggmp: inconsistent key")

// NewKey joins a key share and aux info of the same party set.
func NewKey(share *dkg.KeyShare, aux *AuxInfo) (*Key, error) {
	k := &Key{Share: share, Aux: aux}
	if err := k.Validate(); err != nil {
		return nil, err
	}
	return k, nil
}

// Validate checks that the share is a valid share on a curve this package
// signs on (ErrCurve otherwise) and that the aux info covers the same
// parties, for the same party.
func (k *Key) Validate() error {
	if k == nil || k.Share == nil || k.Aux == nil {
		return fmt.Errorf("%w: missing part", ErrKey)
	}
	if err := checkECDSACurve(k.Share.Curve); err != nil {
		return fmt.Errorf("%w: %w", ErrKey, err)
	}
	if err := k.Share.Validate(); err != nil {
		return fmt.Errorf("%w: %w", ErrKey, err)
	}
	if err := k.Aux.validate(); err != nil {
		return fmt.Errorf("%w: %w", ErrKey, err)
	}
	if k.Aux.Self != k.Share.Self || !slices.Equal(k.Aux.Parties, k.Share.Parties) {
		return fmt.Errorf("%w: aux info is for another party set", ErrKey)
	}
	return nil
}

// PublicKey returns the group's ECDSA public key, or nil for a nil Key or
// one without a share. It returns no error so that it stays the plain
// accessor callers use after NewKey or UnmarshalBinary (which validate);
// a nil result is the same answer a missing point gives everywhere in
// this module, and every function taking a public key refuses nil.
func (k *Key) PublicKey() curve.Point {
	if k == nil || k.Share == nil {
		return nil
	}
	return k.Share.GroupKey
}

// Level returns the key's security level (paillier.Level112 for 2048-bit
// moduli, paillier.Level128 for 3072-bit ones), or 0 for a nil Key or one
// without aux info.
func (k *Key) Level() paillier.SecurityLevel {
	if k == nil {
		return 0
	}
	return k.Aux.Level()
}

// Self returns this party's id, or 0 (never a party's id) for a nil Key
// or one without a share.
func (k *Key) Self() transport.PartyID {
	if k == nil || k.Share == nil {
		return 0
	}
	return k.Share.Self
}

// Zeroize erases the key's secrets, the Shamir share (dkg.KeyShare.Zeroize)
// and the Paillier secret key (paillier.SecretKey.Zeroize), once the key
// is no longer needed, for example after a refresh replaced it. The key is
// unusable afterwards: Validate, and so every protocol, refuses it. Safe
// to call repeatedly and on a nil or zero Key. It must not run while a
// protocol uses the key.
func (k *Key) Zeroize() {
	if k == nil {
		return
	}
	k.Share.Zeroize()
	if k.Aux != nil {
		k.Aux.Secret.Zeroize()
	}
}
