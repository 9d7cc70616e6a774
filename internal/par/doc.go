// Package par runs independent pieces of one computation on all cores and
// returns only when every goroutine it started has returned, so that the
// packages using it keep the state-machine contract (docs/architecture.md:
// protocol code starts no goroutine that outlives the call). It serves the
// proofs' independent exponentiations and repetitions (zk/...) and the
// checks of a round's messages from several peers (cggmp).
package par
