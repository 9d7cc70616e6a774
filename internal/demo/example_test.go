package demo_test

import (
	"context"
	"crypto/ed25519"
	"fmt"

	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/mosaic-mpc/mosaic/frost"
	"github.com/mosaic-mpc/mosaic/internal/demo"
	"github.com/mosaic-mpc/mosaic/transport"
)

// Key generation and a FROST(Ed25519) signature by parties 1 and 3 of a
// 2-of-3 key, every party in this process. The ECDSA steps (Aux, Presign,
// SignECDSA) work the same way but generate safe primes, which takes
// seconds.
func Example() {
	ctx := context.Background()
	parties := demo.Parties(3)
	shares, err := demo.Keygen(ctx, curve.Edwards25519(), 2, parties)
	if err != nil {
		panic(err)
	}
	msg := []byte("pay 1 coin to Alice")
	sig, key, err := demo.SignFROST(ctx, frost.Ed25519SHA512(), shares, []transport.PartyID{1, 3}, msg, nil)
	if err != nil {
		panic(err)
	}
	fmt.Println("parties:", parties)
	fmt.Println("crypto/ed25519 accepts:", ed25519.Verify(key.Bytes(), msg, sig))
	// Output:
	// parties: [1 2 3]
	// crypto/ed25519 accepts: true
}
