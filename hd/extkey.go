package hd

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"slices"

	"github.com/mosaic-mpc/mosaic/curve"
	//lint:ignore SA1019 BIP-32 key identifiers are HASH160 = RIPEMD-160(SHA-256(.)); the standard fixes the hash.
	"golang.org/x/crypto/ripemd160"
)

// serializedLen is the length of a BIP-32 serialization before its
// Base58Check checksum: version(4) depth(1) parent fingerprint(4) child
// number(4) chain code(32) key data(33).
const serializedLen = 78

// Version bytes of BIP-32 serializations ("Serialization format"), as
// big-endian integers so that they stay constants.
const (
	versionMainnetPublic  uint32 = 0x0488B21E // xpub
	versionMainnetPrivate uint32 = 0x0488ADE4 // xprv
	versionTestnetPublic  uint32 = 0x043587CF // tpub
	versionTestnetPrivate uint32 = 0x04358394 // tprv
)

func versionBytes(v uint32) [4]byte { return [4]byte(binary.BigEndian.AppendUint32(nil, v)) }

func versionOf(b [4]byte) uint32 { return binary.BigEndian.Uint32(b[:]) }

// MainnetPublic returns the version bytes 0x0488B21E of a mainnet extended
// public key ("xpub...").
func MainnetPublic() [4]byte { return versionBytes(versionMainnetPublic) }

// TestnetPublic returns the version bytes 0x043587CF of a testnet extended
// public key ("tpub...").
func TestnetPublic() [4]byte { return versionBytes(versionTestnetPublic) }

// publicVersionOf maps a private version to its public counterpart.
func publicVersionOf(v [4]byte) ([4]byte, bool) {
	switch versionOf(v) {
	case versionMainnetPrivate:
		return MainnetPublic(), true
	case versionTestnetPrivate:
		return TestnetPublic(), true
	}
	return [4]byte{}, false
}

func isPublicVersion(v [4]byte) bool {
	u := versionOf(v)
	return u == versionMainnetPublic || u == versionTestnetPublic
}

// ExtendedKey is a BIP-32 extended public key (K, c) with the metadata of
// its serialization. Key must be a secp256k1 point.
type ExtendedKey struct {
	// Version selects the network: MainnetPublic() or TestnetPublic().
	Version [4]byte
	// Depth is 0 for a master key, 1 for its children, and so on.
	Depth byte
	// ParentFingerprint is Fingerprint of the parent key; zero for a
	// master key.
	ParentFingerprint [4]byte
	// ChildNumber is the index this key was derived at; zero for a master
	// key.
	ChildNumber uint32
	// ChainCode is the 32-byte chain code c.
	ChainCode []byte
	// Key is the public key K.
	Key curve.Point
}

// Fingerprint is the first four bytes of HASH160(serP(pub)) = RIPEMD-160(
// SHA-256(compressed pub)), BIP-32's key fingerprint. pub must be a
// non-identity secp256k1 point.
func Fingerprint(pub curve.Point) ([4]byte, error) {
	if err := checkPublicKey(pub); err != nil {
		return [4]byte{}, err
	}
	return fingerprint(pub), nil
}

func fingerprint(pub curve.Point) [4]byte {
	s := sha256.Sum256(pub.Bytes())
	r := ripemd160.New()
	r.Write(s[:])
	return [4]byte(r.Sum(nil)[:4])
}

// validateMeta checks the fields shared by public and private extended
// keys: a 32-byte chain code, and a master key (depth 0) with zero parent
// fingerprint and child number, as BIP-32's invalid test vectors require.
func validateMeta(depth byte, parent [4]byte, child uint32, chainCode []byte) error {
	if err := checkChainCode(chainCode); err != nil {
		return err
	}
	if depth == 0 && (parent != [4]byte{} || child != 0) {
		return fmt.Errorf("%w: master key with non-zero parent fingerprint or child number", ErrExtendedKey)
	}
	return nil
}

// Validate checks that k can be serialized: a known public version, a
// 32-byte chain code, a non-identity secp256k1 key, and zero parent
// fingerprint and child number at depth 0.
func (k *ExtendedKey) Validate() error {
	if !isPublicVersion(k.Version) {
		return fmt.Errorf("%w: version %x is not a public-key version", ErrExtendedKey, k.Version)
	}
	if err := checkPublicKey(k.Key); err != nil {
		return err
	}
	return validateMeta(k.Depth, k.ParentFingerprint, k.ChildNumber, k.ChainCode)
}

// serialize writes the 78-byte BIP-32 layout with the given key data.
func serialize(version [4]byte, depth byte, parent [4]byte, child uint32, chainCode, keyData []byte) []byte {
	out := make([]byte, 0, serializedLen)
	out = append(out, version[:]...)
	out = append(out, depth)
	out = append(out, parent[:]...)
	out = binary.BigEndian.AppendUint32(out, child)
	out = append(out, chainCode...)
	return append(out, keyData...)
}

// Encode returns the Base58Check serialization ("xpub..." or "tpub...").
func (k *ExtendedKey) Encode() (string, error) {
	if err := k.Validate(); err != nil {
		return "", err
	}
	return base58CheckEncode(serialize(k.Version, k.Depth, k.ParentFingerprint, k.ChildNumber, k.ChainCode, k.Key.Bytes())), nil
}

// String returns Encode's result, or a placeholder naming the error for a
// key that does not validate.
func (k *ExtendedKey) String() string {
	s, err := k.Encode()
	if err != nil {
		return fmt.Sprintf("<invalid extended key: %v>", err)
	}
	return s
}

// rawKey is a decoded serialization before the key data is interpreted.
type rawKey struct {
	version   [4]byte
	depth     byte
	parent    [4]byte
	child     uint32
	chainCode []byte
	keyData   []byte
}

// decodeRaw checks Base58Check and the 78-byte length and splits the
// fields; meta fields are validated too.
func decodeRaw(s string) (*rawKey, error) {
	b, err := base58CheckDecode(s)
	if err != nil {
		return nil, err
	}
	if len(b) != serializedLen {
		clear(b)
		return nil, fmt.Errorf("%w: %d bytes, want %d", ErrExtendedKey, len(b), serializedLen)
	}
	r := &rawKey{
		version:   [4]byte(b[0:4]),
		depth:     b[4],
		parent:    [4]byte(b[5:9]),
		child:     binary.BigEndian.Uint32(b[9:13]),
		chainCode: b[13:45],
		keyData:   b[45:78],
	}
	if err := validateMeta(r.depth, r.parent, r.child, r.chainCode); err != nil {
		clear(b)
		return nil, err
	}
	return r, nil
}

// ParseExtendedKey decodes and validates a serialized extended public key
// ("xpub..." or "tpub..."): Base58Check checksum, length, a public version,
// a compressed secp256k1 point on the curve, and zero parent fingerprint
// and child number at depth 0. An extended private key is refused (use
// ParseExtendedPrivateKey, deliberately).
func ParseExtendedKey(s string) (*ExtendedKey, error) {
	r, err := decodeRaw(s)
	if err != nil {
		return nil, err
	}
	if !isPublicVersion(r.version) {
		clear(r.keyData) // it may be a private key
		if _, private := publicVersionOf(r.version); private {
			return nil, fmt.Errorf("%w: a private key where a public key was expected", ErrExtendedKey)
		}
		return nil, fmt.Errorf("%w: unknown version %x, want xpub %08x or tpub %08x",
			ErrExtendedKey, r.version, versionMainnetPublic, versionTestnetPublic)
	}
	key, err := secp.DecodePoint(r.keyData, false)
	if err != nil {
		return nil, fmt.Errorf("%w: key data: %w", ErrExtendedKey, err)
	}
	return &ExtendedKey{
		Version:           r.version,
		Depth:             r.depth,
		ParentFingerprint: r.parent,
		ChildNumber:       r.child,
		ChainCode:         slices.Clone(r.chainCode),
		Key:               key,
	}, nil
}

// Derive applies CKDpub along a non-hardened path and returns the child
// with its serialization metadata (depth, parent fingerprint, child
// number). The empty path returns a copy of k. Errors: ErrHardened,
// ErrDepth, or an *InvalidChildError.
func (k *ExtendedKey) Derive(path Path) (*ExtendedKey, error) {
	if err := k.Validate(); err != nil {
		return nil, err
	}
	if err := path.checkPublic(int(k.Depth)); err != nil {
		return nil, err
	}
	out := k.clone()
	for pos, index := range path {
		_, child, cc, err := ckdPub(out.Key, out.ChainCode, index)
		if err != nil {
			return nil, stepError(err, pos, index)
		}
		out = &ExtendedKey{
			Version:           k.Version,
			Depth:             out.Depth + 1,
			ParentFingerprint: fingerprint(out.Key),
			ChildNumber:       index,
			ChainCode:         cc,
			Key:               child,
		}
	}
	return out, nil
}

func (k *ExtendedKey) clone() *ExtendedKey {
	c := *k
	c.ChainCode = slices.Clone(k.ChainCode)
	return &c
}

// Equal reports whether two extended keys have identical fields.
func (k *ExtendedKey) Equal(o *ExtendedKey) bool {
	return k.Version == o.Version && k.Depth == o.Depth && k.ParentFingerprint == o.ParentFingerprint &&
		k.ChildNumber == o.ChildNumber && bytes.Equal(k.ChainCode, o.ChainCode) &&
		k.Key != nil && o.Key != nil && k.Key.Curve().ID() == o.Key.Curve().ID() && k.Key.Equal(o.Key)
}
