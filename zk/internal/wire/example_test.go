package wire_test

import (
	"fmt"

	"github.com/cronokirby/saferith"

	"github.com/mosaic-mpc/mosaic/zk/internal/wire"
)

// A natural number and a signed integer, encoded and read back; a
// non-minimal encoding of the same number is refused.
func Example() {
	e := wire.Encoder{Name: "demo", MaxField: 8}
	e.Nat(new(saferith.Nat).SetUint64(0x0102))
	e.Int(new(saferith.Int).SetUint64(5).Neg(1))
	fmt.Printf("% x\n", e.B)

	d := wire.Decoder{Name: "demo", MaxField: 8, B: e.B}
	n, i := d.Nat("n"), d.Int("i")
	fmt.Println(n.Big(), i.Big(), d.Finish())

	d = wire.Decoder{Name: "demo", MaxField: 8, B: []byte{0, 3, 0, 1, 2}}
	d.Nat("n")
	fmt.Println(d.Finish())
	// Output:
	// 00 02 01 02 01 00 01 05
	// 258 -5 <nil>
	// demo: encoding: n: leading zero byte: zk: malformed proof
}
