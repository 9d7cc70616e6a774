package wsnet

import (
	"context"
	"crypto/ecdh"
	"crypto/rand"
	"fmt"
	"io"
	"sync"

	"github.com/coder/websocket"

	"github.com/mosaic-mpc/mosaic/transport"
)

// MaxPending is how many received messages a Client keeps, over all its
// sessions, until their runs take them; later ones are dropped (the run's
// round timeout then asks for them again). It bounds what a flooding peer
// or relay can make a client hold.
const MaxPending = 4096

// Config is a party's side of a relay connection.
type Config struct {
	// URL is the relay's WebSocket address (ws:// or wss://).
	URL string
	// Self is this party's id.
	Self transport.PartyID
	// BoxKey is this party's static X25519 key, whose public key every
	// peer holds in its Peers.
	BoxKey *ecdh.PrivateKey
	// Peers maps every other party to its X25519 public key.
	Peers map[transport.PartyID]*ecdh.PublicKey
	// Rand supplies the nonces of sealed messages; nil means crypto/rand.
	Rand io.Reader
}

// Client is one party's connection to a relay. It is safe for concurrent
// use; each run uses its own Session.
type Client struct {
	self  transport.PartyID
	ws    *websocket.Conn
	keys  map[transport.PartyID][]byte
	rand  io.Reader
	close context.CancelFunc

	mu       sync.Mutex
	sessions map[string]*session
	pending  int
	err      error // why the read loop stopped
	done     chan struct{}
}

// session is the queue of one run's incoming messages.
type session struct {
	c      *Client
	id     string
	queue  []*transport.Message
	signal chan struct{} // capacity 1: "the queue may be non-empty"
	open   bool          // Session was called and not closed
	closed bool          // Session.Close was called: late messages are dropped
}

// Dial connects to the relay, registers cfg.Self and starts reading.
func Dial(ctx context.Context, cfg Config) (*Client, error) {
	if cfg.Self == 0 || cfg.BoxKey == nil || len(cfg.Peers) == 0 {
		return nil, fmt.Errorf("%w: Self, BoxKey and Peers are required", ErrConfig)
	}
	if cfg.BoxKey.Curve() != ecdh.X25519() {
		return nil, fmt.Errorf("%w: BoxKey is not an X25519 key", ErrConfig)
	}
	keys := make(map[transport.PartyID][]byte, len(cfg.Peers))
	for id, pk := range cfg.Peers {
		if id == 0 || id == cfg.Self || pk == nil {
			return nil, fmt.Errorf("%w: peer %d", ErrConfig, id)
		}
		k, err := pairKey(cfg.BoxKey, pk, cfg.Self, id)
		if err != nil {
			return nil, err
		}
		keys[id] = k
	}
	if cfg.Rand == nil {
		cfg.Rand = rand.Reader
	}
	ws, _, err := websocket.Dial(ctx, cfg.URL, nil)
	if err != nil {
		return nil, fmt.Errorf("wsnet: dial %s: %w", cfg.URL, err)
	}
	ws.SetReadLimit(MaxFrameSize)
	if err := ws.Write(ctx, websocket.MessageBinary, append(header(0, cfg.Self), hello...)); err != nil {
		ws.CloseNow()
		return nil, fmt.Errorf("wsnet: hello: %w", err)
	}
	rctx, cancel := context.WithCancel(context.Background())
	c := &Client{self: cfg.Self, ws: ws, keys: keys, rand: cfg.Rand, close: cancel,
		sessions: map[string]*session{}, done: make(chan struct{})}
	go c.readLoop(rctx)
	return c, nil
}

// Close closes the connection; every Session's Receive then returns
// ErrClosed.
func (c *Client) Close() error {
	err := c.ws.Close(websocket.StatusNormalClosure, "")
	c.close()
	<-c.done
	return err
}

// Err returns why the connection stopped, or nil while it runs.
func (c *Client) Err() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.err
}

// readLoop delivers incoming frames to their sessions until the
// connection ends. A frame that does not decode or authenticate is
// dropped: the relay or a peer sent it, and the run's signatures and
// timeouts deal with what is missing.
func (c *Client) readLoop(ctx context.Context) {
	defer close(c.done)
	for {
		_, frame, err := c.ws.Read(ctx)
		if err != nil {
			c.mu.Lock()
			c.err = fmt.Errorf("%w: %w", ErrClosed, err)
			for _, s := range c.sessions {
				s.wake()
			}
			c.mu.Unlock()
			return
		}
		m, err := c.decode(frame)
		if err != nil {
			continue
		}
		c.deliver(m)
	}
}

// decode checks a frame from the relay and returns its message.
func (c *Client) decode(frame []byte) (*transport.Message, error) {
	to, from, body, err := parseHeader(frame)
	if err != nil {
		return nil, err
	}
	key, ok := c.keys[from]
	if !ok {
		return nil, fmt.Errorf("%w: from unknown party %d", ErrFrame, from)
	}
	enc := body
	switch to {
	case 0:
	case c.self:
		if enc, err = openFrame(key, frame); err != nil {
			return nil, err
		}
	default:
		return nil, fmt.Errorf("%w: frame for party %d", ErrFrame, to)
	}
	m := new(transport.Message)
	if err := m.UnmarshalBinary(enc); err != nil {
		return nil, err
	}
	if m.From != from || m.To != to {
		return nil, fmt.Errorf("%w: message header %d→%d in a frame %d→%d", ErrFrame, m.From, m.To, from, to)
	}
	return m, nil
}

func (c *Client) deliver(m *transport.Message) {
	c.mu.Lock()
	defer c.mu.Unlock()
	s := c.sessions[string(m.SessionID)]
	if s == nil {
		s = &session{c: c, id: string(m.SessionID), signal: make(chan struct{}, 1)}
		c.sessions[s.id] = s
	}
	if s.closed || c.pending >= MaxPending {
		return
	}
	c.pending++
	s.queue = append(s.queue, m)
	s.wake()
}

func (s *session) wake() {
	select {
	case s.signal <- struct{}{}:
	default:
	}
}

// Session returns the transport.Conn of the run whose session id is sid:
// its Receive returns only messages of that session, including those that
// arrived before. Close it when the run is over.
func (c *Client) Session(sid []byte) *Session {
	c.mu.Lock()
	defer c.mu.Unlock()
	s := c.sessions[string(sid)]
	if s == nil {
		s = &session{c: c, id: string(sid), signal: make(chan struct{}, 1)}
		c.sessions[s.id] = s
	}
	s.open = !s.closed
	return &Session{s: s}
}

// Session is the transport.Conn of one run over a Client.
type Session struct {
	s *session
}

var _ transport.Conn = (*Session)(nil)

// Send implements transport.Conn: a direct message is sealed for its
// recipient, a broadcast goes to every party of the relay.
func (s *Session) Send(ctx context.Context, m *transport.Message) error {
	c := s.s.c
	if m == nil {
		return fmt.Errorf("%w: nil message", ErrConfig)
	}
	if m.From != c.self {
		return fmt.Errorf("%w: message From %d is not this party %d", ErrConfig, m.From, c.self)
	}
	enc, err := m.MarshalBinary()
	if err != nil {
		return err
	}
	var frame []byte
	if m.To == 0 {
		frame = append(header(0, c.self), enc...)
	} else {
		key, ok := c.keys[m.To]
		if !ok {
			return fmt.Errorf("%w: no box key for party %d", ErrConfig, m.To)
		}
		if frame, err = sealFrame(key, m.To, c.self, enc, c.rand); err != nil {
			return err
		}
	}
	if err := c.ws.Write(ctx, websocket.MessageBinary, frame); err != nil {
		return fmt.Errorf("wsnet: send: %w", err)
	}
	return nil
}

// Receive implements transport.Conn.
func (s *Session) Receive(ctx context.Context) (*transport.Message, error) {
	for {
		s.s.c.mu.Lock()
		if !s.s.open {
			s.s.c.mu.Unlock()
			return nil, fmt.Errorf("%w: session", ErrClosed)
		}
		if len(s.s.queue) > 0 {
			m := s.s.queue[0]
			s.s.queue[0] = nil
			s.s.queue = s.s.queue[1:]
			s.s.c.pending--
			s.s.c.mu.Unlock()
			return m, nil
		}
		err := s.s.c.err
		s.s.c.mu.Unlock()
		if err != nil {
			return nil, err
		}
		select {
		case <-ctx.Done():
			return nil, fmt.Errorf("wsnet: receive: %w", ctx.Err())
		case <-s.s.signal:
		}
	}
}

// Close ends the session: its queue is dropped, and later messages of the
// session are dropped too (up to the pending bound) as late arrivals.
func (s *Session) Close() error {
	c := s.s.c
	c.mu.Lock()
	defer c.mu.Unlock()
	if !s.s.open {
		return nil
	}
	s.s.open = false
	s.s.closed = true
	c.pending -= len(s.s.queue)
	s.s.queue = nil
	s.s.wake()
	return nil
}
