package console_test

import (
	"os"

	"github.com/mosaic-mpc/mosaic/examples/console"
)

// Progress of a search for four safe primes. Standard output is not a
// terminal when examples run as tests, so the progress is printed as plain
// lines, one per quarter; on a terminal it would be a bar redrawn in place.
func ExampleProgress() {
	p := console.NewProgress(os.Stdout, "safe primes")
	for found := 1; found <= 4; found++ {
		p.Update(found, 4)
	}
	p.End()
	// Output:
	//   safe primes 1/4
	//   safe primes 2/4
	//   safe primes 3/4
	//   safe primes 4/4
}
