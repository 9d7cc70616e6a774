package keytest_test

import (
	"fmt"

	"github.com/mosaic-mpc/mosaic/internal/keytest"
)

func Example() {
	// Tests take keys with keytest.ECDSAKeys(t, th, n, level) or shares
	// with keytest.Shares(t, curve, th, n); both need the test's t. The
	// parties are always 1..n:
	fmt.Println(keytest.IDs(3))
	// Output: [1 2 3]
}
