package memnet

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"sync"
	"time"

	"github.com/mosaic-mpc/mosaic/transport"
)

// Errors returned by Conn methods and Inject.
var (
	// ErrClosed: the network was closed.
	ErrClosed = errors.New("memnet: network closed")
	// ErrUnknownParty: the party is not on this network.
	ErrUnknownParty = errors.New("memnet: unknown party")
	// ErrSpoofed: a Conn tried to send a message with another party's From;
	// memnet models authenticated links.
	ErrSpoofed = errors.New("memnet: message From is not the sending party")
)

// defaultReorderHold is how long a held-back message waits for a successor
// on its link before it is delivered anyway, unless WithReorderHold says
// otherwise.
const defaultReorderHold = 20 * time.Millisecond

// InterceptFunc plays a malicious sender. It is called once per recipient
// for each message the intercepted party sends (a broadcast is called once
// for every other party, with to set and m.To still 0), with a copy it may
// modify. The messages it returns are delivered to that recipient as they
// are, through the link's faults; nil drops the message. Returning
// different messages to different recipients splits a broadcast.
type InterceptFunc func(to transport.PartyID, m *transport.Message) []*transport.Message

// Option configures New.
type Option func(*Network)

// WithSeed sets the seed of the fault generators (default 1).
func WithSeed(seed uint64) Option {
	return func(n *Network) { n.seed = seed }
}

// WithReorderHold sets how long a message held back by Faults.Reorder waits
// for the next message on its link before it is delivered anyway (default
// 20 ms). Tests that assert an exact order choose a hold much longer than
// any scheduling stall of a loaded machine, so the swap does not depend on
// how fast the sender's next Send comes.
func WithReorderHold(d time.Duration) Option {
	return func(n *Network) { n.reorderHold = d }
}

// WithFaults sets faults as SetFaults does.
func WithFaults(from, to transport.PartyID, f Faults) Option {
	return func(n *Network) { n.faults[link{from, to}] = f }
}

// Network is an in-memory network between a fixed set of parties. Every
// party has an unbounded mailbox, so Send never blocks. It is safe for
// concurrent use.
type Network struct {
	mu      sync.Mutex
	parties []transport.PartyID
	boxes   map[transport.PartyID]*mailbox
	faults  map[link]Faults
	links   map[link]*linkState
	hooks   map[transport.PartyID]InterceptFunc
	timers  map[*time.Timer]struct{}
	seed    uint64
	// reorderHold: see WithReorderHold.
	reorderHold time.Duration
	stats       Stats
	closed      bool
	done        chan struct{}
}

type mailbox struct {
	queue  []*transport.Message
	signal chan struct{} // capacity 1: "the queue may be non-empty"
}

type linkState struct {
	rng  *rand.Rand
	held *transport.Message // a message held back by Reorder
}

// New returns a network for parties. It panics if the party list is invalid
// (transport.ValidateParties): that is a bug in the test, not peer input.
func New(parties []transport.PartyID, opts ...Option) *Network {
	if err := transport.ValidateParties(parties); err != nil {
		panic(fmt.Sprintf("memnet.New: %v", err))
	}
	n := &Network{
		parties:     transport.SortedCopy(parties),
		boxes:       make(map[transport.PartyID]*mailbox, len(parties)),
		faults:      make(map[link]Faults),
		links:       make(map[link]*linkState),
		hooks:       make(map[transport.PartyID]InterceptFunc),
		timers:      make(map[*time.Timer]struct{}),
		seed:        1,
		reorderHold: defaultReorderHold,
		done:        make(chan struct{}),
	}
	for _, p := range n.parties {
		n.boxes[p] = &mailbox{signal: make(chan struct{}, 1)}
	}
	for _, o := range opts {
		o(n)
	}
	return n
}

// Conn returns party id's connection. For an unknown id the Conn's methods
// return ErrUnknownParty.
func (n *Network) Conn(id transport.PartyID) transport.Conn {
	return &conn{net: n, id: id}
}

// SetFaults sets the faults of the link from -> to, replacing earlier ones.
// 0 is a wildcard: (from, 0) is every link out of from, (0, to) every link
// into to, (0, 0) every link. The most specific rule wins, in the order
// (from, to), (from, 0), (0, to), (0, 0). A zero Faults removes faults.
func (n *Network) SetFaults(from, to transport.PartyID, f Faults) {
	n.mu.Lock()
	defer n.mu.Unlock()
	n.faults[link{from, to}] = f
}

// Intercept makes fn play party from: every message from sends goes through
// fn first. A nil fn removes the hook.
func (n *Network) Intercept(from transport.PartyID, fn InterceptFunc) {
	n.mu.Lock()
	defer n.mu.Unlock()
	if fn == nil {
		delete(n.hooks, from)
		return
	}
	n.hooks[from] = fn
}

// Inject puts a copy of m straight into the mailbox of to (0: every party),
// with no checks and no faults. Tests use it to forge messages, for example
// from a party that is not in the run.
func (n *Network) Inject(to transport.PartyID, m *transport.Message) error {
	n.mu.Lock()
	defer n.mu.Unlock()
	if n.closed {
		return ErrClosed
	}
	targets := n.parties
	if to != 0 {
		if n.boxes[to] == nil {
			return fmt.Errorf("%w: %d", ErrUnknownParty, to)
		}
		targets = []transport.PartyID{to}
	}
	for _, p := range targets {
		n.stats.Injected++
		n.push(p, m.Clone())
	}
	return nil
}

// Stats returns counts of what the network has done so far.
func (n *Network) Stats() Stats {
	n.mu.Lock()
	defer n.mu.Unlock()
	return n.stats
}

// Close shuts the network down: pending delayed deliveries are cancelled and
// every blocked or later Send and Receive returns ErrClosed. It is
// idempotent. No goroutine of the network survives it for long (a delayed
// delivery already firing returns as soon as it sees the network closed).
func (n *Network) Close() {
	n.mu.Lock()
	defer n.mu.Unlock()
	if n.closed {
		return
	}
	n.closed = true
	close(n.done)
	for t := range n.timers {
		t.Stop()
	}
	clear(n.timers)
	for _, ls := range n.links {
		ls.held = nil
	}
}

// send routes one message sent by from (already checked) to its
// recipients, through the interceptor and the faults.
func (n *Network) send(from transport.PartyID, m *transport.Message) error {
	n.mu.Lock()
	if n.closed {
		n.mu.Unlock()
		return ErrClosed
	}
	var targets []transport.PartyID
	if m.To == 0 {
		for _, p := range n.parties {
			if p != from {
				targets = append(targets, p)
			}
		}
	} else if n.boxes[m.To] != nil && m.To != from {
		targets = []transport.PartyID{m.To}
	} else {
		n.mu.Unlock()
		return fmt.Errorf("%w: recipient %d", ErrUnknownParty, m.To)
	}
	hook := n.hooks[from]
	n.mu.Unlock()

	// The hook runs without the lock so it may call back into the network
	// (for example Inject).
	out := make(map[transport.PartyID][]*transport.Message, len(targets))
	for _, to := range targets {
		msgs := []*transport.Message{m.Clone()}
		if hook != nil {
			msgs = hook(to, msgs[0])
		}
		out[to] = msgs
	}

	n.mu.Lock()
	defer n.mu.Unlock()
	if n.closed {
		return ErrClosed
	}
	for _, to := range targets {
		if hook != nil {
			n.stats.Intercepted++
		}
		for _, msg := range out[to] {
			if msg == nil {
				continue
			}
			n.stats.Sent++
			n.route(from, to, msg.Clone())
		}
	}
	return nil
}

func (n *Network) faultsFor(from, to transport.PartyID) (Faults, bool) {
	for _, l := range []link{{from, to}, {from, 0}, {0, to}, {0, 0}} {
		if f, ok := n.faults[l]; ok {
			return f, true
		}
	}
	return Faults{}, false
}

func (n *Network) link(from, to transport.PartyID) *linkState {
	l := link{from, to}
	ls := n.links[l]
	if ls == nil {
		// One generator per link, seeded from the network seed and the link,
		// so concurrency between senders does not change any link's choices.
		// math/rand is fine here: this is test infrastructure, not
		// cryptography.
		ls = &linkState{rng: rand.New(rand.NewPCG(n.seed, uint64(from)<<32|uint64(to)))}
		n.links[l] = ls
	}
	return ls
}

// route applies the link's faults to m and delivers it. Called with n.mu
// held.
func (n *Network) route(from, to transport.PartyID, m *transport.Message) {
	f, ok := n.faultsFor(from, to)
	if !ok || !f.applies(m) {
		n.release(from, to, m, 0)
		return
	}
	ls := n.link(from, to)
	if ls.rng.Float64() < f.Drop {
		n.stats.Dropped++
		return
	}
	if ls.rng.Float64() < f.Corrupt {
		corrupt(ls.rng, m)
		n.stats.Corrupted++
	}
	copies := []*transport.Message{m}
	if ls.rng.Float64() < f.Duplicate {
		copies = append(copies, m.Clone())
		n.stats.Duplicated++
	}
	for _, c := range copies {
		var delay time.Duration
		if f.MaxDelay > 0 {
			delay = time.Duration(ls.rng.Int64N(int64(f.MaxDelay) + 1))
			n.stats.Delayed++
		}
		if ls.held == nil && ls.rng.Float64() < f.Reorder {
			n.stats.Reordered++
			ls.held = c
			n.after(n.reorderHold+f.MaxDelay, func() {
				if ls.held == c {
					ls.held = nil
					n.push(to, c)
				}
			})
			continue
		}
		n.release(from, to, c, delay)
	}
}

// release delivers m after delay, followed by a message held back on the
// same link, which thereby arrives after m.
func (n *Network) release(from, to transport.PartyID, m *transport.Message, delay time.Duration) {
	var held *transport.Message
	if ls := n.links[link{from, to}]; ls != nil && ls.held != nil {
		held, ls.held = ls.held, nil
	}
	deliver := func() {
		n.push(to, m)
		if held != nil {
			n.push(to, held)
		}
	}
	if delay <= 0 {
		deliver()
		return
	}
	n.after(delay, deliver)
}

// after runs f with n.mu held after d, unless the network is closed first.
// Called with n.mu held.
func (n *Network) after(d time.Duration, f func()) {
	var t *time.Timer
	t = time.AfterFunc(d, func() {
		n.mu.Lock()
		defer n.mu.Unlock()
		if n.closed {
			return
		}
		delete(n.timers, t)
		f()
	})
	n.timers[t] = struct{}{}
}

// push appends m to to's mailbox. Called with n.mu held.
func (n *Network) push(to transport.PartyID, m *transport.Message) {
	box := n.boxes[to]
	box.queue = append(box.queue, m)
	n.stats.Delivered++
	select {
	case box.signal <- struct{}{}:
	default:
	}
}

// corrupt flips one random bit of the payload, or of the echo when the
// payload is empty.
func corrupt(rng *rand.Rand, m *transport.Message) {
	b := m.Payload
	if len(b) == 0 {
		b = m.Echo
	}
	if len(b) == 0 {
		return
	}
	b[rng.IntN(len(b))] ^= 1 << rng.IntN(8)
}

// conn is one party's transport.Conn.
type conn struct {
	net *Network
	id  transport.PartyID
}

// Send implements transport.Conn. m is copied; the caller keeps it.
func (c *conn) Send(ctx context.Context, m *transport.Message) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if c.net.boxes[c.id] == nil {
		return fmt.Errorf("%w: %d", ErrUnknownParty, c.id)
	}
	if m == nil {
		return errors.New("memnet: nil message")
	}
	if m.From != c.id {
		return fmt.Errorf("%w: %d sent as %d", ErrSpoofed, c.id, m.From)
	}
	return c.net.send(c.id, m)
}

// Receive implements transport.Conn. It returns the oldest message in the
// party's mailbox, waiting for one if needed. A Conn should have one
// reader at a time.
func (c *conn) Receive(ctx context.Context) (*transport.Message, error) {
	n := c.net
	box := n.boxes[c.id]
	if box == nil {
		return nil, fmt.Errorf("%w: %d", ErrUnknownParty, c.id)
	}
	for {
		n.mu.Lock()
		if n.closed {
			n.mu.Unlock()
			return nil, ErrClosed
		}
		if len(box.queue) > 0 {
			m := box.queue[0]
			box.queue[0] = nil
			box.queue = box.queue[1:]
			n.mu.Unlock()
			return m, nil
		}
		n.mu.Unlock()
		select {
		case <-box.signal:
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-n.done:
			return nil, ErrClosed
		}
	}
}
