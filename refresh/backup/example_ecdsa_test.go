package backup_test

import (
	"errors"
	"fmt"
	"os"

	"github.com/mosaic-mpc/mosaic/cggmp"
	"github.com/mosaic-mpc/mosaic/paillier"
	"github.com/mosaic-mpc/mosaic/refresh/backup"
)

// A CGGMP21 party seals its whole key, share and aux info, and restores it
// ready to presign, without a new aux-info run.
func ExampleSealECDSAKey() {
	// A key as dkg and aux-info leave it; here the test key of cggmp's
	// golden file (2048-bit moduli), since aux-info takes seconds.
	enc, err := os.ReadFile("../../testdata/cggmp/key-v1-2of3-party2.bin")
	if err != nil {
		panic(err)
	}
	size := paillier.WithModulusBits(2048)
	key, err := cggmp.ParseKey(enc, size)
	if err != nil {
		panic(err)
	}

	// Production code leaves out WithParams (time 3, 64 MiB, 4 threads).
	cheap := backup.WithParams(backup.Params{Time: 1, MemoryKiB: 64, Threads: 1})
	sealed, err := backup.SealECDSAKey(key, []byte("a long passphrase"), nil, cheap)
	if err != nil {
		panic(err)
	}

	h, _ := backup.Inspect(sealed)
	fmt.Println("holds", h.Kind, "of party", h.Party, "scheme", h.Scheme)

	_, _, err = backup.Open(sealed, []byte("a long passphrase"))
	fmt.Println("opened as a share:", errors.Is(err, backup.ErrKind))

	restored, err := backup.OpenECDSAKey(sealed, []byte("a long passphrase"), backup.WithPaillierOptions(size))
	if err != nil {
		panic(err)
	}
	fmt.Println("same public key:", restored.PublicKey().Equal(key.PublicKey()))
	fmt.Println("Paillier key restored:", restored.Aux.Secret.PublicKey().Equal(key.Aux.Paillier[key.Self()]))
	// Output:
	// holds an ECDSA key of party 2 scheme cggmp-secp256k1
	// opened as a share: true
	// same public key: true
	// Paillier key restored: true
}
