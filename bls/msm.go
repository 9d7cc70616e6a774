package bls

import (
	circl "github.com/cloudflare/circl/ecc/bls12381"

	"github.com/mosaic-mpc/mosaic/curve"
)

// varTimeMultiScalarMultG2 returns Σ scalars[i]·points[i] in G2 by
// Straus's method with 4-bit windows, as curve's G1 version does.
// Variable time: public scalars and points only (Lagrange coefficients and
// partial signatures in Combine).
func varTimeMultiScalarMultG2(scalars []curve.Scalar, points []*circl.G2) *circl.G2 {
	tables := make([][16]circl.G2, len(points))
	digits := make([][]byte, len(points))
	for i := range points {
		t := &tables[i]
		t[0].SetIdentity()
		t[1] = *points[i]
		for d := 2; d < 16; d++ {
			t[d].Add(&t[d-1], &t[1])
		}
		digits[i] = scalars[i].Bytes()
	}
	acc := new(circl.G2)
	acc.SetIdentity()
	for w := 0; w < 64; w++ {
		if w > 0 {
			for k := 0; k < 4; k++ {
				acc.Double()
			}
		}
		for i := range tables {
			d := digits[i][w/2] >> (4 * (1 - w%2)) & 0x0f
			if d != 0 {
				acc.Add(acc, &tables[i][d])
			}
		}
	}
	return acc
}
