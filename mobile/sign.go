package mobile

import (
	"crypto/ed25519"
	"fmt"

	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/mosaic-mpc/mosaic/dkg"
	"github.com/mosaic-mpc/mosaic/frost"
	"github.com/mosaic-mpc/mosaic/schnorr"
)

// taprootKeys are the FROST keys of a secp256k1 share tweaked for a
// BIP-341 key-path output with no script tree.
func taprootKeys(share *dkg.KeyShare) (*frost.KeyPackage, *frost.PublicKeyPackage, error) {
	kp, pub, err := frost.KeysFromShare(frost.Secp256k1TR(), share)
	if err != nil {
		return nil, nil, err
	}
	if kp, err = kp.Tweak(nil); err != nil {
		return nil, nil, err
	}
	if pub, err = pub.Tweak(nil); err != nil {
		return nil, nil, err
	}
	return kp, pub, nil
}

// SignFROST signs message with FROST among signers ("1,3": the party ids,
// this one among them, at least the threshold), in suite "ed25519" (an
// edwards25519 share) or "taproot" (a secp256k1 share; message is the
// 32-byte BIP-341 sighash). The signature is checked with the suite's
// verifier before it is returned: 64 bytes in both suites.
func (n *Node) SignFROST(share *Share, suite, signers string, message []byte, p Progress) ([]byte, error) {
	if share == nil || share.share == nil {
		return nil, fmt.Errorf("%w: no share", ErrInput)
	}
	k := n.cfg
	ids, err := k.parseSigners(signers)
	if err != nil {
		return nil, err
	}
	if share.share.Self != k.self {
		return nil, fmt.Errorf("%w: the share is party %d's, this node is party %d", ErrInput, share.share.Self, k.self)
	}
	var (
		cs  frost.Ciphersuite
		kp  *frost.KeyPackage
		pub *frost.PublicKeyPackage
	)
	switch suite {
	case "ed25519":
		cs = frost.Ed25519SHA512()
		kp, pub, err = frost.KeysFromShare(cs, share.share)
	case "taproot":
		cs = frost.Secp256k1TR()
		if len(message) != 32 {
			return nil, fmt.Errorf("%w: a taproot message is a 32-byte sighash", ErrInput)
		}
		kp, pub, err = taprootKeys(share.share)
	default:
		return nil, fmt.Errorf("%w: suite %q", ErrInput, suite)
	}
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrInput, err)
	}
	sid, err := frost.SessionID(cs, pub, ids, message, k.nonce)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrInput, err)
	}
	m, err := frost.NewSign(frost.SignConfig{Suite: cs, Key: kp, Public: pub, Signers: ids, Self: k.self, SessionID: sid, Message: message, Identity: k.identity(ids)})
	if err != nil {
		return nil, err
	}
	sig, err := run(n, "frost "+suite, sid, m, p)
	if err != nil {
		return nil, err
	}
	if suite == "ed25519" {
		if !ed25519.Verify(pub.GroupKey().Bytes(), message, sig) {
			return nil, fmt.Errorf("mobile: crypto/ed25519 rejects the signature")
		}
		return sig, nil
	}
	xonly, err := curve.XOnlyBytes(pub.GroupKey())
	if err != nil {
		return nil, err
	}
	if err := schnorr.Verify(xonly, message, sig); err != nil {
		return nil, err
	}
	return sig, nil
}
