package wsnet

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"sync"
	"time"

	"github.com/coder/websocket"

	"github.com/mosaic-mpc/mosaic/transport"
)

// MaxQueued is how many frames the relay keeps for a party that has not
// connected yet (or has dropped); later ones are dropped.
const MaxQueued = 4096

// writeTimeout bounds one frame's write to a party, so that a stalled
// party cannot hold up the others for long.
const writeTimeout = 30 * time.Second

// Relay forwards frames between the parties of one party set. It is an
// http.Handler for the WebSocket upgrade; serve it at the URL the parties
// dial. It never opens a direct message (it has no key to) and stamps
// every frame with its sender's registered id.
type Relay struct {
	parties []transport.PartyID
	log     *slog.Logger

	mu     sync.Mutex
	conns  map[transport.PartyID]*websocket.Conn
	queued map[transport.PartyID][][]byte
}

// NewRelay returns a relay for parties; log may be nil.
func NewRelay(parties []transport.PartyID, log *slog.Logger) (*Relay, error) {
	if err := transport.ValidateParties(parties); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrConfig, err)
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Relay{parties: transport.SortedCopy(parties), log: log,
		conns: map[transport.PartyID]*websocket.Conn{}, queued: map[transport.PartyID][][]byte{}}, nil
}

// ServeHTTP accepts one party's WebSocket and relays its frames until it
// closes. The default origin check of the WebSocket library applies: a
// page may connect only from the relay's own host.
func (r *Relay) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	ws, err := websocket.Accept(w, req, nil)
	if err != nil {
		r.log.Warn("wsnet: upgrade", "err", err)
		return
	}
	ws.SetReadLimit(MaxFrameSize)
	ctx := req.Context()
	self, err := r.register(ctx, ws)
	if err != nil {
		r.log.Warn("wsnet: registration", "err", err)
		ws.Close(websocket.StatusPolicyViolation, err.Error())
		return
	}
	defer r.unregister(self, ws)
	r.log.Info("wsnet: party connected", "party", self)
	for {
		_, frame, err := ws.Read(ctx)
		if err != nil {
			r.log.Info("wsnet: party gone", "party", self, "err", err)
			return
		}
		to, _, _, err := parseHeader(frame)
		if err != nil || (to != 0 && !transport.Contains(r.parties, to)) || to == self {
			r.log.Warn("wsnet: frame dropped", "party", self, "to", to, "err", err)
			continue
		}
		// The sender's registered id, whatever the frame said.
		copy(frame[4:8], header(0, self)[4:8])
		if to != 0 {
			r.forward(ctx, to, frame)
			continue
		}
		for _, p := range r.parties {
			if p != self {
				r.forward(ctx, p, frame)
			}
		}
	}
}

// register reads the hello and makes ws the connection of its party,
// sending it the frames queued for it.
func (r *Relay) register(ctx context.Context, ws *websocket.Conn) (transport.PartyID, error) {
	hctx, cancel := context.WithTimeout(ctx, writeTimeout)
	defer cancel()
	_, frame, err := ws.Read(hctx)
	if err != nil {
		return 0, err
	}
	_, from, body, err := parseHeader(frame)
	if err != nil {
		return 0, err
	}
	if string(body) != hello {
		return 0, fmt.Errorf("%w: not a hello", ErrFrame)
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if !transport.Contains(r.parties, from) || r.conns[from] != nil {
		return 0, fmt.Errorf("%w: party %d", ErrRefused, from)
	}
	r.conns[from] = ws
	for _, f := range r.queued[from] {
		if err := write(ctx, ws, f); err != nil {
			return 0, err
		}
	}
	delete(r.queued, from)
	return from, nil
}

func (r *Relay) unregister(p transport.PartyID, ws *websocket.Conn) {
	r.mu.Lock()
	if r.conns[p] == ws {
		delete(r.conns, p)
	}
	r.mu.Unlock()
	ws.CloseNow()
}

// forward writes frame to party to, or queues it while to is away.
func (r *Relay) forward(ctx context.Context, to transport.PartyID, frame []byte) {
	r.mu.Lock()
	ws := r.conns[to]
	if ws == nil {
		if len(r.queued[to]) < MaxQueued {
			r.queued[to] = append(r.queued[to], frame)
		}
		r.mu.Unlock()
		return
	}
	r.mu.Unlock()
	if err := write(ctx, ws, frame); err != nil {
		r.log.Warn("wsnet: write", "to", to, "err", err)
	}
}

func write(ctx context.Context, ws *websocket.Conn, frame []byte) error {
	wctx, cancel := context.WithTimeout(ctx, writeTimeout)
	defer cancel()
	return ws.Write(wctx, websocket.MessageBinary, frame)
}
