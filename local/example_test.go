package local_test

import (
	"context"
	"crypto/ed25519"
	"fmt"

	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/mosaic-mpc/mosaic/frost"
	"github.com/mosaic-mpc/mosaic/local"
	"github.com/mosaic-mpc/mosaic/transport"
)

// Key generation and a FROST(Ed25519) signature by parties 1 and 3 of a
// 2-of-3 key, every party in this process. Both runs are signed with the
// parties' long-term identity keys, which the shares record, and agree.
// The ECDSA steps (Aux, Presign, SignECDSA) work the same way, but Aux
// searches for safe primes, which takes seconds per party.
func Example() {
	ctx := context.Background()
	parties := local.Parties(3)
	idk, err := local.NewIdentities(parties)
	if err != nil {
		fmt.Println("identities:", err)
		return
	}
	signed := local.WithIdentities(idk)
	shares, err := local.Keygen(ctx, curve.Edwards25519(), 2, parties, signed)
	if err != nil {
		fmt.Println("keygen:", err)
		return
	}
	msg := []byte("pay 1 coin to Alice")
	sig, key, err := local.SignFROST(ctx, frost.Ed25519SHA512(), shares, []transport.PartyID{1, 3}, msg, nil, signed)
	if err != nil {
		fmt.Println("sign:", err)
		return
	}
	fmt.Println("parties:", parties)
	fmt.Println("identity keys recorded in each share:", len(shares[1].Identities))
	fmt.Println("crypto/ed25519 accepts:", ed25519.Verify(key.Bytes(), msg, sig))

	// A threshold of 4 cannot be met by 3 parties: an error, before
	// anything runs.
	_, err = local.Keygen(ctx, curve.Edwards25519(), 4, parties)
	fmt.Println(err)
	// Output:
	// parties: [1 2 3]
	// identity keys recorded in each share: 3
	// crypto/ed25519 accepts: true
	// local: invalid input: threshold 4 for 3 parties, want 1 <= t <= 3
}
