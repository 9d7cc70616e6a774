package vss_test

import (
	"fmt"

	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/mosaic-mpc/mosaic/vss"
)

// A trusted dealer shares a secret 2-of-3; each party checks its share
// against the Feldman commitment; parties 1 and 3 reconstruct the secret.
// (A dealer knows the secret: production keys come from a DKG.)
func Example() {
	c := curve.Secp256k1()
	secret := c.ScalarFromUint64(424242)
	ids, err := vss.IDScalars(c, []uint32{1, 2, 3})
	if err != nil {
		panic(err)
	}
	shares, commitment, err := vss.Split(c, secret, 2, ids, nil)
	if err != nil {
		panic(err)
	}

	// Each party receives its share and the commitment's encoding.
	wire, _ := commitment.MarshalBinary()
	received, err := vss.DecodeCommitment(c, wire, 2)
	if err != nil {
		panic(err)
	}
	for _, s := range shares {
		fmt.Println("share verifies:", received.Verify(s.ID, s.Value) == nil)
	}

	got, err := vss.Reconstruct(c, []vss.Share{shares[0], shares[2]})
	if err != nil {
		panic(err)
	}
	fmt.Println("reconstructed:", got.Equal(secret))
	// Output:
	// share verifies: true
	// share verifies: true
	// share verifies: true
	// reconstructed: true
}

// Lagrange coefficients at 0 for the signer set {1, 2, 3}: 3, -3 and 1.
func ExampleLagrangeCoefficients() {
	c := curve.Edwards25519()
	ids, _ := vss.IDScalars(c, []uint32{1, 2, 3})
	ls, err := vss.LagrangeCoefficients(c, ids)
	if err != nil {
		panic(err)
	}
	fmt.Println(ls[0].Equal(c.ScalarFromUint64(3)), ls[1].Equal(c.ScalarFromUint64(3).Negate()), ls[2].Equal(c.ScalarFromUint64(1)))
	// Output: true true true
}
