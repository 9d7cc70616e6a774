package tlsnet

import (
	"bufio"
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"net"
	"sync"
	"sync/atomic"
	"time"

	"github.com/mosaic-mpc/mosaic/transport"
)

// maxKeptReadBuffer is the largest read buffer a connection keeps between
// frames; a larger frame gets a buffer of its own.
const maxKeptReadBuffer = 2 << 20

// link is the node's relation with one peer: the queue of message bodies
// to send (each written as one frame),
// and the current connection. One goroutine (run) owns the connection's
// life: it obtains a connection (dialing, or waiting for the peer to dial),
// writes the queue to it while a reader goroutine routes what arrives, and
// starts over when the connection fails.
type link struct {
	n      *Node
	peer   transport.PartyID
	addr   string
	dialer bool // the lower id dials
	log    *slog.Logger

	signal     chan struct{} // capacity 1: "the queue may be non-empty"
	connSignal chan struct{} // capacity 1: "a handed-over connection may be waiting"

	mu            sync.Mutex
	queue         [][]byte
	queueBytes    int
	inflight      int // frames taken from the queue and not yet flushed
	inflightBytes int // their bytes, which count in Config.MaxPeerQueueBytes
	idle          chan struct{}
	isIdle        bool
	current       *tls.Conn
	handed        *tls.Conn // accepted connection waiting for run
	replaced      bool      // current was closed because a newer one arrived

	framesIn atomic.Int64  // frames received from the peer, ever
	backoff  time.Duration // wait before the next dial; owned by run
}

func newLink(n *Node, peer transport.PartyID, addr string) *link {
	idle := make(chan struct{})
	close(idle)
	return &link{
		n:          n,
		peer:       peer,
		addr:       addr,
		dialer:     peer > n.cfg.Self,
		log:        n.log.With(slog.Uint64("peer", uint64(peer))),
		signal:     make(chan struct{}, 1),
		connSignal: make(chan struct{}, 1),
		idle:       idle,
		isIdle:     true,
	}
}

func notify(ch chan struct{}) {
	select {
	case ch <- struct{}{}:
	default:
	}
}

// enqueue adds a frame for the peer. When the queue is over its bound (a
// peer long disconnected), the oldest frames are dropped: a protocol run
// that needed them times out and names the peer, as it would if the frames
// had been lost on the way.
func (l *link) enqueue(frame []byte) {
	l.mu.Lock()
	l.queue = append(l.queue, frame)
	l.queueBytes += len(frame)
	for l.queueBytes+l.inflightBytes > l.n.cfg.MaxPeerQueueBytes && len(l.queue) > 1 {
		l.queueBytes -= len(l.queue[0])
		l.queue[0] = nil
		l.queue = l.queue[1:]
		l.n.dropped.Add(1)
	}
	if l.isIdle {
		l.isIdle = false
		l.idle = make(chan struct{})
	}
	l.mu.Unlock()
	notify(l.signal)
}

// take removes and returns every queued frame.
func (l *link) take() [][]byte {
	l.mu.Lock()
	defer l.mu.Unlock()
	batch := l.queue
	l.inflight, l.inflightBytes = len(batch), l.queueBytes
	l.queue, l.queueBytes = nil, 0
	return batch
}

// written marks the taken batch as flushed (ok) or puts it back at the head
// of the queue, to be written again on the next connection.
func (l *link) written(batch [][]byte, ok bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.inflight, l.inflightBytes = 0, 0
	if !ok {
		for _, f := range batch {
			l.queueBytes += len(f)
		}
		l.queue = append(batch, l.queue...)
	}
	if len(l.queue) == 0 && !l.isIdle {
		l.isIdle = true
		close(l.idle)
	}
}

func (l *link) waitIdle(ctx context.Context) error {
	l.mu.Lock()
	ch := l.idle
	l.mu.Unlock()
	select {
	case <-ch:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	case <-l.n.ctx.Done():
		return ErrClosed
	}
}

func (l *link) connected() bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.current != nil
}

// handover gives the link a connection its peer dialed. A newer connection
// replaces the current one: the peer redials only when its side broke.
func (l *link) handover(c *tls.Conn) {
	l.mu.Lock()
	if l.n.closing.Load() {
		l.mu.Unlock()
		c.Close()
		return
	}
	stale, current := l.handed, l.current
	l.handed = c
	if current != nil {
		l.replaced = true
	}
	l.mu.Unlock()
	// Closed outside the lock: tls.Conn.Close may wait to send its alert.
	closeConns(stale, current)
	notify(l.connSignal)
}

// shutdown closes the link's connections; run then returns.
func (l *link) shutdown() {
	l.mu.Lock()
	current, handed := l.current, l.handed
	l.handed = nil
	l.mu.Unlock()
	closeConns(current, handed)
}

func closeConns(cs ...*tls.Conn) {
	for _, c := range cs {
		if c != nil {
			c.Close()
		}
	}
}

// run is the link's goroutine.
func (l *link) run() {
	for {
		var c *tls.Conn
		if l.dialer {
			c = l.dial()
		} else {
			c = l.awaitHandover()
		}
		if c == nil {
			return
		}
		l.n.connections.Add(1)
		l.n.forgetOtherVersion(l.peer)
		l.n.notifyState()
		l.log.LogAttrs(l.n.ctx, slog.LevelDebug, "tlsnet: connected", slog.String("remote", c.RemoteAddr().String()))
		before := l.framesIn.Load()
		l.serve(c)
		if l.framesIn.Load() != before {
			// The connection worked; if it did not, the next dial
			// waits, so a peer that accepts the handshake and then
			// refuses us is not redialed in a tight loop.
			l.backoff = 0
		}
		l.n.notifyState()
		if l.n.closing.Load() {
			return
		}
	}
}

// setCurrent makes c the current connection, unless the node is closing.
func (l *link) setCurrent(c *tls.Conn) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.n.closing.Load() {
		c.Close()
		return false
	}
	l.current, l.replaced = c, false
	return true
}

func (l *link) awaitHandover() *tls.Conn {
	for {
		l.mu.Lock()
		c := l.handed
		l.handed = nil
		l.mu.Unlock()
		if c != nil {
			if l.setCurrent(c) {
				return c
			}
			return nil
		}
		select {
		case <-l.connSignal:
		case <-l.n.ctx.Done():
			return nil
		}
	}
}

// dial connects to the peer, retrying with exponential backoff and jitter,
// until it succeeds or the node closes.
func (l *link) dial() *tls.Conn {
	for {
		if l.backoff > 0 {
			// Jitter keeps parties that lost each other at once from
			// redialing in lockstep; math/rand is fine for that.
			if !l.n.sleep(l.backoff/2 + rand.N(l.backoff/2+1)) {
				return nil
			}
		}
		l.backoff = min(max(2*l.backoff, l.n.cfg.MinBackoff), l.n.cfg.MaxBackoff)
		c, err := l.dialOnce()
		if err == nil {
			if l.setCurrent(c) {
				return c
			}
			return nil
		}
		if l.n.closing.Load() {
			return nil
		}
	}
}

func (l *link) dialOnce() (*tls.Conn, error) {
	ctx, cancel := context.WithTimeout(l.n.ctx, l.n.cfg.HandshakeTimeout)
	defer cancel()
	var d net.Dialer
	raw, err := d.DialContext(ctx, "tcp", l.addr)
	if err != nil {
		// Nobody listening yet, or the peer is down: not worth a report.
		l.log.LogAttrs(l.n.ctx, slog.LevelDebug, "tlsnet: dial", slog.Any("err", err))
		return nil, err
	}
	tc := tls.Client(raw, l.n.clientConfig(l.peer))
	if err := tc.HandshakeContext(ctx); err != nil {
		raw.Close()
		l.n.report(&ConnError{Peer: l.peer, Remote: l.addr, Err: fmt.Errorf("handshake: %w", err)})
		return nil, err
	}
	return tc, nil
}

// serve runs one connection until it fails or the node closes.
func (l *link) serve(c *tls.Conn) {
	readErr := make(chan error, 1)
	l.n.wg.Go(func() { readErr <- l.read(c) })
	werr, rerr, readerDone := l.writeLoop(c, readErr)
	c.Close()
	if !readerDone {
		rerr = <-readErr
	}
	l.mu.Lock()
	replaced := l.replaced
	l.current, l.replaced = nil, false
	l.mu.Unlock()

	// The reader's error says why the connection ended, unless the writer
	// failed first and our Close ended the reader. A writer that fails
	// while the reader stops on a bad frame (the reader closes c) has
	// failed because of that close, so the bad frame is reported.
	err := rerr
	if !readerDone && werr != nil && (rerr == nil || errors.Is(rerr, net.ErrClosed)) {
		err = werr
	}
	if replaced {
		l.log.LogAttrs(l.n.ctx, slog.LevelDebug, "tlsnet: connection replaced by a newer one")
		return
	}
	l.n.report(&ConnError{Peer: l.peer, Remote: c.RemoteAddr().String(), Err: err})
}

// writeLoop writes queued frames to c until a write fails, the reader
// stops, or the node closes. It returns the write error, the reader's error
// and whether the reader has stopped.
func (l *link) writeLoop(c *tls.Conn, readErr <-chan error) (werr, rerr error, readerDone bool) {
	bw := bufio.NewWriterSize(c, 64<<10)
	for {
		batch := l.take()
		if len(batch) == 0 {
			select {
			case <-l.signal:
				continue
			case rerr = <-readErr:
				return nil, rerr, true
			case <-l.n.ctx.Done():
				return ErrClosed, nil, false
			}
		}
		if err := l.writeBatch(c, bw, batch); err != nil {
			l.written(batch, false)
			return err, nil, false
		}
		l.written(batch, true)
	}
}

func (l *link) writeBatch(c *tls.Conn, bw *bufio.Writer, batch [][]byte) error {
	for _, f := range batch {
		if err := c.SetWriteDeadline(time.Now().Add(l.n.cfg.WriteTimeout)); err != nil {
			return err
		}
		if err := writeFrame(bw, f); err != nil {
			return err
		}
	}
	if err := c.SetWriteDeadline(time.Now().Add(l.n.cfg.WriteTimeout)); err != nil {
		return err
	}
	return bw.Flush()
}

// read routes the frames that arrive on c until c fails. Any bad frame
// closes the connection: the peer is authenticated, so a frame it cannot
// have meant is a bug or an attack, and a stream whose framing is in doubt
// cannot be trusted further.
//
// A well-formed frame the node will not hold is read past or dropped, and
// the connection goes on: one over Config.MaxMessageBytes or the peer's
// byte bound is skipped unread, and one whose payload is over
// Config.PayloadLimit is dropped once decoded.
func (l *link) read(c *tls.Conn) error {
	defer c.Close()
	admit := func(size int) bool {
		return size <= l.n.cfg.MaxMessageBytes && l.n.admits(l.peer, size)
	}
	var buf []byte
	for {
		body, skipped, err := readFrame(c, buf, admit)
		if err != nil {
			if errors.Is(err, net.ErrClosed) && l.n.closing.Load() {
				return ErrClosed
			}
			return err
		}
		if skipped {
			l.framesIn.Add(1)
			l.n.dropped.Add(1)
			l.log.LogAttrs(l.n.ctx, slog.LevelDebug, "tlsnet: frame skipped: over the size or the peer's byte bound")
			continue
		}
		m, err := decodeFrame(body, l.peer, l.n.cfg.Self)
		if err != nil {
			var ve *transport.VersionError
			if errors.As(err, &ve) {
				l.n.peerSpeaksOtherVersion(l.peer, ve)
			}
			return err
		}
		l.n.received.Add(1)
		l.n.receivedBytes.Add(int64(len(body)))
		l.framesIn.Add(1)
		if l.overPayloadLimit(m) {
			// Readable, so the peer speaks this node's wire version.
			l.n.forgetOtherVersion(l.peer)
			l.n.dropped.Add(1)
			l.log.LogAttrs(l.n.ctx, slog.LevelDebug, "tlsnet: message dropped",
				slog.String("why", "payload over Config.PayloadLimit"), slog.Any("msg", m))
		} else {
			l.n.route(l.peer, m)
		}
		if cap(body) <= maxKeptReadBuffer {
			buf = body[:0]
		} else {
			buf = nil
		}
	}
}

// overPayloadLimit reports whether m's payload is longer than
// Config.PayloadLimit allows for its protocol, round and kind. It calls
// the caller's function without holding any lock.
func (l *link) overPayloadLimit(m *transport.Message) bool {
	limit := l.n.cfg.PayloadLimit
	if limit == nil {
		return false
	}
	most := limit(m.Protocol, m.Round, m.Kind)
	return most > 0 && len(m.Payload) > most
}
