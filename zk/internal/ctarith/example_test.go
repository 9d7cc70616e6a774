package ctarith_test

import (
	"fmt"

	"github.com/cronokirby/saferith"

	"github.com/mosaic-mpc/mosaic/zk/internal/ctarith"
)

// A prover checks its witness against the range ±2^ℓ and answers the
// challenge e with z = α + e·x.
func Example() {
	x := new(saferith.Int).SetNat(new(saferith.Nat).SetUint64(3))
	alpha := new(saferith.Int).SetNat(new(saferith.Nat).SetUint64(100))
	e := new(saferith.Int).SetNat(new(saferith.Nat).SetUint64(7))

	fmt.Println("x in ±2^8:", ctarith.InRange(x, 8) == 1)
	fmt.Println("z =", ctarith.MulAdd(alpha, e, x).Big())
	// Output:
	// x in ±2^8: true
	// z = 121
}
