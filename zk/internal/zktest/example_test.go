package zktest_test

import (
	"fmt"

	"github.com/mosaic-mpc/mosaic/zk"
	"github.com/mosaic-mpc/mosaic/zk/internal/zktest"
)

// Two verifiers that reject for different reasons disagree; rejecting for
// the same kind of reason is agreement.
func ExampleDisagreement() {
	fmt.Printf("%q\n", zktest.Disagreement(zk.ErrVerify, fmt.Errorf("keyed: %w", zk.ErrVerify)))
	fmt.Println(zktest.Disagreement(zk.ErrVerify, zk.ErrOutOfRange) != "")
	fmt.Println(zktest.Disagreement(nil, zk.ErrVerify) != "")
	// Output:
	// ""
	// true
	// true
}
