package curve_test

import (
	"fmt"

	"github.com/mosaic-mpc/mosaic/curve"
)

// The same code runs on both groups: 2·G equals G + G, and a canonical
// encoding decodes back to the same point.
func Example() {
	for _, c := range []curve.Curve{curve.Secp256k1(), curve.Edwards25519()} {
		g := c.Generator()
		two := c.ScalarFromUint64(2)
		doubled := c.ScalarBaseMult(two)
		fmt.Println(c.Name(), "2·G == G+G:", doubled.Equal(g.Add(g)))

		decoded, err := c.DecodePoint(doubled.Bytes(), false)
		fmt.Println(c.Name(), "round trip:", err == nil && decoded.Equal(doubled), len(doubled.Bytes()), "bytes")
	}
	// Output:
	// secp256k1 2·G == G+G: true
	// secp256k1 round trip: true 33 bytes
	// edwards25519 2·G == G+G: true
	// edwards25519 round trip: true 32 bytes
}

// Decoders reject rather than repair: the identity needs explicit
// permission, and a scalar equal to the group order is refused, not reduced.
func Example_strictDecoding() {
	c := curve.Secp256k1()
	_, err := c.DecodePoint(c.Identity().Bytes(), false)
	fmt.Println(err)
	q := c.Order().Nat().FillBytes(make([]byte, 32))
	_, err = c.DecodeScalar(q)
	fmt.Println(err)
	// Output:
	// curve: identity point not allowed
	// curve: scalar not below the group order: secp256k1
}
