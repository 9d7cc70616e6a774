package curve_test

import (
	"fmt"

	"github.com/mosaic-mpc/mosaic/curve"
)

// The Stark curve behind the same interface: a public key is 33 bytes, a
// SEC1-style compressed form whose last 32 bytes are the x-coordinate
// Starknet calls the public key; x >= p is refused, never reduced.
func ExampleStark() {
	c, err := curve.ByName("starknet")
	if err != nil {
		panic(err)
	}
	pub := c.ScalarBaseMult(c.ScalarFromUint64(7))
	decoded, err := c.DecodePoint(pub.Bytes(), false)
	fmt.Println(c.Name(), c.ID(), len(pub.Bytes()), err == nil && decoded.Equal(pub))
	over := make([]byte, 33)
	over[0] = 0x02
	for i := 1; i < 33; i++ {
		over[i] = 0xff
	}
	_, err = c.DecodePoint(over, false)
	fmt.Println(err)
	// Output:
	// stark 6 33 true
	// curve: non-canonical encoding: stark x >= p
}
