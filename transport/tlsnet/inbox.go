package tlsnet

import (
	"log/slog"
	"slices"

	"github.com/mosaic-mpc/mosaic/transport"
)

// What a received message is counted for while the node holds it. The
// counts are what the per-peer bounds (Config.MaxPeerBytes and the
// others) compare, so they must not undercount what the memory holds.
const (
	// wireHeader is the size of the fixed-width fields of an encoded
	// message (transport.Message.MarshalBinary): version, kind, the
	// protocol and session lengths, round, from, to, the context and
	// signature lengths, and the echo and payload lengths.
	wireHeader = 1 + 1 + 1 + 2 + 2 + 4 + 4 + 1 + 1 + 4 + 4
	// messageOverhead is what a decoded message costs beyond its encoded
	// size: the transport.Message itself, its six separately allocated
	// fields rounded up to the allocator's size classes, and its place in
	// a queue.
	messageOverhead = 512
	// pendingOverhead is what a pending session costs beyond its messages
	// and its id (held once more as a map key).
	pendingOverhead = 256
)

// heldSize is what a message whose encoding is encoded bytes long is
// counted for.
func heldSize(encoded int) int { return encoded + messageOverhead }

// messageSize is what m is counted for: heldSize of its encoded size.
func messageSize(m *transport.Message) int {
	return heldSize(wireHeader + len(m.Protocol) + len(m.SessionID) + len(m.Context) +
		len(m.Echo) + len(m.Payload) + len(m.Signature))
}

// peerInbox is what the node holds of one peer's messages. Every bound is
// per peer, so that a peer's messages only ever push out its own. Guarded
// by Node.mu.
type peerInbox struct {
	// held counts the peer's messages queued in open sessions and
	// everything in pending (Config.MaxPeerBytes).
	held int
	// pending holds the peer's messages for sessions not opened yet, by
	// session id; pendingBytes counts them with their ids
	// (Config.MaxPendingBytes).
	pending      map[string]*pendingPart
	pendingBytes int
}

// pendingPart is one peer's messages for one session not opened yet.
type pendingPart struct {
	msgs  []arrival
	bytes int    // the messages, the session id and pendingOverhead
	seq   uint64 // creation order, to evict the oldest
}

// arrival is a pending message with its place in the order of arrival
// across peers, which Open keeps.
type arrival struct {
	m   *transport.Message
	seq uint64
}

// admits reports whether a frame of size bytes from peer could be held:
// whether it fits within the peer's bound once all its pending sessions
// are evicted. A frame that could not is skipped unread (link.read).
func (n *Node) admits(peer transport.PartyID, size int) bool {
	n.mu.Lock()
	defer n.mu.Unlock()
	in := n.inbox[peer]
	return in != nil && in.held-in.pendingBytes+heldSize(size) <= n.cfg.MaxPeerBytes
}

// route delivers a message received from peer to its session, or holds it
// until the session opens, within the peer's bounds.
func (n *Node) route(peer transport.PartyID, m *transport.Message) {
	n.mu.Lock()
	defer n.mu.Unlock()
	// The peer speaks this node's wire version (again).
	delete(n.otherVersion, peer)
	key := string(m.SessionID)
	drop := func(why string) {
		n.dropped.Add(1)
		n.log.LogAttrs(n.ctx, slog.LevelDebug, "tlsnet: message dropped",
			slog.String("why", why), slog.Any("msg", m))
	}
	in := n.inbox[peer]
	size := messageSize(m)
	if s := n.sessions[key]; s != nil {
		switch {
		case !s.member[peer]:
			drop("sender is not a party of the session")
		case s.count[peer] >= n.cfg.MaxSessionQueue:
			drop("session queue full")
		case !n.makeRoomLocked(in, size, nil):
			drop("peer's byte bound reached")
		default:
			s.queue = append(s.queue, m)
			s.count[peer]++
			in.held += size
			notify(s.signal)
		}
		return
	}
	if _, ok := n.closedIDs[key]; ok {
		drop("session closed")
		return
	}

	part := in.pending[key]
	cost, partBytes := size, 0
	if part == nil {
		cost += len(key) + pendingOverhead
	} else {
		partBytes = part.bytes
	}
	switch {
	case part != nil && len(part.msgs) >= n.cfg.MaxSessionQueue:
		drop("session queue full")
		return
	case partBytes+cost > n.cfg.MaxPendingBytes:
		drop("pending bound reached")
		return
	case !n.makeRoomLocked(in, cost, part):
		drop("peer's byte bound reached")
		return
	}
	// The oldest session nobody opened is the likeliest to be one this
	// party is not part of.
	for part == nil && len(in.pending) >= n.cfg.MaxPendingSessions {
		if !n.evictOldestPendingLocked(in, nil) {
			break
		}
	}
	for in.pendingBytes+cost > n.cfg.MaxPendingBytes {
		if !n.evictOldestPendingLocked(in, part) {
			break // unreachable: partBytes+cost fits alone
		}
	}
	if part == nil {
		n.arrivals++
		part = &pendingPart{seq: n.arrivals}
		in.pending[key] = part
	}
	n.arrivals++
	part.msgs = append(part.msgs, arrival{m: m, seq: n.arrivals})
	part.bytes += cost
	in.pendingBytes += cost
	in.held += cost
}

// makeRoomLocked evicts the peer's oldest pending sessions, except keep,
// until cost more bytes fit within Config.MaxPeerBytes. If they cannot fit
// even with every other pending session gone, it evicts nothing and
// reports false.
func (n *Node) makeRoomLocked(in *peerInbox, cost int, keep *pendingPart) bool {
	kept := 0
	if keep != nil {
		kept = keep.bytes
	}
	if in.held-in.pendingBytes+kept+cost > n.cfg.MaxPeerBytes {
		return false
	}
	for in.held+cost > n.cfg.MaxPeerBytes {
		if !n.evictOldestPendingLocked(in, keep) {
			break // unreachable, by the check above
		}
	}
	return true
}

// evictOldestPendingLocked drops the peer's messages for the session,
// other than keep, that has been pending longest, and reports whether
// there was one.
func (n *Node) evictOldestPendingLocked(in *peerInbox, keep *pendingPart) bool {
	var oldest string
	var op *pendingPart
	for k, p := range in.pending {
		if p != keep && (op == nil || p.seq < op.seq) {
			oldest, op = k, p
		}
	}
	if op == nil {
		return false
	}
	delete(in.pending, oldest)
	in.pendingBytes -= op.bytes
	in.held -= op.bytes
	n.dropped.Add(int64(len(op.msgs)))
	return true
}

// handOverPending moves every peer's pending messages for s, just opened,
// to its queue, in their order of arrival; those of parties outside the
// session are dropped. Called with n.mu held.
func (n *Node) handOverPending(s *Session) {
	var early []arrival
	for peer, in := range n.inbox {
		p := in.pending[s.key]
		if p == nil {
			continue
		}
		delete(in.pending, s.key)
		in.pendingBytes -= p.bytes
		in.held -= p.bytes
		if !s.member[peer] {
			n.dropped.Add(int64(len(p.msgs)))
			continue
		}
		for _, a := range p.msgs {
			in.held += messageSize(a.m)
			s.count[peer]++
		}
		early = append(early, p.msgs...)
	}
	slices.SortFunc(early, func(a, b arrival) int {
		switch {
		case a.seq < b.seq:
			return -1
		case a.seq > b.seq:
			return 1
		}
		return 0
	})
	for _, a := range early {
		s.queue = append(s.queue, a.m)
	}
	if len(s.queue) > 0 {
		notify(s.signal)
	}
}

// releaseLocked uncounts m, which leaves s's queue.
func (n *Node) releaseLocked(s *Session, m *transport.Message) {
	s.count[m.From]--
	if in := n.inbox[m.From]; in != nil {
		in.held -= messageSize(m)
	}
}
