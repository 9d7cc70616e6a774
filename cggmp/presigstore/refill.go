package presigstore

import (
	"context"
	"encoding/hex"
	"errors"
	"fmt"
	"time"
)

// minIdle is the shortest wait of an idle Run before it looks at the
// store again for expired presignatures, so that a clock that disagrees
// with the timers never turns the wait into a busy loop.
const minIdle = 100 * time.Millisecond

// Run keeps the pool at its Target until ctx is done, then returns
// ctx's error. Each pass discards the presignatures that expired or
// belong to an older key generation, then makes one more with Presign
// and stores it if fewer than Target are ready. A full pool sleeps until
// Take, TakeID, Put or SetKey wakes it, or until its oldest presignature
// expires. A failed refill (Presign's error, or the store's) is reported
// to Config.OnError, returned by Err, logged, and followed by a wait of
// MinBackoff, doubled after every consecutive failure up to MaxBackoff;
// Run never stops for one. With Target 0, Run only discards. One Run at
// a time, and not with Fill (ErrRunning).
func (p *Pool) Run(ctx context.Context) error {
	if !p.run.CompareAndSwap(false, true) {
		return ErrRunning
	}
	defer p.run.Store(false)
	p.log.Info("presigstore: pool running", "target", p.cfg.Target, "max_age", p.cfg.MaxAge)
	var backoff time.Duration
	failures := 0
	for {
		if err := ctx.Err(); err != nil {
			p.log.Info("presigstore: pool stopped", "reason", err)
			return err
		}
		level, next, err := p.sweep(ctx)
		if err == nil && level < p.cfg.Target {
			var id []byte
			if id, err = p.refill(ctx); err == nil {
				failures, backoff = 0, 0
				p.setErr(nil)
				p.log.Info("presigstore: presignature added", "id", hex.EncodeToString(id), "level", level+1, "target", p.cfg.Target)
				continue
			}
		}
		if err != nil {
			if ctx.Err() != nil {
				continue // stopping, not failing
			}
			failures++
			backoff = min(max(2*backoff, p.cfg.MinBackoff), p.cfg.MaxBackoff)
			p.setErr(err)
			if p.cfg.OnError != nil {
				p.cfg.OnError(err)
			}
			p.log.Warn("presigstore: refill failed", "failures", failures, "retry_in", backoff, "err", err)
			sleep(ctx, backoff, nil)
			continue
		}
		var wait time.Duration // 0: until woken
		if !next.IsZero() {
			wait = max(next.Sub(p.cfg.Now()), minIdle)
		}
		sleep(ctx, wait, p.wake)
	}
}

// Fill brings the pool up to its Target now, for a process that wants
// presignatures ready before it serves: it discards the expired and
// retired ones and presigns until Target are ready, and returns the
// first error, without retrying. Not while Run runs (ErrRunning).
func (p *Pool) Fill(ctx context.Context) error {
	if !p.run.CompareAndSwap(false, true) {
		return ErrRunning
	}
	defer p.run.Store(false)
	for {
		level, _, err := p.sweep(ctx)
		if err != nil || level >= p.cfg.Target {
			return err
		}
		id, err := p.refill(ctx)
		if err != nil {
			return err
		}
		p.log.Info("presigstore: presignature added", "id", hex.EncodeToString(id), "level", level+1, "target", p.cfg.Target)
	}
}

// refill makes one presignature with the current key and stores it; one
// that cannot be stored is discarded.
func (p *Pool) refill(ctx context.Context) ([]byte, error) {
	key, _ := p.current()
	pres, err := p.cfg.Presign(ctx, key)
	if err != nil {
		return nil, fmt.Errorf("presigstore: presign: %w", err)
	}
	if pres == nil {
		return nil, errors.New("presigstore: presign returned no presignature")
	}
	id, err := p.Put(ctx, pres)
	if err != nil {
		pres.Discard()
		return nil, err
	}
	return id, nil
}

// sweep discards the retired presignatures and returns the number of
// usable ones and, with a MaxAge, when the first of them expires (zero
// without one, or none).
func (p *Pool) sweep(ctx context.Context) (level int, next time.Time, err error) {
	entries, err := p.cfg.Store.List(ctx)
	if err != nil {
		return 0, time.Time{}, err
	}
	_, gen := p.current()
	now := p.cfg.Now()
	for _, e := range entries {
		switch v, why := p.judge(e.Meta, gen, now); v {
		case retired:
			p.discard(ctx, e.ID, why)
		case unreadable:
			p.log.Warn("presigstore: presignature with a header this release does not read, left in the store", "id", hex.EncodeToString(e.ID))
		case usable:
			level++
			if p.cfg.MaxAge > 0 {
				if exp := e.Meta.Created.Add(p.cfg.MaxAge); next.IsZero() || exp.Before(next) {
					next = exp
				}
			}
		}
	}
	return level, next, nil
}

// setErr records the last refill's outcome for Err.
func (p *Pool) setErr(err error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.lastErr = err
}

// sleep waits for d (forever if d is 0), ctx, or a signal on wake.
func sleep(ctx context.Context, d time.Duration, wake <-chan struct{}) {
	var timeout <-chan time.Time
	if d > 0 {
		t := time.NewTimer(d)
		defer t.Stop()
		timeout = t.C
	}
	select {
	case <-ctx.Done():
	case <-timeout:
	case <-wake:
	}
}
