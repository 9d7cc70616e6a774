package party

import (
	"fmt"

	"github.com/mosaic-mpc/mosaic/refresh/backup"
)

// Sealed are the party's keys sealed with refresh/backup: the whole
// CGGMP21 key (secp256k1 share and aux info, also the taproot share) and
// the edwards25519 share.
type Sealed struct {
	ECDSA   []byte `json:"ecdsa"`
	Ed25519 []byte `json:"ed25519"`
}

// Seal seals the party's keys under passphrase (Argon2id with the
// package's default parameters: 64 MiB per seal).
func (p *Party) Seal(passphrase []byte) (*Sealed, error) {
	if p.key == nil || p.ked == nil {
		return nil, fmt.Errorf("%w: nothing to seal before aux-info", ErrNotReady)
	}
	k, err := backup.SealECDSAKey(p.key, passphrase, nil)
	if err != nil {
		return nil, err
	}
	e, err := backup.Seal(p.ked, "frost-ed25519", passphrase, nil)
	if err != nil {
		return nil, err
	}
	return &Sealed{ECDSA: k, Ed25519: e}, nil
}

// Open restores the keys that Seal sealed, replacing the party's own.
func (p *Party) Open(s *Sealed, passphrase []byte) error {
	if s == nil {
		return fmt.Errorf("party: nothing to open")
	}
	key, err := backup.OpenECDSAKey(s.ECDSA, passphrase)
	if err != nil {
		return err
	}
	ked, scheme, err := backup.Open(s.Ed25519, passphrase)
	if err != nil {
		return err
	}
	if scheme != "frost-ed25519" || key.Share.Self != p.Self || ked.Self != p.Self {
		return fmt.Errorf("party: the sealed keys are not this party's")
	}
	p.key, p.k1, p.ked = key, key.Share, ked
	return nil
}
