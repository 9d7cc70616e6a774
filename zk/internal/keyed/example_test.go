package keyed_test

import (
	"fmt"

	"github.com/mosaic-mpc/mosaic/internal/testfixtures"
	"github.com/mosaic-mpc/mosaic/zk/internal/keyed"
)

// A verifier uses its keyed checks only for a modulus that is its own.
func ExampleOwns() {
	own, other := testfixtures.ExampleKey(0), testfixtures.ExampleKey(1)
	fmt.Println(keyed.Owns(own, own.PublicKey().N()))
	fmt.Println(keyed.Owns(own, other.PublicKey().N()))
	fmt.Println(keyed.Owns(nil, own.PublicKey().N()))
	// Output:
	// true
	// false
	// false
}
