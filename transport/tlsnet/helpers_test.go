package tlsnet

import (
	"context"
	"crypto/tls"
	"encoding/binary"
	"errors"
	"net"
	"runtime"
	"sync"
	"testing"
	"time"

	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/mosaic-mpc/mosaic/dkg"
	"github.com/mosaic-mpc/mosaic/internal/keytest"
	"github.com/mosaic-mpc/mosaic/transport"
	"github.com/stretchr/testify/require"
)

func partyIDs(n int) []transport.PartyID {
	ids := make([]transport.PartyID, n)
	for i := range ids {
		ids[i] = transport.PartyID(i + 1)
	}
	return ids
}

// noLeak records the goroutine count now and, when the test ends (after
// every cleanup registered later, such as closing the nodes), waits up to
// five seconds for it to come back down, printing every stack if it does
// not. Register it first.
func noLeak(t testing.TB) {
	before := runtime.NumGoroutine()
	t.Cleanup(func() {
		deadline := time.Now().Add(5 * time.Second)
		for runtime.NumGoroutine() > before {
			if time.Now().After(deadline) {
				buf := make([]byte, 1<<20)
				buf = buf[:runtime.Stack(buf, true)]
				t.Fatalf("goroutine leak: %d before, %d now\n%s", before, runtime.NumGoroutine(), buf)
			}
			time.Sleep(10 * time.Millisecond)
		}
	})
}

func testPKI(t testing.TB, ids ...transport.PartyID) (*CA, map[transport.PartyID]*PartyCert) {
	ca, err := NewCA("tlsnet test CA")
	require.NoError(t, err)
	certs := map[transport.PartyID]*PartyCert{}
	for _, id := range ids {
		pc, err := ca.Issue(id, "127.0.0.1")
		require.NoError(t, err)
		certs[id] = pc
	}
	return ca, certs
}

// cluster is a set of nodes on loopback, closed when the test ends.
type cluster struct {
	ids   []transport.PartyID
	ca    *CA
	certs map[transport.PartyID]*PartyCert
	addrs map[transport.PartyID]string
	nodes map[transport.PartyID]*Node

	mu       sync.Mutex
	connErrs map[transport.PartyID][]*ConnError
}

func listen(t testing.TB) net.Listener {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	return ln
}

// newCluster starts n nodes with listeners on 127.0.0.1 port 0 and waits
// until they are all connected. tweak, if not nil, adjusts each Config.
func newCluster(t testing.TB, n int, tweak func(*Config)) *cluster {
	c := &cluster{
		ids:      partyIDs(n),
		addrs:    map[transport.PartyID]string{},
		nodes:    map[transport.PartyID]*Node{},
		connErrs: map[transport.PartyID][]*ConnError{},
	}
	c.ca, c.certs = testPKI(t, c.ids...)
	lns := map[transport.PartyID]net.Listener{}
	for _, id := range c.ids {
		lns[id] = listen(t)
		c.addrs[id] = lns[id].Addr().String()
	}
	t.Cleanup(c.close)
	for _, id := range c.ids {
		cfg := c.config(id)
		cfg.Listener = lns[id]
		if tweak != nil {
			tweak(&cfg)
		}
		node, err := New(cfg)
		require.NoError(t, err)
		c.nodes[id] = node
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	for _, id := range c.ids {
		require.NoError(t, c.nodes[id].WaitConnected(ctx))
	}
	return c
}

// config is party id's Config without a listener.
func (c *cluster) config(id transport.PartyID) Config {
	peers := map[transport.PartyID]string{}
	for _, p := range c.ids {
		if p != id {
			peers[p] = c.addrs[p]
		}
	}
	return Config{
		Self:        id,
		Peers:       peers,
		Certificate: c.certs[id].TLS,
		CA:          c.ca.Pool(),
		MinBackoff:  10 * time.Millisecond,
		MaxBackoff:  200 * time.Millisecond,
		OnConnError: func(e *ConnError) {
			c.mu.Lock()
			defer c.mu.Unlock()
			c.connErrs[id] = append(c.connErrs[id], e)
		},
	}
}

func (c *cluster) close() {
	for _, n := range c.nodes {
		n.Close()
	}
}

// waitConnError waits until party id has reported a connection error
// matching target, and returns it.
func (c *cluster) waitConnError(t testing.TB, id transport.PartyID, target error) *ConnError {
	t.Helper()
	return c.waitConnErrorFunc(t, id, func(e *ConnError) bool { return errors.Is(e, target) })
}

// waitConnErrorFunc waits until party id has reported a connection error
// for which match holds, and returns it.
func (c *cluster) waitConnErrorFunc(t testing.TB, id transport.PartyID, match func(*ConnError) bool) *ConnError {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for time.Now().Before(deadline) {
		c.mu.Lock()
		for _, e := range c.connErrs[id] {
			if match(e) {
				c.mu.Unlock()
				return e
			}
		}
		c.mu.Unlock()
		time.Sleep(5 * time.Millisecond)
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	t.Fatalf("party %d reported no matching error; got %v", id, c.connErrs[id])
	return nil
}

// rawClient opens a TLS connection to addr presenting cert, verifying
// nothing about the server (the tests play a misbehaving client).
func rawClient(t testing.TB, addr string, cert tls.Certificate) *tls.Conn {
	t.Helper()
	conn, err := tls.Dial("tcp", addr, &tls.Config{
		MinVersion:         tls.VersionTLS13,
		Certificates:       []tls.Certificate{cert},
		InsecureSkipVerify: true, // the test is the attacker; it checks nothing
	})
	require.NoError(t, err)
	t.Cleanup(func() { conn.Close() })
	return conn
}

// runAll drives one machine per party over conns, as memnet.RunAll does.
func runAll[Out any](ctx context.Context, conns map[transport.PartyID]transport.Conn, ms map[transport.PartyID]transport.Machine[Out], opts ...transport.Option) (map[transport.PartyID]Out, map[transport.PartyID]error) {
	var (
		mu   sync.Mutex
		wg   sync.WaitGroup
		outs = map[transport.PartyID]Out{}
		errs = map[transport.PartyID]error{}
	)
	for id, m := range ms {
		wg.Go(func() {
			out, err := transport.Run(ctx, m, conns[id], opts...)
			mu.Lock()
			defer mu.Unlock()
			if err != nil {
				errs[id] = err
				return
			}
			outs[id] = out
		})
	}
	wg.Wait()
	return outs, errs
}

// dkgMachines returns t-of-len(ids) key generation machines and their
// session id.
func dkgMachines(t testing.TB, c curve.Curve, ids []transport.PartyID, th int) ([]byte, map[transport.PartyID]transport.Machine[*dkg.KeyShare]) {
	return keytest.DKGMachines(t, c, ids, th)
}

// openAll opens session sid on every node of ids.
func (c *cluster) openAll(t testing.TB, sid []byte, ids []transport.PartyID) map[transport.PartyID]transport.Conn {
	conns := map[transport.PartyID]transport.Conn{}
	for _, id := range ids {
		s, err := c.nodes[id].Open(sid, ids)
		require.NoError(t, err)
		t.Cleanup(func() { s.Close() })
		conns[id] = s
	}
	return conns
}

// requireSameKey checks that every party got a share of one group key.
func requireSameKey(t testing.TB, ids []transport.PartyID, shares map[transport.PartyID]*dkg.KeyShare) {
	t.Helper()
	require.Len(t, shares, len(ids))
	first := shares[ids[0]].GroupKey
	for _, id := range ids {
		require.True(t, shares[id].GroupKey.Equal(first), "party %d has another group key", id)
	}
}

// encodeFrame returns m's frame, header and body, as a peer would write it.
func encodeFrame(m *transport.Message) ([]byte, error) {
	body, err := m.MarshalBinary()
	if err != nil {
		return nil, err
	}
	// body is at most MaxMessageSize, which fits in 32 bits.
	f := make([]byte, frameHeader, frameHeader+len(body))
	binary.BigEndian.PutUint32(f, uint32(len(body)))
	return append(f, body...), nil
}
