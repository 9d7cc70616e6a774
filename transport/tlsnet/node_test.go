package tlsnet

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/mosaic-mpc/mosaic/dkg"
	"github.com/mosaic-mpc/mosaic/transport"
	"github.com/stretchr/testify/require"
)

func TestDKGOverTLS(t *testing.T) {
	tests := []struct {
		name  string
		curve curve.Curve
		n, th int
	}{
		{"secp256k1 2-of-3", curve.Secp256k1(), 3, 2},
		{"edwards25519 3-of-5", curve.Edwards25519(), 5, 3},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			noLeak(t)
			c := newCluster(t, tc.n, nil)
			sid, ms := dkgMachines(t, tc.curve, c.ids, tc.th)
			conns := c.openAll(t, sid, c.ids)
			ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
			defer cancel()
			shares, errs := runAll(ctx, conns, ms, transport.WithRoundTimeout(10*time.Second))
			require.Empty(t, errs)
			requireSameKey(t, c.ids, shares)
			for _, id := range c.ids {
				require.Zero(t, c.nodes[id].Stats().Dropped)
			}
		})
	}
}

// Several runs share one pair of nodes, and each side opens its sessions at
// different times, so messages wait for sessions not opened yet.
func TestConcurrentSessions(t *testing.T) {
	noLeak(t)
	c := newCluster(t, 2, nil)
	const runs = 8
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	var wg sync.WaitGroup
	keys := make([][]*dkg.KeyShare, runs)
	errs := make([]error, 2*runs)
	for r := range runs {
		cv := curve.Secp256k1()
		if r%2 == 1 {
			cv = curve.Edwards25519()
		}
		sid, ms := dkgMachines(t, cv, c.ids, 2)
		keys[r] = make([]*dkg.KeyShare, 2)
		for i, id := range c.ids {
			wg.Go(func() {
				// Party 2 opens its odd sessions late.
				if id == 2 && r%2 == 1 {
					time.Sleep(50 * time.Millisecond)
				}
				s, err := c.nodes[id].Open(sid, nil)
				if err != nil {
					errs[2*r+i] = err
					return
				}
				defer s.Close()
				keys[r][i], errs[2*r+i] = transport.Run(ctx, ms[id], s, transport.WithRoundTimeout(10*time.Second))
			})
		}
	}
	wg.Wait()
	for _, err := range errs {
		require.NoError(t, err)
	}
	for r := range runs {
		require.True(t, keys[r][0].GroupKey.Equal(keys[r][1].GroupKey), "run %d", r)
		if r > 0 {
			require.False(t, keys[r][0].GroupKey.Equal(keys[r-1][0].GroupKey))
		}
	}
	for _, n := range c.nodes {
		require.Zero(t, n.Stats().Dropped)
	}
}

// killConn closes its node after a number of receives, in the middle of a
// protocol, as if the process died.
type killConn struct {
	transport.Conn
	node  *Node
	after int
	count int
	at    chan time.Time
}

func (k *killConn) Receive(ctx context.Context) (*transport.Message, error) {
	if k.count == k.after {
		// What the party sent before dying reaches everyone, so every
		// survivor waits for the victim alone. (Had some of its last
		// messages been lost, the survivors they reached would also
		// name the parties left waiting for them.)
		flushCtx, cancel := context.WithTimeout(ctx, 5*time.Second)
		k.node.Flush(flushCtx)
		cancel()
		k.node.Close()
		k.at <- time.Now()
		return nil, ErrClosed
	}
	k.count++
	return k.Conn.Receive(ctx)
}

// A party killed mid-protocol makes every other party return, within its
// round deadline, an abort naming that party.
func TestKilledPartyIsBlamed(t *testing.T) {
	tests := []struct {
		name   string
		victim transport.PartyID
		after  int // receives before dying
	}{
		{"lowest party after round 1", 1, 3},
		{"middle party after round 1", 3, 3},
		{"highest party at once", 4, 0},
		{"middle party in round 2", 2, 4},
	}
	const roundTimeout = 2 * time.Second
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			noLeak(t)
			c := newCluster(t, 4, nil)
			sid, ms := dkgMachines(t, curve.Secp256k1(), c.ids, 3)
			conns := c.openAll(t, sid, c.ids)
			killed := make(chan time.Time, 1)
			conns[tc.victim] = &killConn{Conn: conns[tc.victim], node: c.nodes[tc.victim], after: tc.after, at: killed}

			ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
			defer cancel()
			_, errs := runAll(ctx, conns, ms, transport.WithRoundTimeout(roundTimeout))
			var at time.Time
			select {
			case at = <-killed:
			default:
				t.Fatalf("party %d returned before it was killed: %v", tc.victim, errs[tc.victim])
			}
			took := time.Since(at)
			require.Len(t, errs, len(c.ids))
			for _, id := range c.ids {
				if id == tc.victim {
					continue
				}
				require.ErrorIs(t, errs[id], transport.ErrTimeout, "party %d", id)
				require.Equal(t, []transport.PartyID{tc.victim}, transport.Culprits(errs[id]), "party %d: %v", id, errs[id])
			}
			// Every survivor was in a round that started at most when the
			// victim died, so the whole run ends within one deadline of it
			// (plus scheduling slack).
			require.Less(t, took, roundTimeout+3*time.Second)
		})
	}
}

// A broken connection is redialed, and the frames sent meanwhile arrive.
func TestReconnect(t *testing.T) {
	noLeak(t)
	c := newCluster(t, 2, nil)
	sid := []byte("reconnect session")
	s1, err := c.nodes[1].Open(sid, nil)
	require.NoError(t, err)
	s2, err := c.nodes[2].Open(sid, nil)
	require.NoError(t, err)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()

	for round := 1; round <= 3; round++ {
		// Break the connection under both nodes, then send at once.
		l := c.nodes[1].links[2]
		l.mu.Lock()
		if l.current != nil {
			l.current.Close()
		}
		l.mu.Unlock()
		msg := &transport.Message{Protocol: "test/v1", Round: round, SessionID: sid, From: 1, Payload: []byte{byte(round)}}
		require.NoError(t, s1.Send(ctx, msg))
		got, err := s2.Receive(ctx)
		require.NoError(t, err)
		require.Equal(t, msg, got)
	}
	require.GreaterOrEqual(t, c.nodes[1].Stats().Connections, int64(3))
	require.NoError(t, c.nodes[1].Flush(ctx))
}

func TestSessionErrors(t *testing.T) {
	noLeak(t)
	c := newCluster(t, 3, nil)
	n1 := c.nodes[1]
	ctx := context.Background()
	sid := []byte("session errors")

	s, err := n1.Open(sid, []transport.PartyID{1, 2})
	require.NoError(t, err)
	_, err = n1.Open(sid, nil)
	require.ErrorIs(t, err, ErrSessionInUse)

	msg := func(from, to transport.PartyID, session []byte) *transport.Message {
		return &transport.Message{Protocol: "test/v1", Round: 1, SessionID: session, From: from, To: to, Payload: []byte("x")}
	}
	require.ErrorIs(t, s.Send(ctx, msg(2, 0, sid)), ErrSpoofed)
	require.ErrorIs(t, s.Send(ctx, msg(1, 3, sid)), ErrUnknownParty, "3 is not in the session")
	require.ErrorIs(t, s.Send(ctx, msg(1, 1, sid)), ErrUnknownParty, "to self")
	require.ErrorIs(t, s.Send(ctx, msg(1, 2, []byte("other"))), ErrMisrouted)
	require.ErrorIs(t, s.Send(ctx, &transport.Message{SessionID: sid, From: 1}), transport.ErrMalformed)
	require.Error(t, s.Send(ctx, nil))
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	require.ErrorIs(t, s.Send(cancelled, msg(1, 2, sid)), context.Canceled)

	require.NoError(t, s.Close())
	require.NoError(t, s.Close())
	require.ErrorIs(t, s.Send(ctx, msg(1, 2, sid)), ErrClosed)
	_, err = s.Receive(ctx)
	require.ErrorIs(t, err, ErrClosed)
	_, err = n1.Open(sid, nil)
	require.ErrorIs(t, err, ErrSessionReused)

	for _, bad := range []struct {
		sid     []byte
		parties []transport.PartyID
		want    error
	}{
		{nil, nil, ErrConfig},
		{make([]byte, transport.MaxSessionID+1), nil, ErrConfig},
		{[]byte("a"), []transport.PartyID{2, 3}, ErrConfig},
		{[]byte("b"), []transport.PartyID{1, 9}, ErrUnknownParty},
		{[]byte("c"), []transport.PartyID{1, 1}, ErrConfig},
	} {
		_, err := n1.Open(bad.sid, bad.parties)
		require.ErrorIs(t, err, bad.want, "%q %v", bad.sid, bad.parties)
	}

	// Conn reports Open's error on use.
	conn := n1.Conn(sid)
	_, err = conn.Receive(ctx)
	require.ErrorIs(t, err, ErrSessionReused)
	require.ErrorIs(t, conn.Send(ctx, msg(1, 2, sid)), ErrSessionReused)

	n1.Close()
	_, err = n1.Open([]byte("after close"), nil)
	require.ErrorIs(t, err, ErrClosed)
	require.ErrorIs(t, n1.WaitConnected(ctx), ErrClosed)
}

// Receive returns at once when its context ends and takes no message; a
// message sent meanwhile is there for the next Receive.
func TestReceiveCancel(t *testing.T) {
	noLeak(t)
	c := newCluster(t, 2, nil)
	sid := []byte("cancel")
	s1, err := c.nodes[1].Open(sid, nil)
	require.NoError(t, err)
	s2, err := c.nodes[2].Open(sid, nil)
	require.NoError(t, err)

	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	start := time.Now()
	_, err = s2.Receive(ctx)
	cancel()
	require.ErrorIs(t, err, context.DeadlineExceeded)
	require.Less(t, time.Since(start), time.Second)

	m := &transport.Message{Protocol: "test/v1", Round: 1, SessionID: sid, From: 1, Payload: []byte("p")}
	require.NoError(t, s1.Send(context.Background(), m))
	require.Eventually(t, func() bool {
		c.nodes[2].mu.Lock()
		defer c.nodes[2].mu.Unlock()
		return len(s2.queue) == 1
	}, 5*time.Second, 5*time.Millisecond)
	done, cancel := context.WithCancel(context.Background())
	cancel()
	_, err = s2.Receive(done)
	require.ErrorIs(t, err, context.Canceled)
	got, err := s2.Receive(context.Background())
	require.NoError(t, err)
	require.Equal(t, m, got)
}

// Messages for sessions nobody opens are held within bounds: the oldest
// pending session is evicted, and a session's own bound drops the excess.
func TestPendingBounds(t *testing.T) {
	noLeak(t)
	c := newCluster(t, 2, func(cfg *Config) {
		cfg.MaxPendingSessions = 4
		cfg.MaxSessionQueue = 3
	})
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	send := func(sid string, k int) {
		s, err := c.nodes[1].Open([]byte(sid), nil)
		require.NoError(t, err)
		defer s.Close()
		for i := range k {
			require.NoError(t, s.Send(ctx, &transport.Message{Protocol: "test/v1", Round: i + 1, SessionID: []byte(sid), From: 1}))
		}
	}
	for i := range 6 {
		send(fmt.Sprintf("s%d", i), 1) // s0 and s1 get evicted
	}
	send("big", 5) // 2 over the session bound
	require.NoError(t, c.nodes[1].Flush(ctx))
	require.Eventually(t, func() bool { return c.nodes[2].Stats().Received == 11 }, 5*time.Second, 5*time.Millisecond)
	st := c.nodes[2].Stats()
	require.Equal(t, int64(2+2+1), st.Dropped, "s0, s1, then s2 for big, and big's two extra")

	for _, tc := range []struct {
		sid  string
		want int
	}{{"s0", 0}, {"s3", 1}, {"big", 3}} {
		s, err := c.nodes[2].Open([]byte(tc.sid), nil)
		require.NoError(t, err)
		c.nodes[2].mu.Lock()
		got := len(s.queue)
		c.nodes[2].mu.Unlock()
		require.Equal(t, tc.want, got, tc.sid)
		s.Close()
	}
}

// A session among some parties neither sends to nor accepts from the
// others.
func TestSessionParties(t *testing.T) {
	noLeak(t)
	c := newCluster(t, 3, nil)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	sid := []byte("two of three")
	s1, err := c.nodes[1].Open(sid, []transport.PartyID{1, 2})
	require.NoError(t, err)
	s2, err := c.nodes[2].Open(sid, []transport.PartyID{1, 2})
	require.NoError(t, err)
	s3, err := c.nodes[3].Open(sid, nil) // 3 thinks it is in the run
	require.NoError(t, err)

	require.NoError(t, s1.Send(ctx, &transport.Message{Protocol: "test/v1", Round: 1, SessionID: sid, From: 1}))
	got, err := s2.Receive(ctx)
	require.NoError(t, err)
	require.Equal(t, transport.PartyID(1), got.From)
	require.NoError(t, s3.Send(ctx, &transport.Message{Protocol: "test/v1", Round: 1, SessionID: sid, From: 3}))
	require.NoError(t, c.nodes[3].Flush(ctx))
	require.Eventually(t, func() bool {
		return c.nodes[1].Stats().Dropped == 1 && c.nodes[2].Stats().Dropped == 1
	}, 5*time.Second, 5*time.Millisecond)
	short, cancel2 := context.WithTimeout(ctx, 20*time.Millisecond)
	defer cancel2()
	_, err = s3.Receive(short)
	require.ErrorIs(t, err, context.DeadlineExceeded, "1's broadcast went to 2 only")
}

func TestCloseIsIdempotentAndStopsEverything(t *testing.T) {
	noLeak(t)
	c := newCluster(t, 3, nil)
	s, err := c.nodes[2].Open([]byte("x"), nil)
	require.NoError(t, err)
	errc := make(chan error, 1)
	go func() {
		_, err := s.Receive(context.Background())
		errc <- err
	}()
	require.NoError(t, c.nodes[2].Close())
	require.NoError(t, c.nodes[2].Close())
	require.ErrorIs(t, <-errc, ErrClosed)
	require.False(t, c.nodes[2].Connected(1))
	// The others notice and keep redialing or waiting, without leaking.
	require.Eventually(t, func() bool { return !c.nodes[1].Connected(2) && !c.nodes[3].Connected(2) }, 5*time.Second, 5*time.Millisecond)
}
