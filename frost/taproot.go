package frost

import (
	"fmt"

	"github.com/mosaic-mpc/mosaic/curve"
)

// tapTweakTag is BIP-341's tag for the key tweak.
const tapTweakTag = "TapTweak"

// tapTweak returns t = int(hash_TapTweak(bytes(P) || merkleRoot)) for the
// internal key P (BIP-341 taproot_tweak_pubkey). merkleRoot is empty for a
// key with no script path, or the 32-byte script tree root. t >= n fails,
// as BIP-341 requires.
func tapTweak(internalKey curve.Point, merkleRoot []byte) (curve.Scalar, error) {
	if len(merkleRoot) != 0 && len(merkleRoot) != 32 {
		return nil, fmt.Errorf("%w: merkle root of %d bytes, want 0 or 32", ErrInvalidParameters, len(merkleRoot))
	}
	x, err := curve.XOnlyBytes(internalKey)
	if err != nil {
		return nil, fmt.Errorf("%w: internal key: %w", ErrInvalidKey, err)
	}
	h := curve.TaggedHash(tapTweakTag, x, merkleRoot)
	t, err := curve.Secp256k1().DecodeScalar(h[:])
	if err != nil {
		return nil, fmt.Errorf("%w: tweak not below the group order", ErrInvalidKey)
	}
	return t, nil
}

// Tweak returns the key package for the BIP-341 output key
// Q = P' + t·G, where P' is the group key with even y (the share is negated
// with it) and t = hash_TapTweak(bytes(P) || merkleRoot); the signing share
// becomes ±sk_i + t and the verifying share ±PK_i + t·G. merkleRoot is nil
// or empty for a key-path-only output (BIP-341's recommended commitment to
// an unspendable script path) or the 32-byte root of the script tree. This
// is frost-secp256k1-tr's KeyPackage tweak with Some(merkle_root); to sign
// for the untweaked key, use the key package as it is.
//
// All signers and the coordinator must tweak with the same merkle root
// (the coordinator with PublicKeyPackage.Tweak). Only Secp256k1TR keys can
// be tweaked.
func (kp *KeyPackage) Tweak(merkleRoot []byte) (*KeyPackage, error) {
	if kp == nil || kp.signingShare == nil {
		return nil, fmt.Errorf("%w: no key package", ErrInvalidParameters)
	}
	if !kp.suite.IsTaproot() {
		return nil, fmt.Errorf("%w: key package of %s", ErrNotTaproot, kp.suite)
	}
	t, err := tapTweak(kp.groupKey, merkleRoot)
	if err != nil {
		return nil, err
	}
	c := kp.suite.Curve()
	key := kp.key.point
	share := kp.signingShare
	if kp.key.negated {
		share = share.Negate()
		defer share.Zeroize()
	}
	tweaked := share.Add(t)
	defer tweaked.Zeroize()
	out, err := NewKeyPackage(kp.suite, kp.id, tweaked, key.Add(c.ScalarBaseMult(t)), kp.minSigners)
	if err != nil {
		return nil, fmt.Errorf("tweaked key: %w", err)
	}
	return out, nil
}

// Tweak returns the public key package for the same BIP-341 output key as
// KeyPackage.Tweak with the same merkle root: the group key and every
// verifying share are brought to the group key's even-y form and shifted by
// t·G. Only Secp256k1TR keys can be tweaked.
func (pk *PublicKeyPackage) Tweak(merkleRoot []byte) (*PublicKeyPackage, error) {
	if pk == nil || pk.groupKey == nil {
		return nil, fmt.Errorf("%w: no public key package", ErrInvalidParameters)
	}
	if !pk.suite.IsTaproot() {
		return nil, fmt.Errorf("%w: public key package of %s", ErrNotTaproot, pk.suite)
	}
	t, err := tapTweak(pk.groupKey, merkleRoot)
	if err != nil {
		return nil, err
	}
	tG := pk.suite.Curve().ScalarBaseMult(t)
	key := pk.key.point
	shares := make(map[Identifier]curve.Point, len(pk.verifyingShares))
	for id, p := range pk.verifyingShares {
		if pk.key.negated {
			p = p.Negate()
		}
		shares[id] = p.Add(tG)
	}
	out, err := NewPublicKeyPackage(pk.suite, key.Add(tG), shares, pk.minSigners)
	if err != nil {
		return nil, fmt.Errorf("tweaked key: %w", err)
	}
	return out, nil
}
