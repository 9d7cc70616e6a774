package testfixtures_test

import (
	"fmt"

	"github.com/mosaic-mpc/mosaic/internal/testfixtures"
)

func Example() {
	// The fixture format; tests call testfixtures.PaillierKey(t, i) instead.
	pairs, err := testfixtures.ParsePrimePairs([]byte("# TEST ONLY\n16 c7 f3\n"))
	if err != nil {
		panic(err)
	}
	fmt.Println(len(pairs), pairs[0].Bits, pairs[0].P.Uint64(), pairs[0].Q.Uint64())
	// Output: 1 16 199 243
}
