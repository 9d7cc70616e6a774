package hd

import (
	"fmt"

	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/mosaic-mpc/mosaic/dkg"
)

// checkKeyShare accepts a valid secp256k1 key share; withChainCode also
// requires a chain code.
func checkKeyShare(ks *dkg.KeyShare, withChainCode bool) error {
	if ks == nil || ks.Curve == nil || ks.Curve.ID() != curve.IDSecp256k1 {
		return fmt.Errorf("%w: key share is not on secp256k1", ErrKey)
	}
	if withChainCode && ks.ChainCode == nil {
		return fmt.Errorf("%w: key share has no chain code", ErrChainCode)
	}
	return ks.Validate()
}

// MasterPublicKey returns the group's extended public key: depth 0, the
// group key and the chain code agreed at key generation (or imported). Its
// Encode is the "xpub" to hand to watch-only wallets. version is
// MainnetPublic() or TestnetPublic().
func MasterPublicKey(ks *dkg.KeyShare, version [4]byte) (*ExtendedKey, error) {
	if err := checkKeyShare(ks, true); err != nil {
		return nil, err
	}
	k := &ExtendedKey{Version: version, ChainCode: ks.ChainCode, Key: ks.GroupKey}
	if err := k.Validate(); err != nil {
		return nil, err
	}
	return k.clone(), nil
}

// DeriveKeyShare returns the key share of the child at the non-hardened
// path below the share's group key, and the tweak t of DeriveTweak: the
// secret share becomes x_i + t, every public share X_j + t·G, the group key
// the BIP-32 child and the chain code the child's. Every party applies the
// same path to its own share and the results form a t-of-n sharing of the
// child key (see DeriveTweak for why adding t to every Shamir share is
// right). ks is not modified.
//
// Fix the path before presigning (Groth and Shoup, ePrint 2021/1330): run
// presigning with the derived share, never re-derive an existing
// presignature's key.
func DeriveKeyShare(ks *dkg.KeyShare, path Path) (*dkg.KeyShare, curve.Scalar, error) {
	if err := checkKeyShare(ks, true); err != nil {
		return nil, nil, err
	}
	t, child, cc, err := DeriveTweak(ks.GroupKey, ks.ChainCode, path)
	if err != nil {
		return nil, nil, err
	}
	out := ks.Clone()
	out.Secret = ks.Secret.Add(t)
	out.GroupKey = child
	out.ChainCode = cc
	tG := secp.ScalarBaseMult(t)
	for id, p := range ks.PublicShares {
		out.PublicShares[id] = p.Add(tG)
	}
	if err := out.Validate(); err != nil {
		return nil, nil, err // negligible: a public share landed on infinity
	}
	return out, t, nil
}

// TaprootKeyShare returns the key share of BIP-341's output key for the
// share's group key as internal key (see TaprootOutputKey), normalised so
// that its group key has even y and plain BIP-340 threshold signing works:
// with a = -1 if the internal key has odd y (else 1) and s = -1 if the
// tweaked key has odd y (else 1), the secret share becomes s·(a·x_i + t) and
// every public share s·(a·X_j + t·G). The result has no chain code: a
// tweaked output key is not a BIP-32 node. ks is not modified. The signs
// depend on public points only.
func TaprootKeyShare(ks *dkg.KeyShare, merkleRoot []byte) (*dkg.KeyShare, error) {
	if err := checkKeyShare(ks, false); err != nil {
		return nil, err
	}
	q, odd, t, err := TaprootOutputKey(ks.GroupKey, merkleRoot)
	if err != nil {
		return nil, err
	}
	internalEven, err := curve.HasEvenY(ks.GroupKey)
	if err != nil {
		return nil, err
	}
	tG := secp.ScalarBaseMult(t)
	mapPoint := func(p curve.Point) curve.Point {
		if !internalEven {
			p = p.Negate()
		}
		p = p.Add(tG)
		if odd {
			p = p.Negate()
		}
		return p
	}
	x := ks.Secret
	if !internalEven {
		x = x.Negate()
	}
	x = x.Add(t)
	if odd {
		x = x.Negate()
	}
	out := ks.Clone()
	out.Secret = x
	out.GroupKey = q
	out.ChainCode = nil
	for id, p := range ks.PublicShares {
		out.PublicShares[id] = mapPoint(p)
	}
	if err := out.Validate(); err != nil {
		return nil, err
	}
	return out, nil
}
