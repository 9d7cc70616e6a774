package transport

// Step is what a round's Finalize decides, built by one of Next, Finish
// and Abort: go on to the next round with this party's messages for it,
// end the run with its result, or abort it. The zero Step is invalid; the
// machine treats it as a local failure.
type Step[Out any] struct {
	out     []*Message
	next    Round[Out]
	result  Out
	done    bool
	err     error
	confirm []byte // FinishConfirmed: the public part of result
}

// Next goes on to round next, sending out (To and Payload only; the
// machine fills in the rest) as this party's messages of that round. The
// machine numbers the round: one more than the round that returns it.
func Next[Out any](out []*Message, next Round[Out]) Step[Out] {
	return Step[Out]{out: out, next: next}
}

// Finish ends the run with result. If the finishing round had broadcasts
// the machine first runs one echo-only round, so that they are
// echo-checked too (unless Expect.SkipFinalEcho says they need not be).
// In a run with identities it is FinishConfirmed with an empty public
// part: the run ends with every party's signed confirmation that it
// finished, so that no honest party returns a result while another
// aborts.
func Finish[Out any](result Out) Step[Out] {
	return Step[Out]{result: result, done: true}
}

// Abort ends the run with err: an *AbortError (from Blame, or
// NewAbortError) names the culprits, and the machine fills in the protocol
// and round if they are left empty; any other error is a local failure
// that blames nobody.
func Abort[Out any](err error) Step[Out] {
	return Step[Out]{err: err}
}

// Messages returns the messages a Next step sends in the next round, and
// nil for Finish and Abort. With Round it lets one round wrap another: a
// decorator, or a test that plays a malicious party by changing what an
// honest round would send, builds its own Next from the inner round's.
func (s Step[Out]) Messages() []*Message { return s.out }

// Round returns the round a Next step goes on to, and nil for Finish and
// Abort.
func (s Step[Out]) Round() Round[Out] { return s.next }

// FinishConfirmed ends the run with result once every party has confirmed
// public, the public part of the result that every party must hold the
// same of (a group key and verification shares, aux-info public keys). In
// a run with identities the machine stages result, runs one more round in
// which every party signs a confirmation of public (that round also
// carries the echo of the last broadcasts), and commits only with every
// party's confirmation; it then sends the others a certificate of them all,
// so that a party whose copy of a confirmation was withheld commits too.
// A key-changing protocol finishes this way, so that no party deletes an
// old share while another keeps it (docs/agreement.md). Without
// identities it is Finish.
func FinishConfirmed[Out any](result Out, public []byte) Step[Out] {
	return Step[Out]{result: result, done: true, confirm: append([]byte{}, public...)}
}
