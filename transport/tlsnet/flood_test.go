package tlsnet

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"os"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/mosaic-mpc/mosaic/transport"
	"github.com/stretchr/testify/require"
)

// floodHeapBound is the heap the package documentation promises a node
// flooded by one peer stays under, with the default Config ("Memory
// bounds"): the test process's whole heap in use, flooding peer and
// honest parties included.
const floodHeapBound = 256 << 20

// floodReport is what floodNode measured.
type floodReport struct {
	sent, frames int64           // bytes and frames the flooding peer wrote
	took         time.Duration   // to write them all
	peakHeap     uint64          // highest runtime.MemStats.HeapInuse seen
	peakHeld     int64           // highest Stats.Held of the flooded node
	runs         int             // honest runs completed while the flood went on
	runTimes     []time.Duration // of every honest run
}

// floodFrame is one encoded frame, header included, that the flooding
// peer writes again and again; counterAt, if not zero, is the offset of 8
// bytes of its session id that take a fresh value each time.
type floodFrame struct {
	frame     []byte
	counterAt int
}

func newFloodFrame(t testing.TB, sid []byte, payload int, counter bool) floodFrame {
	m := &transport.Message{Protocol: "flood/v1", Round: 1, SessionID: sid, From: 1, To: 4, Payload: bytes.Repeat([]byte{0x5a}, payload)}
	f, err := encodeFrame(m)
	require.NoError(t, err)
	ff := floodFrame{frame: f}
	if counter {
		ff.counterAt = frameHeader + wireHeader + len(m.Protocol) + len(sid) - 8
	}
	return ff
}

// floodNode plays party 1 of a four-party cluster as an authenticated
// peer that writes total bytes of well-formed frames to party 4 as fast as
// the connection takes them, generated on the fly: frames for ever new
// sessions nobody opens (some of the largest size a frame may have), for
// a session party 1 is not part of, and for a session party 4 opened and
// never reads. Meanwhile parties 2, 3 and 4 run key generations one after
// another, and the process's heap is sampled.
func floodNode(t *testing.T, total int64) floodReport {
	c := newCluster(t, 4, nil)
	c.nodes[1].Close() // the flooding peer plays party 1 from here on
	victim := c.nodes[4]
	honest := []transport.PartyID{2, 3, 4}

	open, err := victim.Open([]byte("flood/open"), []transport.PartyID{1, 4})
	require.NoError(t, err)
	defer open.Close()
	others, err := victim.Open([]byte("flood/others"), honest)
	require.NoError(t, err)
	defer others.Close()
	frames := []floodFrame{
		newFloodFrame(t, []byte("flood/open"), 1<<20, false),
		newFloodFrame(t, []byte("flood/pending/01234567"), 1<<20, true),
		newFloodFrame(t, []byte("flood/others"), 1<<20, false),
		newFloodFrame(t, []byte("flood/pending/01234567"), transport.MaxPayload, true),
	}
	// Mostly 1 MiB frames, and every 32nd one of 16 MiB. The first half
	// goes to new sessions and to the session party 1 is not part of:
	// every frame is read and decoded, and evicts an older one, the most
	// garbage per byte. The second half adds the open session, which
	// fills party 1's bound, after which every frame is skipped unread.
	pick := func(i, sent int64) *floodFrame {
		switch {
		case i%32 == 31:
			return &frames[3]
		case sent < total/2:
			return &frames[1+i%2]
		}
		return &frames[i%3]
	}

	var (
		rep      floodReport
		flooding atomic.Bool
		wg       sync.WaitGroup
		stop     = make(chan struct{})
	)
	flooding.Store(true)
	// The sampler.
	wg.Go(func() {
		tick := time.NewTicker(10 * time.Millisecond)
		defer tick.Stop()
		var ms runtime.MemStats
		for {
			runtime.ReadMemStats(&ms)
			rep.peakHeap = max(rep.peakHeap, ms.HeapInuse)
			rep.peakHeld = max(rep.peakHeld, victim.Stats().Held)
			select {
			case <-stop:
				return
			case <-tick.C:
			}
		}
	})
	// The honest parties, until the flood is over and once more after.
	var runErrs []error
	wg.Go(func() {
		for more := true; more; {
			more = flooding.Load()
			start := time.Now()
			sid, ms := dkgMachines(t, curve.Secp256k1(), honest, 2)
			conns := map[transport.PartyID]transport.Conn{}
			for _, id := range honest {
				s, err := c.nodes[id].Open(sid, honest)
				if err != nil {
					runErrs = append(runErrs, err)
					return
				}
				defer s.Close()
				conns[id] = s
			}
			ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
			shares, errs := runAll(ctx, conns, ms, transport.WithRoundTimeout(30*time.Second))
			cancel()
			for _, err := range errs {
				runErrs = append(runErrs, err)
			}
			if len(shares) != len(honest) {
				runErrs = append(runErrs, errors.New("a run ended without every share"))
				return
			}
			rep.runTimes = append(rep.runTimes, time.Since(start))
			if more && flooding.Load() {
				rep.runs++
			}
		}
	})

	conn := rawClient(t, c.addrs[4], c.certs[1].TLS)
	start := time.Now()
	var counter uint64
	for rep.sent < total {
		f := pick(rep.frames, rep.sent)
		if f.counterAt != 0 {
			counter++
			binary.BigEndian.PutUint64(f.frame[f.counterAt:], counter)
		}
		_, err := conn.Write(f.frame)
		require.NoError(t, err)
		rep.sent += int64(len(f.frame))
		rep.frames++
	}
	rep.took = time.Since(start)
	// Every frame was read (held, dropped or skipped) on a connection that
	// stayed up.
	require.Eventually(t, func() bool { return victim.links[1].framesIn.Load() == rep.frames },
		time.Minute, 10*time.Millisecond)
	flooding.Store(false)
	close(stop)
	wg.Wait()

	require.Empty(t, runErrs, "the honest runs")
	c.mu.Lock()
	for _, e := range c.connErrs[4] {
		require.NotEqual(t, conn.LocalAddr().String(), e.Remote, "the flooding peer's connection went on: %v", e)
	}
	c.mu.Unlock()
	st := victim.Stats()
	require.Positive(t, st.Dropped)
	require.LessOrEqual(t, rep.peakHeld, int64(DefaultMaxPeerBytes+DefaultMaxPeerBytes/8),
		"party 1's bound and the honest runs' few messages")
	t.Logf("%d MiB in %d frames in %v (%.0f MiB/s); peak heap in use %d MiB, peak held %d MiB; "+
		"%d honest runs during the flood, the slowest of all %d in %v",
		rep.sent>>20, rep.frames, rep.took.Round(time.Millisecond), float64(rep.sent>>20)/rep.took.Seconds(),
		rep.peakHeap>>20, rep.peakHeld>>20, rep.runs, len(rep.runTimes), slices.Max(rep.runTimes).Round(time.Millisecond))
	return rep
}

// A peer that floods a node with 1 GiB of well-formed frames leaves its
// heap under floodHeapBound, and the other parties' runs go on meanwhile
// (it takes a few seconds).
func TestFloodOfOneGiBStaysBounded(t *testing.T) {
	if testing.Short() {
		// CI's -race -short pass: the race detector multiplies both the
		// time and the heap this measures.
		t.Skip("a 1 GiB flood with a heap bound: run without -short")
	}
	noLeak(t)
	rep := floodNode(t, 1<<30)
	require.GreaterOrEqual(t, rep.sent, int64(1<<30))
	require.Less(t, rep.peakHeap, uint64(floodHeapBound))
	require.Positive(t, rep.runs, "an honest run completed during the flood")
	// The peak resident set of the whole test process, for the record.
	if status, err := os.ReadFile("/proc/self/status"); err == nil {
		for line := range strings.SplitSeq(string(status), "\n") {
			if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
				t.Log("peak resident set of the test process:", strings.TrimSpace(v))
			}
		}
	}
}
