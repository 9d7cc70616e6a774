package dkls23_test

import (
	"context"
	"crypto/sha256"
	"fmt"

	"github.com/mosaic-mpc/mosaic/cggmp"
	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/mosaic-mpc/mosaic/local"
)

// Three of five parties sign with DKLs23 after key generation and the
// pairwise OT setup; the signature verifies under the group key with the
// same checks as a CGGMP21 one.
func Example() {
	ctx := context.Background()
	ids := local.Parties(5)
	shares, err := local.Keygen(ctx, curve.Secp256k1(), 3, ids)
	if err != nil {
		panic(err)
	}
	keys, err := local.SetupDKLs23(ctx, shares)
	if err != nil {
		panic(err)
	}
	digest := sha256.Sum256([]byte("pay 1 BTC to Bob"))
	sig, err := local.SignDKLs23(ctx, keys, ids[:3], nil, digest[:])
	if err != nil {
		panic(err)
	}
	fmt.Println("verifies:", cggmp.VerifyLowS(keys[1].GroupKey(), digest[:], sig) == nil)
	fmt.Println("signature bytes:", len(sig.Bytes()), "Ethereum encoding:", len(sig.Ethereum()))
	// Output:
	// verifies: true
	// signature bytes: 64 Ethereum encoding: 65
}
