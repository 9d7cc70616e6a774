package par

import (
	"errors"
	"fmt"
	"runtime"
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
		{1, []int{0}, 0},
		{128, nil, -1},
		{128, []int{0}, 0},
		{128, []int{127}, 127},
		{128, []int{90, 5, 60}, 5},
	} {
		for range 20 { // scheduling varies between runs; the answer must not
			var calls atomic.Int64
			got := FirstFailure(tc.n, func(i int) bool {
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

func TestForVisitsEveryIndexOnce(t *testing.T) {
	for _, procs := range []int{1, 2, 8} {
		old := runtime.GOMAXPROCS(procs)
		seen := make([]atomic.Int32, 1000)
		For(len(seen), func(i int) { seen[i].Add(1) })
		runtime.GOMAXPROCS(old)
		for i := range seen {
			require.Equal(t, int32(1), seen[i].Load(), "GOMAXPROCS %d, index %d", procs, i)
		}
	}
}

func TestErrorsInOrder(t *testing.T) {
	errs := Errors(50, func(i int) error {
		if i%7 == 3 {
			return fmt.Errorf("item %d", i)
		}
		return nil
	})
	require.Len(t, errs, 50)
	for i, err := range errs {
		if i%7 == 3 {
			require.EqualError(t, err, fmt.Sprintf("item %d", i))
		} else {
			require.NoError(t, err)
		}
	}
	require.Empty(t, Errors(0, func(int) error { return errors.New("never called") }))
}

func TestDoRunsAll(t *testing.T) {
	var sum atomic.Int64
	Do(func() { sum.Add(1) }, func() { sum.Add(10) }, func() { sum.Add(100) })
	require.Equal(t, int64(111), sum.Load(), "Do must return after every function")
	Do()
}
