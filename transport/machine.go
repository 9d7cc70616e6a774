package transport

// Machine is one party's side of an interactive protocol, as a sans-I/O state
// machine (docs/architecture.md, "The protocol contract"). It performs no
// I/O, starts no goroutine that outlives a call and reads no clock; Run or
// the application moves messages between machines.
//
// Errors follow one rule: a *MessageError means a message was refused and
// nothing changed; an *AbortError means the run is over, and every later
// call returns that same error. Start and Deliver may return messages
// together with an *AbortError: the messages of rounds this party completed
// before the one that failed. Send them all the same; the other parties
// need them to reach the same verdict instead of timing out on this party.
type Machine[Out any] interface {
	// Start returns this party's first-round messages. It is called once.
	Start() ([]*Message, error)
	// Deliver validates and stores one incoming message. When a round
	// completes it returns the next round's outgoing messages.
	Deliver(*Message) ([]*Message, error)
	// Done reports whether the machine has stopped, successfully or not;
	// Result is then final.
	Done() bool
	// Result returns the output once Done, the *AbortError if the run
	// failed, or ErrNotDone.
	Result() (Out, error)
}

// Waiter is implemented by machines that can tell which parties they are
// waiting for in the current round. Run uses it to blame the silent parties
// when a round times out.
type Waiter interface {
	// Waiting returns, in increasing order, the parties from which an
	// expected message of the current round has not arrived.
	Waiting() []PartyID
}

// Progress describes how far a machine has come.
type Progress struct {
	// Protocol is Config.Protocol.
	Protocol string
	// Round is the current round (0 before Start). Once Done, Round is the
	// last round.
	Round int
	// Done is true once the machine has stopped.
	Done bool
	// Conclusion is the round of the conclusion after an abort (1 to
	// MaxFaulty+1) in a run with identities, and 0 before it.
	Conclusion int
}

// ProgressReporter is implemented by machines that report their Progress.
type ProgressReporter interface {
	// Progress returns where the machine is now; it is cheap and has no
	// side effects.
	Progress() Progress
}

// Expect says which messages a round carries. By default every party sends
// in every round and waits for the messages of all the others; From and To
// narrow a round down for protocols whose parties play different roles (in
// resharing, the old committee deals and the new one receives). Every party
// must return the same Expect for a round, since the lists also fix the
// round's echo slots.
type Expect struct {
	// Broadcast: one broadcast message (To == 0) from each sender.
	Broadcast bool
	// Direct: one direct message from each sender to each recipient other
	// than itself.
	Direct bool
	// From lists the parties that send in this round; nil means every
	// party. A party not in From sends nothing in the round, and no party
	// waits for it. If set, From must be a non-empty set of the run's
	// parties.
	From []PartyID
	// To lists the recipients of the round's direct messages; nil means
	// every party. A party not in To receives no direct message in the
	// round (it still receives every broadcast). To may only be set when
	// Direct is, and must then be a non-empty set of the run's parties.
	To []PartyID
	// SkipFinalEcho says that if this round ends the run, its broadcasts
	// need no echo check, so the machine adds no echo-only round after it.
	// A protocol sets it for a last round whose broadcasts are each checked
	// against values that are already echo-checked (a partial signature, an
	// empty confirmation): a sender that sends different ones to different
	// parties can at most make some of them abort, naming it, while the
	// others finish. If the round does not end the run, the next round
	// carries its echo as usual.
	SkipFinalEcho bool
}

// Round is one round of one party's protocol: what messages it carries,
// and what this party makes of them. Protocol packages implement a Round
// per round of the paper; NewMachine numbers them (the first is round 1,
// each Next is one more) and runs them.
type Round[Out any] interface {
	// Expects tells which messages this round carries. The party waits for
	// the messages the other senders address to it, and its own outgoing
	// messages for this round must match: nothing if it is not in From;
	// otherwise one broadcast if Broadcast and one direct message to every
	// recipient (To, or every party) other than itself if Direct.
	Expects() Expect
	// Finalize is called once, when every expected message of this round
	// has arrived and the echo check of the previous round has passed. A
	// party that waits for nothing in a round (it is the only sender, the
	// round's only messages are direct ones to other parties, or it runs
	// alone) finalizes it at once.
	//
	// It validates the inbox and returns one Step: Next with the next
	// round and this party's messages for it, Finish with the result, or
	// Abort. On failed checks the abort names every culprit the round
	// finds, not just the first (Blame collects them), so that honest
	// parties agree; an error that is not an *AbortError is a local
	// failure.
	Finalize(in *Inbox) Step[Out]
}

// FirstRound is the first round of a protocol; it also produces the
// party's first messages.
type FirstRound[Out any] interface {
	Round[Out]
	// Start returns this party's messages for round 1 (To and Payload only).
	Start() ([]*Message, error)
}

// Config describes one run for NewMachine.
type Config struct {
	// Protocol names the protocol and its version, "<family>/v<N>", for
	// example "mosaic/dkg/v2" (ParseProtocol).
	Protocol string
	// SessionID identifies the run; every party must use the same value and
	// it must be fresh for every run (callers derive it from a random nonce
	// agreed beforehand together with the party list).
	SessionID []byte
	// Self is this party.
	Self PartyID
	// Parties lists every party of the run, including Self. Its order is the
	// order of the echo vector slots, so all parties must use the same order;
	// NewMachine sorts a copy so that callers need not agree on an order.
	Parties []PartyID
	// Context is a digest of the public inputs the run depends on besides
	// the session: the key's public data and the party set. Every message
	// carries it (and, with an Identity, signs it); a message with another
	// Context is refused with a *ContextError, and Run ends the run on it
	// naming nobody (ErrContextMismatch). At most MaxContext bytes; empty
	// binds nothing.
	Context []byte
	// Identity, if set, signs every message of this party and makes the
	// run agree: see Identity and docs/agreement.md. Without it the run
	// keeps the older contract (broadcast with abort).
	Identity *Identity
}
