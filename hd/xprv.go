package hd

import (
	"fmt"
	"slices"

	"github.com/mosaic-mpc/mosaic/curve"
)

// ExtendedPrivateKey is a BIP-32 extended private key (k, c), for importing
// an existing wallet into a threshold key through a trusted dealer
// (SplitExtendedPrivateKey).
//
// SECURITY: whoever holds it can spend everything below it. It exists in
// this SDK only for the one-off import on a machine that is trusted for that
// moment; a threshold key must never be put back together into one. Call
// Zeroize when done.
type ExtendedPrivateKey struct {
	// Version is the serialization's version (xprv or tprv).
	Version [4]byte
	// Depth, ParentFingerprint and ChildNumber are as in ExtendedKey.
	Depth             byte
	ParentFingerprint [4]byte
	ChildNumber       uint32
	// ChainCode is the 32-byte chain code c.
	ChainCode []byte
	// Secret is the private key k, non-zero.
	Secret curve.Scalar
}

// ParseExtendedPrivateKey decodes and validates a serialized extended
// private key ("xprv..." or "tprv..."): Base58Check checksum, length, a
// private version, key data 0x00 || ser256(k) with 0 < k < n, and zero
// parent fingerprint and child number at depth 0. Temporary buffers holding
// the key are cleared; the caller's string cannot be.
func ParseExtendedPrivateKey(xprv string) (*ExtendedPrivateKey, error) {
	r, err := decodeRaw(xprv)
	if err != nil {
		return nil, err
	}
	defer clear(r.keyData)
	if _, ok := publicVersionOf(r.version); !ok {
		if isPublicVersion(r.version) {
			return nil, fmt.Errorf("%w: a public key where a private key was expected", ErrExtendedKey)
		}
		return nil, fmt.Errorf("%w: unknown version %x, want xprv %08x or tprv %08x",
			ErrExtendedKey, r.version, versionMainnetPrivate, versionTestnetPrivate)
	}
	if r.keyData[0] != 0 {
		return nil, fmt.Errorf("%w: private key data must start with 0x00", ErrExtendedKey)
	}
	k, err := secp.DecodeScalar(r.keyData[1:])
	if err != nil || k.IsZero() {
		return nil, fmt.Errorf("%w: private key not in [1, n-1]", ErrExtendedKey)
	}
	return &ExtendedPrivateKey{
		Version:           r.version,
		Depth:             r.depth,
		ParentFingerprint: r.parent,
		ChildNumber:       r.child,
		ChainCode:         slices.Clone(r.chainCode),
		Secret:            k,
	}, nil
}

// Public returns the extended public key N((k, c)), with the matching
// public version.
func (k *ExtendedPrivateKey) Public() (*ExtendedKey, error) {
	if err := k.validate(); err != nil {
		return nil, err
	}
	v, _ := publicVersionOf(k.Version)
	return &ExtendedKey{
		Version:           v,
		Depth:             k.Depth,
		ParentFingerprint: k.ParentFingerprint,
		ChildNumber:       k.ChildNumber,
		ChainCode:         slices.Clone(k.ChainCode),
		Key:               secp.ScalarBaseMult(k.Secret),
	}, nil
}

func (k *ExtendedPrivateKey) validate() error {
	if _, ok := publicVersionOf(k.Version); !ok {
		return fmt.Errorf("%w: version %x is not a private-key version", ErrExtendedKey, k.Version)
	}
	if k.Secret == nil || k.Secret.Curve().ID() != curve.IDSecp256k1 || k.Secret.IsZero() {
		return fmt.Errorf("%w: secret", ErrKey)
	}
	return validateMeta(k.Depth, k.ParentFingerprint, k.ChildNumber, k.ChainCode)
}

// Derive applies CKDpriv along path, hardened components included (parse
// them with ParsePrivatePath), and returns the descendant with its
// serialization metadata. Errors: ErrDepth, or an *InvalidChildError.
func (k *ExtendedPrivateKey) Derive(path Path) (*ExtendedPrivateKey, error) {
	if err := k.validate(); err != nil {
		return nil, err
	}
	if err := checkDepth(int(k.Depth), len(path)); err != nil {
		return nil, err
	}
	out := k.clone()
	for pos, index := range path {
		child, cc, err := ckdPriv(out.Secret, out.ChainCode, index)
		if err != nil {
			out.Zeroize()
			return nil, stepError(err, pos, index)
		}
		next := &ExtendedPrivateKey{
			Version:           k.Version,
			Depth:             out.Depth + 1,
			ParentFingerprint: fingerprint(secp.ScalarBaseMult(out.Secret)),
			ChildNumber:       index,
			ChainCode:         cc,
			Secret:            child,
		}
		out.Zeroize()
		out = next
	}
	return out, nil
}

func (k *ExtendedPrivateKey) clone() *ExtendedPrivateKey {
	c := *k
	c.ChainCode = slices.Clone(k.ChainCode)
	c.Secret = k.Secret.Add(secp.NewScalar())
	return &c
}

// Zeroize overwrites the secret key and the chain code.
func (k *ExtendedPrivateKey) Zeroize() {
	if k.Secret != nil {
		k.Secret.Zeroize()
	}
	clear(k.ChainCode)
}
