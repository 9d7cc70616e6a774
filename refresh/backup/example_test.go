package backup_test

import (
	"crypto/rand"
	"errors"
	"fmt"

	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/mosaic-mpc/mosaic/refresh/backup"
	"github.com/mosaic-mpc/mosaic/refresh/dealer"
	"github.com/mosaic-mpc/mosaic/transport"
)

// A party seals its key share for storage and opens it again.
func Example() {
	c := curve.Edwards25519()
	sk, _ := c.RandomScalar(rand.Reader)
	shares, err := dealer.Import(c, sk, 2, []transport.PartyID{1, 2, 3}, nil) // a share to back up
	if err != nil {
		panic(err)
	}
	share := shares[0]

	// Production code leaves out WithParams and gets the defaults (time 3,
	// 64 MiB, 4 threads); the cheap setting only keeps the example fast.
	cheap := backup.WithParams(backup.Params{Time: 1, MemoryKiB: 64, Threads: 1})
	sealed, err := backup.Seal(share, "frost-ed25519", []byte("a long passphrase"), nil, cheap)
	if err != nil {
		panic(err)
	}

	h, _ := backup.Inspect(sealed) // public header, before any passphrase
	fmt.Println("party", h.Party, "scheme", h.Scheme, "curve", h.Curve.Name())

	_, _, err = backup.Open(sealed, []byte("a wrong passphrase"))
	fmt.Println("wrong passphrase:", errors.Is(err, backup.ErrWrongPassphrase))

	opened, scheme, err := backup.Open(sealed, []byte("a long passphrase"))
	if err != nil {
		panic(err)
	}
	fmt.Println("opened:", scheme, opened.Secret.Equal(share.Secret))
	// Output:
	// party 1 scheme frost-ed25519 curve edwards25519
	// wrong passphrase: true
	// opened: frost-ed25519 true
}
