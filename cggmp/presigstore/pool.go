package presigstore

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"github.com/mosaic-mpc/mosaic/cggmp"
)

// Config configures a Pool.
type Config struct {
	// Store holds the sealed presignatures; the Pool is its only user.
	Store Store
	// SealingKey seals and opens them.
	SealingKey *SealingKey
	// Key is this party's key as it is now. Only presignatures made with
	// it (cggmp.Presignature.CheckKey) are stored and handed out; after a
	// refresh, give the pool the new key with SetKey.
	Key *cggmp.Key
	// Name identifies the pool in its log lines, for example the party
	// and key it serves; empty means a random one.
	Name string
	// Target is the number of presignatures Run keeps ready (0: Run only
	// discards expired and retired ones). A positive Target needs
	// Presign.
	Target int
	// Presign makes one presignature with key, for Run: at a party that
	// drives presigning, a run of cggmp.NewPresign among the signers
	// (see the package documentation for the parties that follow).
	// Presigning is interactive, so Presign may block as long as ctx
	// allows; Run cancels ctx when it stops.
	Presign func(ctx context.Context, key *cggmp.Key) (*cggmp.Presignature, error)
	// MaxAge, if positive, is how long a presignature stays usable after
	// it was stored: older ones are discarded by Run and refused by Take
	// and TakeID (ErrExpired), and so are records of the first format,
	// which carry no creation time. Zero keeps them without limit.
	MaxAge time.Duration
	// MinBackoff and MaxBackoff bound Run's wait after a failed refill,
	// doubled after each consecutive failure (defaults 1s and 5min).
	MinBackoff, MaxBackoff time.Duration
	// OnError, if set, is called by Run with every failed refill, before
	// it backs off; it runs on Run's goroutine and should not block.
	OnError func(error)
	// Logger receives the pool's progress: start and stop, presignatures
	// stored, discarded and taken (by id), failures and back-offs. It
	// never logs key material or sealed bytes. nil discards.
	Logger *slog.Logger
	// Now is the pool's clock, for creation times and expiry; nil means
	// time.Now. The package reads the time through it only.
	Now func() time.Time
	// Rand is the source of the seal's nonces and of a random Name; nil
	// means crypto/rand.
	Rand io.Reader
}

// Defaults of Config.
const (
	// DefaultMinBackoff is Run's first wait after a failed refill.
	DefaultMinBackoff = time.Second
	// DefaultMaxBackoff is Run's longest wait between failed refills.
	DefaultMaxBackoff = 5 * time.Minute
)

// Errors of a Pool.
var (
	// ErrConfig is returned by NewPool and SetKey for an unusable
	// configuration.
	ErrConfig = errors.New("presigstore: invalid pool configuration")
	// ErrExpired is returned by Take and TakeID for a presignature
	// older than Config.MaxAge (or of unknown age); it is out of the
	// store.
	ErrExpired = errors.New("presigstore: presignature expired")
	// ErrRunning is returned by Run and Fill while a Run or Fill of the
	// pool is under way.
	ErrRunning = errors.New("presigstore: pool already running")
)

// Pool keeps one party's presignatures for one key in a Store: it seals
// and stores the presignatures it is given (Put) or makes (Run), hands
// each out once, checked against the key (Take, TakeID), and discards the
// expired and those of an older generation of the key. A Pool is safe for
// concurrent use.
type Pool struct {
	cfg  Config
	log  *slog.Logger
	wake chan struct{}
	run  atomic.Bool

	mu      sync.Mutex
	key     *cggmp.Key
	gen     []byte
	lastErr error
}

// NewPool checks cfg and returns its pool.
func NewPool(cfg Config) (*Pool, error) {
	switch {
	case cfg.Store == nil:
		return nil, fmt.Errorf("%w: nil Store", ErrConfig)
	case cfg.SealingKey == nil:
		return nil, fmt.Errorf("%w: nil SealingKey", ErrConfig)
	case cfg.Target < 0:
		return nil, fmt.Errorf("%w: Target %d", ErrConfig, cfg.Target)
	case cfg.Target > 0 && cfg.Presign == nil:
		return nil, fmt.Errorf("%w: Target %d without Presign", ErrConfig, cfg.Target)
	case cfg.MaxAge < 0 || cfg.MinBackoff < 0 || cfg.MaxBackoff < 0:
		return nil, fmt.Errorf("%w: negative duration", ErrConfig)
	}
	gen, err := cggmp.KeyGeneration(cfg.Key)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrConfig, err)
	}
	if cfg.MinBackoff == 0 {
		cfg.MinBackoff = DefaultMinBackoff
	}
	if cfg.MaxBackoff == 0 {
		cfg.MaxBackoff = max(DefaultMaxBackoff, cfg.MinBackoff)
	}
	if cfg.MaxBackoff < cfg.MinBackoff {
		return nil, fmt.Errorf("%w: MaxBackoff %v below MinBackoff %v", ErrConfig, cfg.MaxBackoff, cfg.MinBackoff)
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Rand == nil {
		cfg.Rand = rand.Reader
	}
	if cfg.Name == "" {
		var b [4]byte
		if _, err := io.ReadFull(cfg.Rand, b[:]); err != nil {
			return nil, fmt.Errorf("presigstore: pool name: %w", err)
		}
		cfg.Name = hex.EncodeToString(b[:])
	}
	logger := cfg.Logger
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	return &Pool{
		cfg:  cfg,
		log:  logger.With("pool", cfg.Name),
		wake: make(chan struct{}, 1),
		key:  cfg.Key,
		gen:  gen,
	}, nil
}

// SetKey makes key the pool's key, after a refresh: presignatures of the
// previous generation are refused from now on, and Run discards them and
// refills with the new key.
func (p *Pool) SetKey(key *cggmp.Key) error {
	gen, err := cggmp.KeyGeneration(key)
	if err != nil {
		return fmt.Errorf("%w: %w", ErrConfig, err)
	}
	p.mu.Lock()
	changed := !bytes.Equal(gen, p.gen)
	p.key, p.gen = key, gen
	p.mu.Unlock()
	if changed {
		p.log.Info("presigstore: new key generation; older presignatures are retired", "generation", hex.EncodeToString(gen[:8]))
	}
	p.notify()
	return nil
}

// current returns the key and its generation.
func (p *Pool) current() (*cggmp.Key, []byte) {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.key, p.gen
}

// notify wakes Run, if it waits.
func (p *Pool) notify() {
	select {
	case p.wake <- struct{}{}:
	default:
	}
}

// Put seals pres and stores it under ID(pres), with the current time and
// key generation in the record's header, and returns the id; once the
// store holds it, pres is discarded, so the store's copy is the only one.
// A presignature made with another key or generation
// (cggmp.ErrPresignatureGeneration) or already used
// (cggmp.ErrPresignatureUsed) is refused; if storing fails, pres is left
// as it was. A party that joins presigning runs another party drives
// stores its output with Put.
func (p *Pool) Put(ctx context.Context, pres *cggmp.Presignature) ([]byte, error) {
	key, gen := p.current()
	if err := pres.CheckKey(key); err != nil {
		return nil, err
	}
	id, err := ID(pres)
	if err != nil {
		return nil, err
	}
	enc, err := pres.MarshalBinary()
	if err != nil {
		return nil, err
	}
	defer clear(enc)
	sealed, err := Seal(p.cfg.SealingKey, id, Meta{Created: p.cfg.Now(), Generation: gen}, enc, p.cfg.Rand)
	if err != nil {
		return nil, err
	}
	if err := p.cfg.Store.Put(ctx, id, sealed); err != nil {
		return nil, err
	}
	pres.Discard()
	p.log.Debug("presigstore: presignature stored", "id", hex.EncodeToString(id))
	p.notify()
	return id, nil
}

// Take takes the oldest usable presignature, checked against the key,
// and returns it with its id, for the party that chooses which
// presignature a signature uses; the other signers take the same one by
// its id (TakeID). Presignatures that the header shows expired or of an
// older key generation are discarded on the way. A presignature is out of
// the store once Take has chosen it, whatever the outcome: one that then
// fails to open, decode or check is returned as an error with its id, and
// the caller takes the next. ErrEmpty when none is left. Take wakes Run
// to refill.
func (p *Pool) Take(ctx context.Context) ([]byte, *cggmp.Presignature, error) {
	defer p.notify()
	entries, err := p.cfg.Store.List(ctx)
	if err != nil {
		return nil, nil, err
	}
	key, gen := p.current()
	now := p.cfg.Now()
	for _, e := range entries {
		switch verdict, why := p.judge(e.Meta, gen, now); verdict {
		case unreadable:
			continue
		case retired:
			p.discard(ctx, e.ID, why)
			continue
		}
		sealed, err := p.cfg.Store.TakeID(ctx, e.ID)
		if errors.Is(err, ErrTaken) || errors.Is(err, ErrNotFound) {
			continue // taken meanwhile by another caller
		}
		if err != nil {
			return nil, nil, err
		}
		pres, err := openPresignature(p.cfg.SealingKey, key, gen, e.ID, sealed, func(m Meta) error { return p.expired(m, now) })
		if err != nil {
			return e.ID, nil, err
		}
		p.log.Debug("presigstore: presignature taken", "id", hex.EncodeToString(e.ID))
		return e.ID, pres, nil
	}
	return nil, nil, ErrEmpty
}

// TakeID takes the presignature stored under id, checked against the key:
// what every signer but the one that chose it calls, with the id that
// signer names (the ids of one presigning run agree at every signer, see
// ID). The presignature is out of the store whatever the outcome:
// ErrExpired, cggmp.ErrPresignatureGeneration, ErrSealed or
// cggmp.ErrPresignatureFormat if it is not usable; ErrTaken if it was
// taken before (a request to sign twice with it), ErrNotFound if this
// store never held it. TakeID wakes Run to refill.
func (p *Pool) TakeID(ctx context.Context, id []byte) (*cggmp.Presignature, error) {
	defer p.notify()
	sealed, err := p.cfg.Store.TakeID(ctx, id)
	if err != nil {
		return nil, fmt.Errorf("presigstore: id %x: %w", id, err)
	}
	key, gen := p.current()
	now := p.cfg.Now()
	pres, err := openPresignature(p.cfg.SealingKey, key, gen, id, sealed, func(m Meta) error { return p.expired(m, now) })
	if err != nil {
		return nil, err
	}
	p.log.Debug("presigstore: presignature taken", "id", hex.EncodeToString(id))
	return pres, nil
}

// Level returns the number of presignatures ready to take, judged by
// their headers: not expired and of the current key generation.
func (p *Pool) Level(ctx context.Context) (int, error) {
	entries, err := p.cfg.Store.List(ctx)
	if err != nil {
		return 0, err
	}
	_, gen := p.current()
	now := p.cfg.Now()
	n := 0
	for _, e := range entries {
		if v, _ := p.judge(e.Meta, gen, now); v == usable {
			n++
		}
	}
	return n, nil
}

// Err returns the error of Run's last refill, nil once a refill succeeds.
func (p *Pool) Err() error {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.lastErr
}

// A verdict on a stored presignature, from its header.
type verdict int

const (
	// usable: not expired, of the current key generation (or of the
	// first format, whose generation is checked once opened).
	usable verdict = iota
	// retired: expired, or made with another key generation; discarded.
	retired
	// unreadable: a header this release does not parse (another
	// format version, or damage); left in the store for the operator.
	unreadable
)

// judge rules on a presignature by its header.
func (p *Pool) judge(m Meta, gen []byte, now time.Time) (verdict, error) {
	if m.Version == 0 {
		return unreadable, nil
	}
	if err := p.expired(m, now); err != nil {
		return retired, err
	}
	if m.Generation != nil && !bytes.Equal(m.Generation, gen) {
		return retired, cggmp.ErrPresignatureGeneration
	}
	return usable, nil
}

// expired returns ErrExpired for a presignature at least MaxAge old at
// now, or of unknown age when MaxAge is set.
func (p *Pool) expired(m Meta, now time.Time) error {
	if p.cfg.MaxAge <= 0 {
		return nil
	}
	if m.Created.IsZero() {
		return fmt.Errorf("%w: format version %d records no creation time", ErrExpired, m.Version)
	}
	if age := now.Sub(m.Created); age >= p.cfg.MaxAge {
		return fmt.Errorf("%w: %v old, the limit is %v", ErrExpired, age.Truncate(time.Second), p.cfg.MaxAge)
	}
	return nil
}

// discard takes a retired presignature out of the store unopened.
func (p *Pool) discard(ctx context.Context, id []byte, why error) {
	sealed, err := p.cfg.Store.TakeID(ctx, id)
	switch {
	case errors.Is(err, ErrTaken) || errors.Is(err, ErrNotFound):
		return // taken meanwhile
	case err != nil:
		p.log.Warn("presigstore: discarding a presignature failed", "id", hex.EncodeToString(id), "err", err)
		return
	}
	clear(sealed)
	p.log.Info("presigstore: presignature discarded", "id", hex.EncodeToString(id), "reason", why)
}
