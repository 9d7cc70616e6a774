package bigint_test

import (
	"fmt"

	"github.com/cronokirby/saferith"

	"github.com/mosaic-mpc/mosaic/internal/bigint"
)

func Example() {
	// Constant-time 3^-1 · 5^2 mod 101 through bigmod.
	m, err := bigint.NewOddModulus(saferith.ModulusFromUint64(101))
	if err != nil {
		panic(err)
	}
	three := new(saferith.Nat).SetUint64(3)
	five := new(saferith.Nat).SetUint64(5)
	minusOne := new(saferith.Int).SetUint64(1).Neg(1)
	two := new(saferith.Int).SetUint64(2)
	fmt.Println(m.Exp2(three, minusOne, five, two).Uint64())

	// A CGGMP21 range check on a public response: is |z| ≤ 2^8?
	z := new(saferith.Int).SetUint64(256).Neg(1)
	fmt.Println(bigint.InRangeVarTime(z, 8), bigint.InRangeVarTime(z, 7))
	// Output:
	// 42
	// true false
}
