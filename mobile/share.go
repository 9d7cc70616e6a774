package mobile

import (
	"fmt"

	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/mosaic-mpc/mosaic/dkg"
	"github.com/mosaic-mpc/mosaic/refresh/backup"
)

// Share is this party's share of a key. Keep it sealed (Seal) at rest.
type Share struct {
	share *dkg.KeyShare
}

// Curve returns the share's curve name.
func (s *Share) Curve() string {
	if s == nil || s.share == nil {
		return ""
	}
	return s.share.Curve.Name()
}

// Self returns the party id the share belongs to.
func (s *Share) Self() int {
	if s == nil || s.share == nil {
		return 0
	}
	return int(s.share.Self)
}

// GroupKey returns the group's public key: 32 bytes on edwards25519 (an
// Ed25519 public key), the compressed SEC1 point on secp256k1.
func (s *Share) GroupKey() []byte {
	if s == nil || s.share == nil {
		return nil
	}
	return s.share.GroupKey.Bytes()
}

// TaprootKey returns the BIP-341 output key (x-only, 32 bytes) of a
// secp256k1 share's key path with no script tree: the key that FROST
// taproot signatures verify under.
func (s *Share) TaprootKey() ([]byte, error) {
	if s == nil || s.share == nil || s.share.Curve.Name() != curve.Secp256k1().Name() {
		return nil, fmt.Errorf("%w: not a secp256k1 share", ErrInput)
	}
	_, pub, err := taprootKeys(s.share)
	if err != nil {
		return nil, err
	}
	return curve.XOnlyBytes(pub.GroupKey())
}

// scheme is the backup's scheme name for a share on c.
func scheme(c curve.Curve) string { return "frost-" + c.Name() }

// Seal encrypts the share under passphrase with refresh/backup (Argon2id,
// 64 MiB, and XChaCha20-Poly1305): the bytes to keep in the app's storage.
func (s *Share) Seal(passphrase []byte) ([]byte, error) {
	if s == nil || s.share == nil {
		return nil, fmt.Errorf("%w: no share", ErrInput)
	}
	return backup.Seal(s.share, scheme(s.share.Curve), passphrase, nil)
}

// OpenShare opens a share that Seal sealed.
func OpenShare(sealed, passphrase []byte) (*Share, error) {
	share, sch, err := backup.Open(sealed, passphrase)
	if err != nil {
		return nil, err
	}
	if sch != scheme(share.Curve) {
		return nil, fmt.Errorf("%w: a backup of scheme %q, not a FROST share", ErrInput, sch)
	}
	return &Share{share: share}, nil
}
