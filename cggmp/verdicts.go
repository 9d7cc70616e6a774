package cggmp

import (
	"crypto/sha256"
	"sync"

	"github.com/mosaic-mpc/mosaic/transport"
)

// proofVerdicts keeps, for one aux-info run, the outcome of each costly
// proof check (Πprm, Πmod: 128 exponentiations each) per sender. The same
// broadcast is checked when it arrives, again for every complaint about it
// (complaint.go re-runs the round's checks once per accuser) and when a
// duplicate modulus is looked at. A check reads only the run's context and
// the sender's recorded broadcasts, which are recorded once per round
// before any check of that round runs and never change afterwards, so its
// verdict is the same every time: it is computed once, by the first
// caller, and concurrent callers wait for it. Only CPU time changes;
// every verdict is what the check itself returns.
//
// The verdict also remembers a hash of the bytes it was computed on. Were a
// later caller ever to pass other bytes for the same sender (which the
// recording rule above excludes), the check runs afresh on them instead of
// reusing a verdict about something else.
type proofVerdicts struct {
	mu sync.Mutex
	m  map[verdictKey]*verdict
}

type verdictKey struct {
	proof  string
	sender transport.PartyID
}

type verdict struct {
	once  sync.Once
	err   error
	input [sha256.Size]byte // guarded by proofVerdicts.mu
	bound bool              // input is set; guarded by proofVerdicts.mu
}

// check returns the verdict of f, the check of sender's proof in input (the
// recorded bytes f reads), running f at most once per (proof, sender) for
// the same input.
func (v *proofVerdicts) check(proof string, sender transport.PartyID, input []byte, f func() error) error {
	digest := sha256.Sum256(input)
	key := verdictKey{proof: proof, sender: sender}
	v.mu.Lock()
	if v.m == nil {
		v.m = map[verdictKey]*verdict{}
	}
	e := v.m[key]
	if e == nil {
		e = &verdict{}
		v.m[key] = e
	}
	switch {
	case !e.bound:
		e.input, e.bound = digest, true
	case e.input != digest:
		v.mu.Unlock()
		return f()
	}
	v.mu.Unlock()
	e.once.Do(func() { e.err = f() })
	return e.err
}
