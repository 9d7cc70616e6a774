package tlsnet

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"slices"

	"github.com/mosaic-mpc/mosaic/transport"
)

// Session is one protocol run's transport.Conn on a Node: Receive yields
// only the messages of its session id, and a broadcast goes to the
// session's parties only. Messages that arrive before the session is opened
// are kept (within the Config bounds) and handed over when it opens. Close
// the session when the run is over; its id cannot be opened again.
//
// A Session should have one reader at a time; Send may be called
// concurrently.
type Session struct {
	n       *Node
	id      []byte
	key     string
	parties []transport.PartyID        // sorted, Self included
	member  map[transport.PartyID]bool // parties other than Self
	to      []transport.PartyID        // broadcast recipients

	// Guarded by n.mu.
	queue  []*transport.Message
	count  map[transport.PartyID]int // each peer's messages in queue
	closed bool
	signal chan struct{} // capacity 1: "the queue may be non-empty"
	done   chan struct{} // closed by Close
}

// Open opens the session with the given id for a run among parties (which
// must include Self; nil means every party of the node). It fails if a
// session with that id is open or was open before, or the node is closed.
func (n *Node) Open(sessionID []byte, parties []transport.PartyID) (*Session, error) {
	if len(sessionID) == 0 || len(sessionID) > transport.MaxSessionID {
		return nil, fmt.Errorf("%w: session id of %d bytes", ErrConfig, len(sessionID))
	}
	if parties == nil {
		parties = append(n.Peers(), n.cfg.Self)
	}
	if err := transport.ValidateParties(parties); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrConfig, err)
	}
	s := &Session{
		n:       n,
		id:      bytes.Clone(sessionID),
		key:     string(sessionID),
		parties: transport.SortedCopy(parties),
		member:  make(map[transport.PartyID]bool, len(parties)),
		count:   make(map[transport.PartyID]int, len(parties)),
		signal:  make(chan struct{}, 1),
		done:    make(chan struct{}),
	}
	self := false
	for _, p := range s.parties {
		if p == n.cfg.Self {
			self = true
			continue
		}
		if n.links[p] == nil {
			return nil, fmt.Errorf("%w: party %d is not a peer of party %d", ErrUnknownParty, p, n.cfg.Self)
		}
		s.member[p] = true
		s.to = append(s.to, p)
	}
	if !self {
		return nil, fmt.Errorf("%w: party %d is not in the session", ErrConfig, n.cfg.Self)
	}

	n.mu.Lock()
	defer n.mu.Unlock()
	switch {
	case n.closing.Load():
		return nil, ErrClosed
	case n.sessions[s.key] != nil:
		return nil, ErrSessionInUse
	}
	if _, ok := n.closedIDs[s.key]; ok {
		return nil, ErrSessionReused
	}
	n.sessions[s.key] = s
	n.handOverPending(s)
	return s, nil
}

// Conn returns the session sessionID among every party of the node, as a
// transport.Conn. If it cannot be opened (see Open), every call of the
// returned Conn fails with the reason. Use Open for a run among some of the
// parties, or to see the error at once.
func (n *Node) Conn(sessionID []byte) transport.Conn {
	s, err := n.Open(sessionID, nil)
	if err != nil {
		return errConn{err}
	}
	return s
}

type errConn struct{ err error }

func (c errConn) Send(context.Context, *transport.Message) error { return c.err }

func (c errConn) Receive(context.Context) (*transport.Message, error) { return nil, c.err }

// ID returns the session id.
func (s *Session) ID() []byte { return bytes.Clone(s.id) }

// Parties returns the session's parties, Self included, in increasing order.
func (s *Session) Parties() []transport.PartyID { return slices.Clone(s.parties) }

// Send implements transport.Conn: it queues m for its recipient, or for
// every other party of the session when m.To is 0, and returns without
// waiting for the network. A peer that is disconnected gets the message
// when it reconnects (within Config.MaxPeerQueueBytes). m.From must be the
// node's party and m.SessionID the session's id.
func (s *Session) Send(ctx context.Context, m *transport.Message) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	switch {
	case m == nil:
		return errors.New("tlsnet: nil message")
	case m.From != s.n.cfg.Self:
		return fmt.Errorf("%w: party %d sent as %d", ErrSpoofed, s.n.cfg.Self, m.From)
	case !bytes.Equal(m.SessionID, s.id):
		return fmt.Errorf("%w: message of another session", ErrMisrouted)
	case m.To != 0 && !s.member[m.To]:
		return fmt.Errorf("%w: recipient %d", ErrUnknownParty, m.To)
	}
	body, err := m.MarshalBinary()
	if err != nil {
		return err
	}
	s.n.mu.Lock()
	closed := s.closed
	s.n.mu.Unlock()
	if closed {
		return ErrClosed
	}
	if m.To != 0 {
		s.n.links[m.To].enqueue(body)
	} else {
		for _, p := range s.to {
			// Links only read the body, so one copy serves them all.
			s.n.links[p].enqueue(body)
		}
	}
	s.n.sent.Add(1)
	return nil
}

// Receive implements transport.Conn: it returns the session's next
// message, waiting for one. It returns ctx's error as soon as ctx is done,
// without taking a message, and ErrClosed once the session or the node is
// closed. Once the messages already received are taken, it returns an
// error wrapping ErrBadFrame and a *transport.VersionError naming the peer
// if a party of the session sent a frame in another wire version and
// nothing readable since (transport.Run then ends the run naming it).
func (s *Session) Receive(ctx context.Context) (*transport.Message, error) {
	n := s.n
	for {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		n.mu.Lock()
		if s.closed {
			n.mu.Unlock()
			return nil, ErrClosed
		}
		if len(s.queue) > 0 {
			m := s.queue[0]
			s.queue[0] = nil
			s.queue = s.queue[1:]
			n.releaseLocked(s, m)
			n.mu.Unlock()
			return m, nil
		}
		if ve := s.otherVersionLocked(); ve != nil {
			n.mu.Unlock()
			return nil, fmt.Errorf("%w: %w", ErrBadFrame, ve)
		}
		n.mu.Unlock()
		select {
		case <-s.signal:
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-s.done:
		}
	}
}

// Close ends the session: Send and Receive then fail with ErrClosed, and
// later messages for its id are dropped. It is idempotent and returns nil.
func (s *Session) Close() error {
	s.n.mu.Lock()
	defer s.n.mu.Unlock()
	s.closeLocked()
	return nil
}

func (s *Session) closeLocked() {
	if s.closed {
		return
	}
	s.closed = true
	n := s.n
	for _, m := range s.queue {
		n.releaseLocked(s, m)
	}
	s.queue = nil
	close(s.done)
	if n.sessions[s.key] == s {
		delete(n.sessions, s.key)
		n.closedIDs[s.key] = struct{}{}
		n.closedOrder = append(n.closedOrder, s.key)
		if len(n.closedOrder) > maxClosedSessions {
			delete(n.closedIDs, n.closedOrder[0])
			n.closedOrder = n.closedOrder[1:]
		}
	}
}
