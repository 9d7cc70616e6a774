package memnet

import (
	"slices"
	"time"

	"github.com/mosaic-mpc/mosaic/transport"
)

// Faults describes how the network mistreats the messages of one link.
// Probabilities are in [0, 1]; each message draws from the link's own
// seeded generator, so a given seed makes the same choices for the same
// sequence of messages on that link.
type Faults struct {
	// Drop is the probability that a message is lost.
	Drop float64
	// Duplicate is the probability that a message is delivered twice (an
	// exact copy).
	Duplicate float64
	// Corrupt is the probability that one bit of one payload byte is
	// flipped (the echo is flipped instead when the payload is empty).
	Corrupt float64
	// Reorder is the probability that a message is held back and delivered
	// after the next message on the same link (or after a short while if no
	// next message comes).
	Reorder float64
	// MaxDelay delays each message by a random duration in [0, MaxDelay].
	MaxDelay time.Duration
	// Rounds limits the faults to messages of these rounds; empty means
	// every round.
	Rounds []int
}

func (f *Faults) applies(m *transport.Message) bool {
	return len(f.Rounds) == 0 || slices.Contains(f.Rounds, m.Round)
}

// link is a directed pair of parties; 0 in either place is a wildcard in
// fault rules.
type link struct {
	from, to transport.PartyID
}

// Stats counts what the network did; tests use it to check that a fault
// really happened.
type Stats struct {
	// Sent counts messages accepted from Send, once per recipient (after the
	// interceptor).
	Sent int
	// Delivered counts messages put into a mailbox, duplicates and injected
	// messages included.
	Delivered int
	// Dropped, Duplicated, Corrupted, Reordered and Delayed count messages
	// hit by each fault.
	Dropped, Duplicated, Corrupted, Reordered, Delayed int
	// Intercepted counts (message, recipient) pairs passed to an interceptor.
	Intercepted int
	// Injected counts messages put in a mailbox by Inject.
	Injected int
}
