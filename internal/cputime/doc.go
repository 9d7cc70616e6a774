// Package cputime reads the CPU time that benchmarks report per operation
// beside the wall time: on a shared, oversubscribed machine the wall clock
// mostly measures the wait for a core, and the CPU time the work itself.
// Process reads the whole process's clock (user plus system time of every
// thread), Thread the calling thread's, and Report adds a reading to a
// benchmark's results. Where the platform has no such clock the readings
// are zero and Report adds nothing.
//
// Only tests and benchmarks import it.
package cputime
