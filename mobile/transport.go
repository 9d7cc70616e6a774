package mobile

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/mosaic-mpc/mosaic/transport"
)

// Transport is the app's message channel, implemented in Kotlin, Java or
// Swift. Messages are opaque bytes (transport.Message's wire encoding).
type Transport interface {
	// Send delivers message to party to, or to every other party when to
	// is 0.
	Send(to int, message []byte) error
	// Receive returns the next message for this party, waiting at most
	// timeoutMillis; an empty result means none came in time. The app
	// must deliver only messages whose sender it has authenticated or
	// that carry their sender's signature (every run of this package is
	// signed).
	Receive(timeoutMillis int) ([]byte, error)
}

// Progress receives the steps of a run: step is "dkg secp256k1",
// "frost ed25519" and so on; round the round now running; done is true
// once the step is over.
type Progress interface {
	OnProgress(step string, round int, done bool)
}

// pollMillis is how long one Receive call waits before the run checks its
// deadline again.
const pollMillis = 200

// MaxPending is how many messages of later runs a Node keeps; more are
// dropped (the run's timeout then asks for them again).
const MaxPending = 1024

// conn adapts the app's Transport to transport.Conn for one session, and
// keeps messages of other sessions for the node's later runs.
type conn struct {
	node *Node
	sid  string
}

func (c *conn) Send(_ context.Context, m *transport.Message) error {
	enc, err := m.MarshalBinary()
	if err != nil {
		return err
	}
	if err := c.node.t.Send(int(m.To), enc); err != nil {
		return fmt.Errorf("mobile: transport send: %w", err)
	}
	return nil
}

func (c *conn) Receive(ctx context.Context) (*transport.Message, error) {
	n := c.node
	for {
		if m := n.take(c.sid); m != nil {
			return m, nil
		}
		if err := ctx.Err(); err != nil {
			return nil, fmt.Errorf("mobile: receive: %w", err)
		}
		wait := pollMillis
		if d, ok := ctx.Deadline(); ok && time.Until(d) < pollMillis*time.Millisecond {
			wait = max(1, int(time.Until(d)/time.Millisecond))
		}
		b, err := n.t.Receive(wait)
		if err != nil {
			return nil, fmt.Errorf("mobile: transport receive: %w", err)
		}
		if len(b) == 0 {
			continue
		}
		m := new(transport.Message)
		if err := m.UnmarshalBinary(b); err != nil {
			// Not a message: the machine could not blame anyone for it.
			continue
		}
		if string(m.SessionID) == c.sid {
			return m, nil
		}
		n.keep(m)
	}
}

// pending holds messages of sessions not running yet.
type pending struct {
	mu    sync.Mutex
	count int
	byID  map[string][]*transport.Message
}

func (n *Node) take(sid string) *transport.Message {
	n.pending.mu.Lock()
	defer n.pending.mu.Unlock()
	q := n.pending.byID[sid]
	if len(q) == 0 {
		return nil
	}
	m := q[0]
	n.pending.byID[sid] = q[1:]
	n.pending.count--
	return m
}

func (n *Node) keep(m *transport.Message) {
	n.pending.mu.Lock()
	defer n.pending.mu.Unlock()
	if n.pending.count >= MaxPending {
		return
	}
	if n.pending.byID == nil {
		n.pending.byID = map[string][]*transport.Message{}
	}
	n.pending.byID[string(m.SessionID)] = append(n.pending.byID[string(m.SessionID)], m)
	n.pending.count++
}
