package main

import (
	"context"
	"crypto/rand"
	"embed"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/mosaic-mpc/mosaic/examples/web/party"
	"github.com/mosaic-mpc/mosaic/transport"
	"github.com/mosaic-mpc/mosaic/transport/wsnet"
)

//go:embed static
var static embed.FS

// The run's shape: a 2-of-3 key whose third party is the browser, which
// signs with party 1.
var (
	parties = []transport.PartyID{1, 2, 3}
	servers = []transport.PartyID{1, 2}
	signers = []transport.PartyID{1, 3}
)

// browser is the page's party id; threshold is the key's.
const browser transport.PartyID = 3

const threshold = 2

// server serves the page, the browser party and one relay per run, and
// runs the server parties of every run.
type server struct {
	ctx   context.Context
	stop  context.CancelFunc // ends the server parties' runs
	level int
	out   io.Writer
	log   *slog.Logger
	dir   string // the built browser party
	addr  string // where Listen listens
	mux   *http.ServeMux
	http  *http.Server
	wg    sync.WaitGroup

	mu   sync.Mutex
	runs map[string]*run
}

// run is one page's key: its relay and the outcome of the server parties.
type run struct {
	relay *wsnet.Relay
	// done is closed when both server parties are over; err says how.
	done chan struct{}
	err  error
}

// newServer builds the browser party and returns the server.
func newServer(ctx context.Context, level int, out io.Writer, log *slog.Logger) (*server, error) {
	dir, err := os.MkdirTemp("", "mosaic-web-")
	if err != nil {
		return nil, err
	}
	start := time.Now()
	fmt.Fprintf(out, "• building the browser party (GOOS=js GOARCH=wasm go build %s)\n", wasmPackage)
	if err := buildWasm(ctx, dir); err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	fmt.Fprintf(out, "  built in %v\n", time.Since(start).Round(time.Millisecond))
	ctx, stop := context.WithCancel(ctx)
	s := &server{ctx: ctx, stop: stop, level: level, out: out, log: log, dir: dir, runs: map[string]*run{}}
	page, err := fs.Sub(static, "static")
	if err != nil {
		return nil, err
	}
	s.mux = http.NewServeMux()
	s.mux.Handle("GET /", http.FileServerFS(page))
	s.mux.HandleFunc("GET /mosaic.wasm", s.file("mosaic.wasm"))
	s.mux.HandleFunc("GET /wasm_exec.js", s.file("wasm_exec.js"))
	s.mux.HandleFunc("POST /api/join", s.join)
	s.mux.HandleFunc("GET /relay/{run}", s.relay)
	return s, nil
}

// Listen serves on addr and returns the page's URL.
func (s *server) Listen(addr string) (string, error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return "", err
	}
	s.addr = ln.Addr().String()
	s.http = &http.Server{Handler: s.mux, ReadHeaderTimeout: 10 * time.Second}
	s.wg.Go(func() {
		if err := s.http.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			s.log.Error("serve", "err", err)
		}
	})
	return "http://" + s.addr + "/", nil
}

// Close stops serving and the server parties, and removes the built
// files.
func (s *server) Close() error {
	s.stop()
	if s.http != nil {
		s.http.Close()
	}
	s.wg.Wait()
	return os.RemoveAll(s.dir)
}

func (s *server) file(name string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(name, ".wasm") {
			w.Header().Set("Content-Type", "application/wasm")
		}
		http.ServeFile(w, r, filepath.Join(s.dir, name))
	}
}

// joinReply is what the page gets: its party id and the plan.
type joinReply struct {
	Self transport.PartyID `json:"self"`
	Plan party.Plan        `json:"plan"`
}

// join takes the browser party's public keys, makes the server parties'
// keys and the plan, starts the server parties and answers with the plan.
func (s *server) join(w http.ResponseWriter, r *http.Request) {
	var peer party.Peer
	if err := json.NewDecoder(io.LimitReader(r.Body, 4096)).Decode(&peer); err != nil {
		http.Error(w, "bad keys: "+err.Error(), http.StatusBadRequest)
		return
	}
	peer.ID = browser
	nonce := make([]byte, 16)
	rand.Read(nonce)
	id := hex.EncodeToString(nonce[:8])
	plan := party.Plan{Parties: parties, Threshold: threshold, Signers: signers, Nonce: nonce, Level: s.level,
		Peers: []party.Peer{peer}, Relay: "/relay/" + id}
	keys := map[transport.PartyID]*party.Keys{}
	for _, p := range servers {
		k, err := party.NewKeys()
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		keys[p] = k
		plan.Peers = append(plan.Peers, k.Peer(p))
	}
	relay, err := wsnet.NewRelay(parties, s.log)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	// Check the browser's keys as every party will.
	if err := plan.Check(); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	rn := &run{relay: relay, done: make(chan struct{})}
	s.mu.Lock()
	s.runs[id] = rn
	s.mu.Unlock()
	fmt.Fprintf(s.out, "• run %s: the browser joined as party %d; server parties %v start\n", id, browser, servers)
	s.wg.Go(func() { s.runServers(rn, id, plan, keys) })
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(joinReply{Self: browser, Plan: plan})
}

func (s *server) relay(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	rn := s.runs[r.PathValue("run")]
	s.mu.Unlock()
	if rn == nil {
		http.NotFound(w, r)
		return
	}
	rn.relay.ServeHTTP(w, r)
}

// wait returns the outcome of the server parties of the last run, once
// they are over or ctx is done.
func (s *server) wait(ctx context.Context) error {
	s.mu.Lock()
	var all []*run
	for _, rn := range s.runs {
		all = append(all, rn)
	}
	s.mu.Unlock()
	var errs []error
	for _, rn := range all {
		select {
		case <-rn.done:
			errs = append(errs, rn.err)
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	return errors.Join(errs...)
}
