package dudect

import (
	"bytes"
	"math"
	"math/big"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestWelch(t *testing.T) {
	for _, tc := range []struct {
		name string
		a, b []float64
		want float64
	}{
		{"same samples", []float64{1, 2, 3, 4}, []float64{1, 2, 3, 4}, 0},
		// Means 2.5 and 6.5, both variances 5/3: t = -4/sqrt(5/6).
		{"shifted by 4", []float64{1, 2, 3, 4}, []float64{5, 6, 7, 8}, -4 / math.Sqrt(5.0/6)},
		{"reversed", []float64{5, 6, 7, 8}, []float64{1, 2, 3, 4}, 4 / math.Sqrt(5.0/6)},
		// Unequal sizes and variances: means 2 and 10, variances 1 and 4.
		{"unequal", []float64{1, 2, 3}, []float64{8, 12, 8, 12, 10}, -8 / math.Sqrt(1.0/3+4.0/5)},
		{"too few", []float64{1}, []float64{5, 6}, 0},
		{"no variance", []float64{3, 3}, []float64{3, 3, 3}, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			require.InDelta(t, tc.want, welch(tc.a, tc.b), 1e-9)
		})
	}
}

func TestPercentileAndCrop(t *testing.T) {
	x := []float64{5, 1, 4, 2, 3, 10, 9, 8, 7, 6}
	require.Equal(t, 5.0, percentile(x, 0.5))
	require.Equal(t, 9.0, percentile(x, 0.9))
	require.Equal(t, 1.0, percentile(x, 0))
	require.Equal(t, []float64{5, 1, 4, 2, 3}, below(x, 5))
	require.Equal(t, []float64{5, 1, 4, 2, 3, 10, 9, 8, 7, 6}, x, "percentile must not reorder its input")
}

func TestAnalyseCropsTheTail(t *testing.T) {
	// The same values in both classes but for one huge outlier in class 1
	// (an interrupt): not a leak.
	var m [2][]float64
	for i := range 200 {
		m[0] = append(m[0], float64(100+i%7))
		m[1] = append(m[1], float64(100+(i+3)%7))
	}
	m[1][17] = 1e9
	r := analyse(m)
	require.False(t, r.Leaks(), r.String())
	require.Equal(t, [2]int{200, 200}, r.N)

	// A shift of the bulk by 5 with the same noise is found.
	for i := range m[1] {
		m[1][i] = float64(105 + (i+3)%7)
	}
	r = analyse(m)
	require.True(t, r.Leaks(), r.String())
	require.Negative(t, r.T, "class 1 is the slower one")
}

// A variable-time operation is found: math/big's Exp costs about one
// multiplication per exponent bit, so a 1-bit and a 2048-bit exponent are
// far apart. This shows the harness can fail.
func TestMeasureFindsVariableTime(t *testing.T) {
	m := new(big.Int).Lsh(big.NewInt(1), 2048)
	m.Sub(m, big.NewInt(159)) // odd modulus
	base := big.NewInt(3)
	short := big.NewInt(1)
	long := new(big.Int).Sub(m, big.NewInt(2))
	r, err := Measure(200, nil, func(class int) func() {
		e := short
		if class == 1 {
			e = long
		}
		return func() { new(big.Int).Exp(base, e, m) }
	})
	require.NoError(t, err)
	require.True(t, r.Leaks(), r.String())
	require.Negative(t, r.T)
	require.Equal(t, 200, r.N[0]+r.N[1])
}

// One operation for both classes is not flagged.
func TestMeasureSameOperation(t *testing.T) {
	buf := make([]byte, 1<<16)
	r, err := Measure(2000, nil, func(int) func() {
		return func() { _ = bytes.Count(buf, []byte{1}) }
	})
	require.NoError(t, err)
	require.False(t, r.Leaks(), r.String())
}

func TestMeasureArguments(t *testing.T) {
	_, err := Measure(3, nil, func(int) func() { return func() {} })
	require.ErrorIs(t, err, ErrSamples)
	_, err = Measure(10, bytes.NewReader(nil), func(int) func() { return func() {} })
	require.Error(t, err, "an empty random source must be an error")
	// The class order comes from the reader: all bytes even after the
	// fixed first four runs gives two runs of class 1.
	r, err := Measure(10, bytes.NewReader(make([]byte, 10)), func(int) func() { return func() {} })
	require.NoError(t, err)
	require.Equal(t, [2]int{8, 2}, r.N)
}
