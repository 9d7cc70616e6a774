package curve

import (
	"fmt"
	"math/big"
	"testing"

	"github.com/decred/dcrd/dcrec/secp256k1/v4"
	"github.com/stretchr/testify/require"
)

// naiveMSM is Σ k_i·P_i with decred's single multiplications: the
// reference for every multi-scalar algorithm.
func naiveMSM(scalars []Scalar, points []Point) Point {
	var acc secp256k1.JacobianPoint
	for i := range scalars {
		var p, r secp256k1.JacobianPoint
		toSecpPoint(points[i]).toJacobian(&p)
		secp256k1.ScalarMultNonConst(&toSecpScalar(scalars[i]).s, &p, &r)
		secp256k1.AddNonConst(&acc, &r, &acc)
	}
	return fromJacobian(&acc)
}

// msmInputs builds n terms mixing random values with the edge cases: zero,
// one and n-1 scalars, identity points, repeated points and P next to -P
// (so buckets and the accumulator meet doubling and cancellation).
func msmInputs(t testing.TB, n int) ([]Scalar, []Point) {
	t.Helper()
	c := Secp256k1()
	edges := edgeScalars(t)
	scalars := make([]Scalar, n)
	points := make([]Point, n)
	for i := 0; i < n; i++ {
		switch i % 6 {
		case 0:
			scalars[i] = c.NewScalar()
		case 1:
			scalars[i] = c.ScalarFromUint64(1)
		case 2:
			scalars[i] = c.ScalarFromUint64(1).Negate()
		case 3:
			scalars[i] = &secpScalar{s: edges[(i/6)%len(edges)]}
		default:
			k := randomModN(t)
			scalars[i] = &secpScalar{s: k}
		}
		switch {
		case i%7 == 3:
			points[i] = c.Identity()
		case i%5 == 2 && i > 0:
			points[i] = points[i-1]
		case i%9 == 4 && i > 0:
			points[i] = points[i-1].Negate()
		case i%8 == 1:
			points[i] = c.Generator()
		case i%8 == 5: // G with Z != 1: still recognised as the base point
			g := c.Generator()
			points[i] = g.Add(g).Sub(g)
		default:
			k := randomModN(t)
			p := secpBaseMult(&k) // projective Z != 1
			if i%2 == 0 {
				d, err := c.DecodePoint(p.Bytes(), false) // Z = 1
				require.NoError(t, err)
				points[i] = d
			} else {
				points[i] = p
			}
		}
	}
	return scalars, points
}

func TestVarTimeMultiScalarMult(t *testing.T) {
	c := Secp256k1()
	sizes := []int{0, 1, 2, 3, 7, 31, 32, 33, 100, pippengerMinTerms - 1, pippengerMinTerms, pippengerMinTerms + 1}
	for _, n := range sizes {
		t.Run(fmt.Sprintf("n=%d", n), func(t *testing.T) {
			scalars, points := msmInputs(t, n)
			want := naiveMSM(scalars, points)
			requireSamePoint(t, want, c.VarTimeMultiScalarMult(scalars, points), "dispatch")

			var acc secp256k1.JacobianPoint
			if terms := msmTerms(scalars, points); len(terms) > 0 {
				straus(terms, &acc)
				requireSamePoint(t, want, fromJacobian(&acc), "straus")
				pippenger(msmTerms(scalars, points), &acc)
				requireSamePoint(t, want, fromJacobian(&acc), "pippenger")
			}
		})
	}
}

// TestVarTimeMultiScalarMultCancels covers sums that are exactly the
// identity or a doubling, on both algorithms.
func TestVarTimeMultiScalarMultCancels(t *testing.T) {
	c := Secp256k1()
	k := randomModN(t)
	p := secpBaseMult(&k)
	s := &secpScalar{s: randomModN(t)}
	cases := []struct {
		name    string
		scalars []Scalar
		points  []Point
	}{
		{"k·P + k·(-P)", []Scalar{s, s}, []Point{p, p.Negate()}},
		{"k·P + (n-k)·P", []Scalar{s, s.Negate()}, []Point{p, p}},
		{"k·P + k·P", []Scalar{s, s}, []Point{p, p}},
		{"only zeros", []Scalar{c.NewScalar(), c.NewScalar()}, []Point{p, c.Generator()}},
		{"only identities", []Scalar{s, s}, []Point{c.Identity(), c.Identity()}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			want := naiveMSM(tc.scalars, tc.points)
			requireSamePoint(t, want, c.VarTimeMultiScalarMult(tc.scalars, tc.points))
			var acc secp256k1.JacobianPoint
			if terms := msmTerms(tc.scalars, tc.points); len(terms) > 0 {
				straus(terms, &acc)
				requireSamePoint(t, want, fromJacobian(&acc), "straus")
				pippenger(msmTerms(tc.scalars, tc.points), &acc)
				requireSamePoint(t, want, fromJacobian(&acc), "pippenger")
			}
		})
	}
	// Many copies of one term: every bucket of a window is hit repeatedly.
	n := 2 * pippengerMinTerms
	scalars := make([]Scalar, n)
	points := make([]Point, n)
	for i := range scalars {
		scalars[i], points[i] = s, p
	}
	requireSamePoint(t, p.ScalarMult(s.Mul(c.ScalarFromUint64(uint64(n)))), c.VarTimeMultiScalarMult(scalars, points))
}

// TestVarTimeScalarMult compares the single variable-time multiplication
// (one-term MSM) with decred's on the shared edge and random inputs.
func TestVarTimeScalarMult(t *testing.T) {
	scalars := edgeScalars(t)
	for i := 0; i < 8; i++ {
		scalars = append(scalars, randomModN(t))
	}
	g := Secp256k1().Generator()
	pts := append(testPoints(t), toSecpPoint(g.Add(g).Sub(g)))
	for pi, p := range pts {
		for si := range scalars {
			k := &scalars[si]
			requireSamePoint(t, refMult(k, p), p.VarTimeScalarMult(&secpScalar{s: *k}), "point %d scalar %d", pi, si)
		}
	}
	require.True(t, toSecpPoint(g.Add(g).Sub(g)).isGenerator())
	require.False(t, toSecpPoint(g.Negate()).isGenerator())
	require.False(t, secpIdentity().isGenerator())
}

func TestVarTimeMultiScalarMultPanics(t *testing.T) {
	c := Secp256k1()
	require.Panics(t, func() { c.VarTimeMultiScalarMult([]Scalar{c.NewScalar()}, nil) })
	require.Panics(t, func() {
		c.VarTimeMultiScalarMult([]Scalar{Edwards25519().NewScalar()}, []Point{c.Generator()})
	})
}

func TestWNAF(t *testing.T) {
	ks := []u256{{}, {1}, {15}, {16}, {0xffff}, {^uint64(0), ^uint64(0)}, {0, 0, 1}}
	for i := 0; i < 200; i++ {
		s := randomModN(t)
		a, b, _, _ := glvSplit(&s)
		ks = append(ks, a, b)
	}
	for _, k := range ks {
		var out [nafMaxDigits]int8
		n := wnaf(k, strausWidth, &out)
		sum := new(big.Int)
		last := -strausWidth
		for i := n - 1; i >= 0; i-- {
			d := out[i]
			if d != 0 {
				require.Equal(t, int8(1), d&1, "odd digits")
				require.Less(t, int(d), 1<<(strausWidth-1))
				require.Greater(t, int(d), -(1 << (strausWidth - 1)))
			}
			sum.Lsh(sum, 1).Add(sum, big.NewInt(int64(d)))
		}
		for i := 0; i < n; i++ {
			if out[i] != 0 {
				require.GreaterOrEqual(t, i-last, strausWidth, "non-adjacent")
				last = i
			}
		}
		require.Zero(t, sum.Cmp(bigFromU256(&k)))
	}
}

func TestSignedWindows(t *testing.T) {
	for c := 2; c <= 16; c++ {
		windows := (129 + c - 1) / c
		for _, k := range []u256{{}, {1}, {^uint64(0), ^uint64(0)}, {0x123456789abcdef, 0xfedcba9876543210}} {
			out := make([]int32, windows)
			signedWindows(&k, c, out)
			sum := new(big.Int)
			for i := windows - 1; i >= 0; i-- {
				require.LessOrEqual(t, out[i], int32(1)<<(c-1))
				require.Greater(t, out[i], -(int32(1) << (c - 1)))
				sum.Lsh(sum, uint(c)).Add(sum, big.NewInt(int64(out[i])))
			}
			require.Zero(t, sum.Cmp(bigFromU256(&k)), "c=%d", c)
		}
	}
}

func TestBatchInvert(t *testing.T) {
	zs := make([]secp256k1.FieldVal, 6)
	for i := range zs {
		if i%3 != 1 {
			zs[i].SetInt(uint16(i*1000 + 7))
		}
	}
	orig := append([]secp256k1.FieldVal(nil), zs...)
	batchInvert(zs)
	for i := range zs {
		if orig[i].IsZero() {
			require.True(t, zs[i].IsZero())
			continue
		}
		var one secp256k1.FieldVal
		one.Mul2(&zs[i], &orig[i]).Normalize()
		require.True(t, one.IsOne())
	}
}

// BenchmarkMSMCrossover runs both algorithms on the same inputs around the
// size where the dispatch in msmVarTime switches (pippengerMinTerms).
func BenchmarkMSMCrossover(b *testing.B) {
	c := Secp256k1()
	for _, n := range []int{16, 32, 48, 64, 80, 96, 128, 192, 256} {
		scalars := make([]Scalar, n)
		points := make([]Point, n)
		for i := range scalars {
			scalars[i] = benchScalar(b, c)
			points[i] = c.ScalarBaseMult(benchScalar(b, c))
		}
		for _, alg := range []struct {
			name string
			f    func([]msmTerm, *secp256k1.JacobianPoint)
		}{{"straus", straus}, {"pippenger", pippenger}} {
			b.Run(fmt.Sprintf("%s/n=%d", alg.name, n), func(b *testing.B) {
				var acc secp256k1.JacobianPoint
				cpuLoop(b, func() {
					alg.f(msmTerms(scalars, points), &acc)
				})
			})
		}
	}
}
