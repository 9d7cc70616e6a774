package curve

import (
	"crypto/elliptic"
	"crypto/rand"
	"math/big"
	"testing"

	"github.com/stretchr/testify/require"
)

// bigmodFields are the curves whose scalars are bigmodScalar, each with
// its field and its group order from an independent source: Go's
// crypto/elliptic for P-256, StarkWare's EC_ORDER (refStarkN) for Stark,
// and draft-irtf-cfrg-pairing-friendly-curves-11 section 4.2.1 for
// BLS12-381's r.
var bigmodFields = []struct {
	curve Curve
	field *scalarField
	order *big.Int
}{
	{P256(), p256ScalarField, elliptic.P256().Params().N},
	{Stark(), starkScalarField, refStarkN},
	{BLS12381G1(), bls12381ScalarField, starkBig("0x73eda753299d7d483339d80809a1d80553bda402fffe5bfeffffffff00000001")},
}

// TestScalarFieldConstants: each descriptor's derived constants are those
// math/big computes from the independently sourced order.
func TestScalarFieldConstants(t *testing.T) {
	for _, tc := range bigmodFields {
		t.Run(tc.curve.Name(), func(t *testing.T) {
			f := tc.field
			require.Equal(t, 0, new(big.Int).SetBytes(f.orderBytes).Cmp(tc.order))
			require.Equal(t, tc.order.Bytes(), tc.curve.Order().Bytes())
			nMinusTwo := new(big.Int).Sub(tc.order, big.NewInt(2))
			require.Equal(t, nMinusTwo.FillBytes(make([]byte, 32)), f.nMinusTwo)
			twoTo248 := new(big.Int).Lsh(big.NewInt(1), 248)
			require.Equal(t, twoTo248.FillBytes(make([]byte, 32)), f.twoTo248.Bytes(f.n))
			require.Equal(t, tc.curve.ID(), f.curve.ID())
			require.Equal(t, bigmodScalarSize, tc.curve.ScalarSize())
		})
	}
}

// TestScalarFieldWideReduction: wide is b mod n for every length the
// package uses (48 for HashToScalar, 64 for RandomScalar) and around the
// 31-byte chunk boundaries.
func TestScalarFieldWideReduction(t *testing.T) {
	for _, tc := range bigmodFields {
		for _, n := range []int{0, 1, 16, 30, 31, 32, 48, 62, 63, 64, 100} {
			b := make([]byte, n)
			_, err := rand.Read(b)
			require.NoError(t, err)
			if n > 0 {
				b[0] = 0xff
			}
			want := new(big.Int).SetBytes(b)
			want.Mod(want, tc.order)
			require.Equal(t, want.FillBytes(make([]byte, 32)), tc.field.wide(b).Bytes(), "%s len %d", tc.curve.Name(), n)
		}
	}
}

// TestScalarFieldRefusesOtherCurves: a bigmod-backed scalar is of one
// Go type for three curves, so every operation must check the scalar's
// field, not only its type: a scalar of any other curve panics with
// ErrWrongCurve and is never Equal.
func TestScalarFieldRefusesOtherCurves(t *testing.T) {
	for _, tc := range bigmodFields {
		c := tc.curve
		for _, other := range curves {
			if other.ID() == c.ID() {
				continue
			}
			t.Run(c.Name()+"/"+other.Name(), func(t *testing.T) {
				s := c.ScalarFromUint64(7)
				o := other.ScalarFromUint64(7)
				p := c.Generator()
				for name, op := range map[string]func(){
					"Add":                    func() { s.Add(o) },
					"Sub":                    func() { s.Sub(o) },
					"Mul":                    func() { s.Mul(o) },
					"ScalarBaseMult":         func() { c.ScalarBaseMult(o) },
					"ScalarMult":             func() { p.ScalarMult(o) },
					"VarTimeScalarMult":      func() { p.VarTimeScalarMult(o) },
					"VarTimeMultiScalarMult": func() { c.VarTimeMultiScalarMult([]Scalar{o}, []Point{p}) },
				} {
					require.PanicsWithValue(t, ErrWrongCurve, op, name)
				}
				require.False(t, s.Equal(o))
				require.False(t, o.Equal(s))
			})
		}
	}
}

// TestScalarFieldCondNegateKeepsCurve: CondNegate decodes its result in
// the scalar's own field, so each bigmod-backed curve gets its own scalar
// back.
func TestScalarFieldCondNegateKeepsCurve(t *testing.T) {
	for _, tc := range bigmodFields {
		s, err := tc.curve.RandomScalar(rand.Reader)
		require.NoError(t, err)
		for negate, want := range []Scalar{s, s.Negate()} {
			got := CondNegate(s, negate)
			require.Equal(t, tc.curve.ID(), got.Curve().ID())
			require.Same(t, tc.field, got.(*bigmodScalar).f)
			require.True(t, got.Equal(want))
		}
	}
}
