package dudect_test

import (
	"fmt"

	"github.com/mosaic-mpc/mosaic/internal/dudect"
)

// Class 1 does a hundred times the work of class 0: the test sees it.
func ExampleMeasure() {
	sum := 0
	work := func(n int) {
		for i := range n {
			sum += i * i
		}
	}
	r, err := dudect.Measure(400, nil, func(class int) func() {
		n := 1000
		if class == 1 {
			n = 100000
		}
		return func() { work(n) }
	})
	if err != nil {
		panic(err)
	}
	fmt.Println("leaks:", r.Leaks(), "class 1 slower:", r.T < 0)
	// Output: leaks: true class 1 slower: true
}
