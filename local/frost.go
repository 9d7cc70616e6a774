package local

import (
	"context"
	"fmt"

	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/mosaic-mpc/mosaic/dkg"
	"github.com/mosaic-mpc/mosaic/frost"
	"github.com/mosaic-mpc/mosaic/transport"
)

// SignFROST runs peer-to-peer FROST signing (frost.NewSign) of msg among
// signers, with key shares from Keygen on the suite's curve, and returns
// the signature and the group key it verifies under. A non-nil merkleRoot
// (empty for a key-path-only output) first tweaks the keys to the BIP-341
// taproot output key, which is then the key returned; it needs
// frost.Secp256k1TR. The run is signed, with the keys of WithIdentities
// (which shares that record identity keys need, dkg.KeyShare.Identities)
// or else with keys made for it alone, and agrees (docs/agreement.md): it
// returns only once every signer has confirmed the signature. The session
// id is frost.SessionID of a fresh nonce.
func SignFROST(ctx context.Context, suite frost.Ciphersuite, shares map[transport.PartyID]*dkg.KeyShare, signers []transport.PartyID, msg, merkleRoot []byte, opts ...Option) ([]byte, curve.Point, error) {
	cfg, err := start(ctx, opts)
	if err != nil {
		return nil, nil, err
	}
	if suite.Curve() == nil {
		return nil, nil, fmt.Errorf("%w: invalid FROST ciphersuite", ErrInput)
	}
	if err := checkParties("signers", signers); err != nil {
		return nil, nil, err
	}
	keys := make(map[transport.PartyID]*frost.KeyPackage, len(signers))
	var pub *frost.PublicKeyPackage
	for _, id := range signers {
		share, err := shareOf(shares, id)
		if err != nil {
			return nil, nil, err
		}
		kp, pk, err := frostKeys(suite, share, merkleRoot)
		if err != nil {
			return nil, nil, partyErr(id, err)
		}
		keys[id] = kp
		if pub == nil {
			pub = pk
		}
	}
	nonce, err := cfg.nonce()
	if err != nil {
		return nil, nil, err
	}
	sid, err := frost.SessionID(suite, pub, signers, msg, nonce)
	if err != nil {
		return nil, nil, fmt.Errorf("local: FROST session id: %w", err)
	}
	signing, _, err := runIdentities(cfg, signers, shares[signers[0]].Identities)
	if err != nil {
		return nil, nil, err
	}
	ms := make(map[transport.PartyID]transport.Machine[[]byte], len(signers))
	for _, id := range signers {
		m, err := frost.NewSign(frost.SignConfig{Suite: suite, Key: keys[id], Public: pub, Signers: signers, Self: id, SessionID: sid, Message: msg, Rand: cfg.rand, Identity: signing[id]})
		if err != nil {
			return nil, nil, partyErr(id, err)
		}
		ms[id] = m
	}
	out, err := runAll(ctx, cfg, signers, ms, true)
	if err != nil {
		return nil, nil, err
	}
	sig, err := agreed(signers, out, func(b []byte) []byte { return b })
	if err != nil {
		return nil, nil, err
	}
	if err := frost.Verify(suite, pub.GroupKey(), msg, sig); err != nil {
		return nil, nil, fmt.Errorf("local: FROST signature: %w", err)
	}
	return sig, pub.GroupKey(), nil
}

// frostKeys turns a key share into FROST key packages, tweaked to the
// BIP-341 output key when merkleRoot is not nil.
func frostKeys(suite frost.Ciphersuite, share *dkg.KeyShare, merkleRoot []byte) (*frost.KeyPackage, *frost.PublicKeyPackage, error) {
	kp, pub, err := frost.KeysFromShare(suite, share)
	if err != nil || merkleRoot == nil {
		return kp, pub, err
	}
	if kp, err = kp.Tweak(merkleRoot); err != nil {
		return nil, nil, err
	}
	if pub, err = pub.Tweak(merkleRoot); err != nil {
		return nil, nil, err
	}
	return kp, pub, nil
}
