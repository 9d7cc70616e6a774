package vss

import (
	"testing"

	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/stretchr/testify/require"
)

var curves = []curve.Curve{curve.Secp256k1(), curve.Edwards25519()}

// ids returns the scalars of party ids 1..n.
func ids(t testing.TB, c curve.Curve, n int) []curve.Scalar {
	t.Helper()
	raw := make([]uint32, n)
	for i := range raw {
		raw[i] = uint32(i + 1)
	}
	out, err := IDScalars(c, raw)
	require.NoError(t, err)
	return out
}

// subsets calls fn with every k-subset of {0..n-1} (as index lists).
func subsets(n, k int, fn func([]int)) {
	idx := make([]int, k)
	var rec func(start, depth int)
	rec = func(start, depth int) {
		if depth == k {
			fn(append([]int(nil), idx...))
			return
		}
		for i := start; i <= n-(k-depth); i++ {
			idx[depth] = i
			rec(i+1, depth+1)
		}
	}
	rec(0, 0)
}

// sampledSubsets is subsets, except that under -short it visits at most
// limit of them, spread evenly over the whole list, to keep -race -short
// runs fast.
func sampledSubsets(n, k, limit int, fn func([]int)) {
	if !testing.Short() {
		subsets(n, k, fn)
		return
	}
	var all [][]int
	subsets(n, k, func(idx []int) { all = append(all, idx) })
	step := max(1, len(all)/limit)
	for i := 0; i < len(all); i += step {
		fn(all[i])
	}
}

func pick(shares []Share, idx []int) []Share {
	out := make([]Share, len(idx))
	for k, i := range idx {
		out[k] = shares[i]
	}
	return out
}
