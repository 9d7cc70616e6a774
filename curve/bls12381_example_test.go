package curve_test

import (
	"fmt"

	"github.com/mosaic-mpc/mosaic/curve"
)

// G1 of BLS12-381 behind the same interface: a public key is the 48-byte
// compressed form, and the identity, whose encoding is 0xc0 followed by
// zeros, is refused unless asked for.
func ExampleBLS12381G1() {
	c, err := curve.ByName("bls12-381-g1")
	if err != nil {
		panic(err)
	}
	pub := c.ScalarBaseMult(c.ScalarFromUint64(7))
	decoded, err := c.DecodePoint(pub.Bytes(), false)
	fmt.Println(c.Name(), c.ID(), len(pub.Bytes()), err == nil && decoded.Equal(pub))
	_, err = c.DecodePoint(c.Identity().Bytes(), false)
	fmt.Println(err)
	// Output:
	// bls12-381-g1 7 48 true
	// curve: identity point not allowed: bls12-381 G1
}
