package curve

import (
	"testing"

	"github.com/decred/dcrd/dcrec/secp256k1/v4"
	"github.com/stretchr/testify/require"
)

// FuzzSecp256k1Arithmetic cross-checks the fast secp256k1 paths against
// decred's reference on fuzzer-chosen scalars: the GLV split, constant-time
// variable-base and base multiplication, the one- and two-term
// variable-time multiplications (with P = j·G) and inversion. Inputs are
// reduced mod n, so every input is a valid case.
func FuzzSecp256k1Arithmetic(f *testing.F) {
	for _, k := range edgeScalars(f) {
		b := k.Bytes()
		f.Add(b[:], []byte{1})
	}
	f.Add([]byte{}, []byte{})
	f.Add(bytesOf(0xff, 32), bytesOf(0xff, 32))
	f.Fuzz(func(t *testing.T, kb, jb []byte) {
		if len(kb) > 32 || len(jb) > 32 {
			return
		}
		var k, j secp256k1.ModNScalar
		k.SetByteSlice(kb)
		j.SetByteSlice(jb)
		checkSplit(t, &k)

		p := refBaseMult(&j)
		requireSamePoint(t, refMult(&k, p), secpScalarMult(&k, p))
		requireSamePoint(t, refBaseMult(&k), secpBaseMult(&k))
		ks, js := &secpScalar{s: k}, &secpScalar{s: j}
		requireSamePoint(t, refMult(&k, p), p.VarTimeScalarMult(ks))
		g := Secp256k1().Generator()
		scalars, points := []Scalar{ks, js}, []Point{p, g}
		requireSamePoint(t, naiveMSM(scalars, points), Secp256k1().VarTimeMultiScalarMult(scalars, points))

		inv := secpScalarInvert(&k)
		var want secp256k1.ModNScalar
		want.InverseValNonConst(&k)
		require.True(t, want.Equals(&inv))
	})
}
