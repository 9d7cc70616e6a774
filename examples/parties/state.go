package main

import (
	"crypto/rand"
	"fmt"
	"os"
	"path/filepath"

	"github.com/mosaic-mpc/mosaic/cggmp"
	"github.com/mosaic-mpc/mosaic/dkg"
	"github.com/mosaic-mpc/mosaic/paillier"
	"github.com/mosaic-mpc/mosaic/refresh/backup"
)

// passphraseEnv names the environment variable that holds the passphrase
// a -state party seals its keys under. -chaos draws one per party.
const passphraseEnv = "MOSAIC_PARTIES_PASSPHRASE"

// The files of a -state directory: the whole CGGMP21 key (the secp256k1
// share, which BIP-340 signs with too, and the aux info with this party's
// Paillier secret key) and the edwards25519 share, each sealed by package
// refresh/backup (Argon2id and XChaCha20-Poly1305).
const (
	ecdsaKeyFile = "ecdsa-key.sealed"
	ed25519File  = "ed25519-share.sealed"
	// ed25519Scheme is the scheme name in the sealed share's header.
	ed25519Scheme = "frost-ed25519"
)

// saveState seals key and ked under passphrase into dir, each file
// written whole (a temporary file renamed) and readable by this user only.
func saveState(dir string, passphrase []byte, key *cggmp.Key, ked *dkg.KeyShare) error {
	sealedKey, err := backup.SealECDSAKey(key, passphrase, rand.Reader)
	if err != nil {
		return fmt.Errorf("sealing the ECDSA key: %w", err)
	}
	sealedShare, err := backup.Seal(ked, ed25519Scheme, passphrase, rand.Reader)
	if err != nil {
		return fmt.Errorf("sealing the edwards25519 share: %w", err)
	}
	if err := writeFileAtomic(filepath.Join(dir, ecdsaKeyFile), sealedKey); err != nil {
		return err
	}
	return writeFileAtomic(filepath.Join(dir, ed25519File), sealedShare)
}

// loadState opens what saveState sealed; level is the Paillier security
// level the key was made at.
func loadState(dir string, passphrase []byte, level paillier.SecurityLevel) (*cggmp.Key, *dkg.KeyShare, error) {
	sealedKey, err := os.ReadFile(filepath.Join(dir, ecdsaKeyFile))
	if err != nil {
		return nil, nil, err
	}
	key, err := backup.OpenECDSAKey(sealedKey, passphrase, backup.WithPaillierOptions(paillier.WithLevel(level)))
	if err != nil {
		return nil, nil, fmt.Errorf("opening %s: %w", ecdsaKeyFile, err)
	}
	sealedShare, err := os.ReadFile(filepath.Join(dir, ed25519File))
	if err != nil {
		return nil, nil, err
	}
	ked, scheme, err := backup.Open(sealedShare, passphrase)
	if err != nil {
		return nil, nil, fmt.Errorf("opening %s: %w", ed25519File, err)
	}
	if scheme != ed25519Scheme || ked.Self != key.Self() {
		return nil, nil, fmt.Errorf("%s holds a %q share of party %d, want %q of party %d", ed25519File, scheme, ked.Self, ed25519Scheme, key.Self())
	}
	return key, ked, nil
}

// writeFileAtomic writes b to path with mode 0600 through a temporary file
// in the same directory, so that a crash leaves the old file or the new
// one, never half of one.
func writeFileAtomic(path string, b []byte) error {
	f, err := os.CreateTemp(filepath.Dir(path), ".tmp-"+filepath.Base(path))
	if err != nil {
		return err
	}
	tmp := f.Name()
	defer os.Remove(tmp) // fails harmlessly once renamed
	if _, err := f.Write(b); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}
