package par_test

import (
	"fmt"

	"github.com/mosaic-mpc/mosaic/internal/par"
)

// The first index whose check fails, whatever the scheduling.
func ExampleFirstFailure() {
	squares := make([]int, 10)
	par.For(len(squares), func(i int) { squares[i] = i * i })
	fmt.Println(par.FirstFailure(len(squares), func(i int) bool { return squares[i] < 30 }))
	// Output: 6
}
