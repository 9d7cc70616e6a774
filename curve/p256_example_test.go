package curve_test

import (
	"fmt"

	"github.com/mosaic-mpc/mosaic/curve"
)

// P-256 behind the same interface: a public key is 33 bytes SEC1
// compressed, and the uncompressed form SEC1 also defines is a separate,
// explicit decoder's business, not DecodePoint's.
func ExampleP256() {
	c, err := curve.ByName("secp256r1")
	if err != nil {
		panic(err)
	}
	pub := c.ScalarBaseMult(c.ScalarFromUint64(7))
	decoded, err := c.DecodePoint(pub.Bytes(), false)
	fmt.Println(c.Name(), c.ID(), len(pub.Bytes()), err == nil && decoded.Equal(pub))
	_, err = c.DecodePoint(make([]byte, 65), false)
	fmt.Println(err)
	// Output:
	// P-256 3 33 true
	// curve: invalid encoding length: P-256 point of 65 bytes
}
