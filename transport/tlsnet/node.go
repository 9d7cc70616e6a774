package tlsnet

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/mosaic-mpc/mosaic/transport"
)

// maxClosedSessions is how many closed session ids a node remembers, to
// drop late messages for them and refuse reopening them.
const maxClosedSessions = 4096

// Node is one party's end of the network: it listens for the peers with
// lower ids, dials the peers with higher ids (redialing with backoff when a
// connection breaks), and multiplexes any number of concurrent sessions
// over the one connection it keeps per peer. It is safe for concurrent use.
type Node struct {
	cfg    Config
	ln     net.Listener
	links  map[transport.PartyID]*link // fixed after New
	peers  []transport.PartyID         // sorted
	log    *slog.Logger
	ctx    context.Context // cancelled by Close
	cancel context.CancelFunc
	wg     sync.WaitGroup

	closing   atomic.Bool
	closeOnce sync.Once

	mu       sync.Mutex
	sessions map[string]*Session
	// inbox holds, per peer, what the node keeps of its messages; its
	// keys are fixed after New.
	inbox       map[transport.PartyID]*peerInbox
	arrivals    uint64 // counts messages held pending, to keep their order
	closedIDs   map[string]struct{}
	closedOrder []string
	handshakes  map[net.Conn]struct{}
	stateCh     chan struct{} // closed and replaced when a link goes up or down
	// otherVersion holds, per peer, the wire version error of the last
	// frame it sent if that frame was in another wire version; a frame
	// that decodes clears it (see peerSpeaksOtherVersion).
	otherVersion map[transport.PartyID]*transport.VersionError

	sent, received, receivedBytes, dropped, connections, refusedHandshakes atomic.Int64
}

// Stats counts what a node has done.
type Stats struct {
	// Sent counts messages accepted by Session.Send.
	Sent int64
	// Received counts valid messages received from peers, and
	// ReceivedBytes their encoded size (frame headers not included).
	Received, ReceivedBytes int64
	// Dropped counts messages dropped: received for a closed session, from
	// a party outside the session, beyond a per-peer bound (frames skipped
	// unread included), with a payload over Config.PayloadLimit, or frames
	// that waited too long for a disconnected peer.
	Dropped int64
	// Connections counts peer connections established, reconnections
	// included.
	Connections int64
	// RefusedHandshakes counts connections closed unauthenticated because
	// Config.MaxHandshakes handshakes were in progress.
	RefusedHandshakes int64
	// Held is the bytes of received messages the node holds now, pending
	// or queued in open sessions, as the per-peer bounds count them
	// (Config.MaxPeerBytes).
	Held int64
}

// New starts a node: it listens (if it has lower peers or a listener was
// given), and dials every higher peer in the background. It returns once
// listening; use WaitConnected to wait for the peers.
func New(cfg Config) (*Node, error) {
	cfg.setDefaults()
	// The handshakes read the map concurrently; the caller keeps its own.
	cfg.Identities = cloneIdentities(cfg.Identities)
	if err := cfg.validate(); err != nil {
		if cfg.Listener != nil {
			cfg.Listener.Close()
		}
		return nil, err
	}
	ctx, cancel := context.WithCancel(context.Background())
	n := &Node{
		cfg:        cfg,
		links:      make(map[transport.PartyID]*link, len(cfg.Peers)),
		log:        cfg.Logger.With(slog.Uint64("self", uint64(cfg.Self))),
		ctx:        ctx,
		cancel:     cancel,
		sessions:   make(map[string]*Session),
		inbox:      make(map[transport.PartyID]*peerInbox, len(cfg.Peers)),
		closedIDs:  make(map[string]struct{}),
		handshakes: make(map[net.Conn]struct{}),
		stateCh:    make(chan struct{}),

		otherVersion: make(map[transport.PartyID]*transport.VersionError),
	}
	needListen := false
	for id, addr := range cfg.Peers {
		n.links[id] = newLink(n, id, addr)
		n.inbox[id] = &peerInbox{pending: make(map[string]*pendingPart)}
		n.peers = append(n.peers, id)
		needListen = needListen || id < cfg.Self
	}
	slices.Sort(n.peers)
	n.ln = cfg.Listener
	if n.ln == nil && needListen {
		ln, err := net.Listen("tcp", cfg.ListenAddr)
		if err != nil {
			cancel()
			return nil, fmt.Errorf("tlsnet: listen: %w", err)
		}
		n.ln = ln
	}
	if n.ln != nil {
		n.wg.Go(n.acceptLoop)
	}
	for _, l := range n.links {
		n.wg.Go(l.run)
	}
	return n, nil
}

// Self returns this node's party.
func (n *Node) Self() transport.PartyID { return n.cfg.Self }

// Peers returns the other parties, in increasing order.
func (n *Node) Peers() []transport.PartyID { return slices.Clone(n.peers) }

// Addr returns the listening address, or nil if the node does not listen.
func (n *Node) Addr() net.Addr {
	if n.ln == nil {
		return nil
	}
	return n.ln.Addr()
}

// Stats returns the node's counters.
func (n *Node) Stats() Stats {
	n.mu.Lock()
	var held int
	for _, in := range n.inbox {
		held += in.held
	}
	n.mu.Unlock()
	return Stats{
		Sent:              n.sent.Load(),
		Received:          n.received.Load(),
		ReceivedBytes:     n.receivedBytes.Load(),
		Dropped:           n.dropped.Load(),
		Connections:       n.connections.Load(),
		RefusedHandshakes: n.refusedHandshakes.Load(),
		Held:              int64(held),
	}
}

// Connected reports whether the node has a live connection to peer.
func (n *Node) Connected(peer transport.PartyID) bool {
	l := n.links[peer]
	return l != nil && l.connected()
}

// WaitConnected waits until the node is connected to every peer, or ctx is
// done, or the node is closed.
func (n *Node) WaitConnected(ctx context.Context) error {
	for {
		n.mu.Lock()
		ch := n.stateCh
		n.mu.Unlock()
		all := true
		for _, l := range n.links {
			all = all && l.connected()
		}
		if all {
			return nil
		}
		select {
		case <-ch:
		case <-ctx.Done():
			return fmt.Errorf("tlsnet: waiting for peers: %w", ctx.Err())
		case <-n.ctx.Done():
			return ErrClosed
		}
	}
}

// Flush waits until every frame sent so far has been written to its peer's
// connection (not necessarily read by the peer), or ctx is done. Call it
// before Close when the last messages matter: Close drops unwritten frames.
func (n *Node) Flush(ctx context.Context) error {
	for _, id := range n.peers {
		if err := n.links[id].waitIdle(ctx); err != nil {
			return fmt.Errorf("tlsnet: flushing to party %d: %w", id, err)
		}
	}
	return nil
}

// Close stops the node: it closes the listener and every connection, ends
// every session (their Send and Receive return ErrClosed), drops frames not
// yet written, and waits for every goroutine of the node to return. It is
// idempotent and always returns nil.
func (n *Node) Close() error {
	n.closeOnce.Do(func() {
		n.closing.Store(true)
		n.cancel()
		if n.ln != nil {
			n.ln.Close()
		}
		n.mu.Lock()
		for c := range n.handshakes {
			c.Close()
		}
		for _, s := range n.sessions {
			s.closeLocked()
		}
		n.mu.Unlock()
		for _, l := range n.links {
			l.shutdown()
		}
	})
	n.wg.Wait()
	return nil
}

func (n *Node) notifyState() {
	n.mu.Lock()
	close(n.stateCh)
	n.stateCh = make(chan struct{})
	n.mu.Unlock()
}

// report hands a connection failure to the logger and OnConnError, unless
// the node is closing (then every connection fails, by design).
func (n *Node) report(e *ConnError) {
	if n.closing.Load() {
		return
	}
	n.log.LogAttrs(n.ctx, slog.LevelWarn, "tlsnet: connection ended",
		slog.Uint64("peer", uint64(e.Peer)), slog.String("remote", e.Remote), slog.Any("err", e.Err))
	if n.cfg.OnConnError != nil {
		n.cfg.OnConnError(e)
	}
}

func (n *Node) acceptLoop() {
	for {
		c, err := n.ln.Accept()
		if err != nil {
			if n.closing.Load() || errors.Is(err, net.ErrClosed) {
				return
			}
			// Out of file descriptors and the like: wait, then go on.
			n.log.LogAttrs(n.ctx, slog.LevelWarn, "tlsnet: accept", slog.Any("err", err))
			if !n.sleep(n.cfg.MinBackoff) {
				return
			}
			continue
		}
		n.mu.Lock()
		if n.closing.Load() {
			n.mu.Unlock()
			c.Close()
			return
		}
		if len(n.handshakes) >= n.cfg.MaxHandshakes {
			// Unauthenticated clients cannot hold more than
			// MaxHandshakes goroutines and TLS states. A peer turned
			// away redials with backoff.
			n.mu.Unlock()
			n.refusedHandshakes.Add(1)
			c.Close()
			n.log.LogAttrs(n.ctx, slog.LevelDebug, "tlsnet: too many handshakes in progress, connection refused",
				slog.String("remote", c.RemoteAddr().String()))
			continue
		}
		n.handshakes[c] = struct{}{}
		n.mu.Unlock()
		n.wg.Go(func() { n.accept(c) })
	}
}

// accept runs the server handshake on c and hands the authenticated
// connection to its peer's link.
func (n *Node) accept(c net.Conn) {
	defer func() {
		n.mu.Lock()
		delete(n.handshakes, c)
		n.mu.Unlock()
	}()
	tc := tls.Server(c, n.serverConfig())
	ctx, cancel := context.WithTimeout(n.ctx, n.cfg.HandshakeTimeout)
	err := tc.HandshakeContext(ctx)
	cancel()
	if err != nil {
		c.Close()
		n.report(&ConnError{Remote: c.RemoteAddr().String(), Err: fmt.Errorf("handshake: %w", err)})
		return
	}
	id, err := peerOf(tc.ConnectionState())
	if err != nil { // unreachable: VerifyConnection checked it
		c.Close()
		n.report(&ConnError{Remote: c.RemoteAddr().String(), Err: err})
		return
	}
	n.links[id].handover(tc)
}

// sleep waits for d or until the node closes; it reports whether the node
// is still open.
func (n *Node) sleep(d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-n.ctx.Done():
		return false
	}
}
