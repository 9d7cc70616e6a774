// Package console prints the narration of mosaic's example programs on
// stderr: a line per step with the time it took ([Step]), and the progress
// of a long search such as the safe primes of CGGMP21 aux-info
// ([Progress]).
//
// A progress line is redrawn in place with a carriage return only when
// its writer is a terminal ([IsTerminal]); into a file, a pipe or a CI log
// it prints a plain line at each quarter of the way instead, so that logs
// stay readable. The signatures themselves go to stdout through package
// [github.com/mosaic-mpc/mosaic/examples/jsonl], never through this
// package.
//
// It is public so that a program copied from examples/ keeps working in
// another module; it has no cryptography in it.
package console
