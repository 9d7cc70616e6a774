package mobile_test

import (
	"fmt"
	"sync"
	"time"

	"github.com/mosaic-mpc/mosaic/mobile"
)

// hub is the app's side in tests: an in-memory message channel between n
// parties, standing in for a WebSocket relay.
type hub struct {
	boxes []chan []byte // index 0 unused
}

func newHub(n int) *hub {
	h := &hub{boxes: make([]chan []byte, n+1)}
	for i := 1; i <= n; i++ {
		h.boxes[i] = make(chan []byte, 1024)
	}
	return h
}

// endpoint is party self's mobile.Transport.
type endpoint struct {
	h    *hub
	self int
}

func (e *endpoint) Send(to int, message []byte) error {
	if to < 0 || to >= len(e.h.boxes) {
		return fmt.Errorf("no party %d", to)
	}
	for i := 1; i < len(e.h.boxes); i++ {
		if i != e.self && (to == 0 || to == i) {
			e.h.boxes[i] <- append([]byte(nil), message...)
		}
	}
	return nil
}

func (e *endpoint) Receive(timeoutMillis int) ([]byte, error) {
	select {
	case m := <-e.h.boxes[e.self]:
		return m, nil
	case <-time.After(time.Duration(timeoutMillis) * time.Millisecond):
		return nil, nil
	}
}

// progressLog records the steps a party reports as done.
type progressLog struct {
	mu   sync.Mutex
	done []string
}

func (p *progressLog) OnProgress(step string, round int, done bool) {
	if done {
		p.mu.Lock()
		p.done = append(p.done, step)
		p.mu.Unlock()
	}
}

// configs returns the configs of a t-of-n key.
func configs(t, n int) ([]*mobile.Config, error) {
	var seeds [][]byte
	var ids []byte
	for i := 0; i < n; i++ {
		seed, err := mobile.NewIdentitySeed()
		if err != nil {
			return nil, err
		}
		pub, err := mobile.IdentityPublicKey(seed)
		if err != nil {
			return nil, err
		}
		seeds = append(seeds, seed)
		ids = append(ids, pub...)
	}
	var out []*mobile.Config
	for i := 0; i < n; i++ {
		out = append(out, &mobile.Config{Self: i + 1, Parties: n, Threshold: t, IdentitySeed: seeds[i], PeerIdentities: ids,
			Nonce: []byte("the coordinator's fresh nonce"), RoundTimeoutMillis: 20000})
	}
	return out, nil
}

// all runs f for the given parties at once and returns their errors.
func all(parties []int, f func(self int) error) error {
	var wg sync.WaitGroup
	errs := make([]error, len(parties))
	for i, p := range parties {
		wg.Go(func() { errs[i] = f(p) })
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			return fmt.Errorf("party %d: %w", parties[i], err)
		}
	}
	return nil
}
