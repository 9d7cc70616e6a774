package console

import (
	"fmt"
	"io"
	"time"
)

// Step prints one step's explanation to w as a bullet line and returns a
// function that prints how long the step took when called. The examples
// call it before each protocol run, so that their output reads as the
// steps a deployment takes.
func Step(w io.Writer, format string, args ...any) func() {
	start := time.Now()
	fmt.Fprintf(w, "• "+format+"\n", args...)
	return func() { fmt.Fprintf(w, "  (%v)\n", time.Since(start).Round(time.Millisecond)) }
}
