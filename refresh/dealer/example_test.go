package dealer_test

import (
	"crypto/rand"
	"fmt"

	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/mosaic-mpc/mosaic/refresh/dealer"
	"github.com/mosaic-mpc/mosaic/transport"
)

// An existing single key is brought under 2-of-3 control, and later taken
// back out with two of the shares. Both steps hold the whole key in one
// place: see the package documentation before using them.
func Example() {
	c := curve.Secp256k1()
	key, err := c.RandomScalar(rand.Reader) // stands for an existing wallet key
	if err != nil {
		panic(err)
	}
	shares, err := dealer.Import(c, key, 2, []transport.PartyID{1, 2, 3}, nil)
	if err != nil {
		panic(err)
	}
	// ... hand out the shares, destroy key, run refresh.New ...

	back, err := dealer.Export(shares[1:])
	if err != nil {
		panic(err)
	}
	fmt.Println("shares:", len(shares))
	fmt.Println("group key is the key's public key:", shares[0].GroupKey.Equal(c.ScalarBaseMult(key)))
	fmt.Println("exported the same key:", back.Equal(key))
	// Output:
	// shares: 3
	// group key is the key's public key: true
	// exported the same key: true
}
