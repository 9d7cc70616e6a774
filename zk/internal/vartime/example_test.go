package vartime_test

import (
	"fmt"

	"github.com/cronokirby/saferith"

	"github.com/mosaic-mpc/mosaic/zk/internal/vartime"
)

// A proof's fields checked against their moduli and ranges: the
// commitment 7 shares a factor with 35, so it is not a unit.
func ExampleFields() {
	m := saferith.ModulusFromUint64(35)
	f := vartime.Fields{
		Proof: "demo",
		Nats:  []vartime.Nat{{Name: "S", X: new(saferith.Nat).SetUint64(7), Mod: m, Unit: m}},
		Ints:  []vartime.Int{{Name: "z", X: new(saferith.Int).SetUint64(3), Bits: 2}},
	}
	fmt.Println(f.Missing())
	fmt.Println(f.Check())
	// Output:
	// <nil>
	// demo: S: shares a factor with the modulus: zk: value not coprime to the modulus
}
