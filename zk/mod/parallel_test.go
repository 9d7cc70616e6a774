package mod

import (
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestFirstFailure(t *testing.T) {
	for _, tc := range []struct {
		n    int
		bad  []int
		want int
	}{
		{0, nil, -1},
		{1, nil, -1},
		{128, nil, -1},
		{128, []int{0}, 0},
		{128, []int{127}, 127},
		{128, []int{90, 5, 60}, 5},
	} {
		for range 20 { // scheduling varies between runs; the answer must not
			var calls atomic.Int64
			got := firstFailure(tc.n, func(i int) bool {
				calls.Add(1)
				for _, b := range tc.bad {
					if i == b {
						return false
					}
				}
				return true
			})
			require.Equal(t, tc.want, got)
			if tc.want < 0 {
				require.Equal(t, int64(tc.n), calls.Load())
			}
		}
	}
}

func TestParallelForVisitsEveryIndexOnce(t *testing.T) {
	seen := make([]atomic.Int32, 1000)
	parallelFor(len(seen), func(i int) { seen[i].Add(1) })
	for i := range seen {
		require.Equal(t, int32(1), seen[i].Load(), "index %d", i)
	}
}
