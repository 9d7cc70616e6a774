package cputime_test

import (
	"fmt"

	"github.com/mosaic-mpc/mosaic/internal/cputime"
)

// A benchmark reads the process CPU clock before and after its loop, and
// passes the difference to Report (cputime.Report(b, used, time.Millisecond)
// adds the metric cpu-ms/op).
func Example() {
	start := cputime.Process()
	x := 1
	for i := range 100000 {
		x = x*31 + i
	}
	used := cputime.Process() - start
	fmt.Println("used CPU time is never negative:", used >= 0, x != 0)
	// Output: used CPU time is never negative: true true
}
