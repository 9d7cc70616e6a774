//go:build race

package cggmp

// raceEnabled reports a -race build: the race detector slows Paillier
// arithmetic about tenfold, so the end-to-end adversarial suite (which
// exercises no concurrency beyond the plain presign tests) runs only in the
// normal test pass.
const raceEnabled = true
