package safeprime

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math/bits"
	"runtime"
	"sync"
	"sync/atomic"

	"github.com/cronokirby/saferith"

	"github.com/mosaic-mpc/mosaic/internal/bigint"
	"github.com/mosaic-mpc/mosaic/internal/par"
)

// MinBits is the smallest supported bit length (tests use small sizes; real
// keys use 1024 and 1536).
const MinBits = 32

var (
	// ErrRandom wraps a failure of the randomness source.
	ErrRandom = errors.New("safeprime: randomness source failed")
	// ErrBitLength is returned for an unsupported bit length.
	ErrBitLength = errors.New("safeprime: unsupported bit length")
)

// Progress is a snapshot of the work done so far by all workers of one
// Generate call.
type Progress struct {
	// Sieved counts candidates examined by the sieve.
	Sieved uint64
	// Tested counts sieve survivors that went through a Fermat test.
	Tested uint64
}

type config struct {
	workers    int
	progress   func(Progress)
	sieveLimit uint32
	window     int
}

// Option configures Generate.
type Option func(*config)

// WithWorkers sets the number of goroutines (default runtime.GOMAXPROCS(0)).
func WithWorkers(n int) Option { return func(c *config) { c.workers = n } }

// WithProgress registers a callback invoked with the running totals after
// each sieve window and every progressEvery primality tests. It is called from worker goroutines, one call at a time,
// and must return quickly; every call happens before Generate returns.
func WithProgress(fn func(Progress)) Option { return func(c *config) { c.progress = fn } }

// WithSieveLimit sets the bound on the small primes used by the sieve
// (default DefaultSieveLimit). Exposed for tuning benchmarks.
func WithSieveLimit(limit uint32) Option { return func(c *config) { c.sieveLimit = limit } }

// WithWindow sets the number of progression steps sieved at once (default
// DefaultWindow). Exposed for tuning benchmarks.
func WithWindow(n int) Option { return func(c *config) { c.window = n } }

// Tuned on a 2-core amd64 machine for 1024-bit primes (see the benchmarks).
const (
	DefaultSieveLimit = 1 << 22
	DefaultWindow     = 1 << 16
)

// Generate returns a uniformly-started random Blum safe prime p of exactly
// bits bits whose two top bits are set. It runs one search per worker and
// stops them all before returning; ctx cancels the search. rand nil means
// crypto/rand.Reader; it is read under a mutex so any io.Reader works, but the
// result is not a deterministic function of the reader's output.
//
// Key generation accepts some timing leakage about the search, set out in
// the package documentation ("Side channels"): the sieve's memory accesses,
// the hardware divisions (bits.Div64 and %) that reduce the secret random
// start modulo 12 and the sieve primes, whose latency depends on their
// operands on many x86 cores, and the number of candidates tried. All of
// it happens once per key, on the start of the search. The primality tests
// run in constant time, the final Miller–Rabin rounds on the winner as in
// Verify.
func Generate(ctx context.Context, rand io.Reader, bits int, opts ...Option) (*saferith.Nat, error) {
	if bits < MinBits {
		return nil, fmt.Errorf("%w: %d < %d", ErrBitLength, bits, MinBits)
	}
	cfg := config{
		workers:    runtime.GOMAXPROCS(0),
		sieveLimit: DefaultSieveLimit,
		window:     DefaultWindow,
	}
	for _, o := range opts {
		o(&cfg)
	}
	if cfg.workers < 1 {
		cfg.workers = 1
	}
	if cfg.window < 64 {
		cfg.window = 64
	}
	// No table prime may equal p' or p: both are at least 2^(bits−3).
	if bits-3 < 32 && uint64(cfg.sieveLimit) > uint64(1)<<(bits-3) {
		cfg.sieveLimit = uint32(1) << (bits - 3)
	}
	if cfg.sieveLimit < 7 {
		cfg.sieveLimit = 7
	}
	table := tableFor(cfg.sieveLimit)

	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	s := &search{
		ctx:   ctx,
		rand:  par.LockReader(bigint.Reader(rand)),
		bits:  bits,
		cfg:   &cfg,
		table: table,
	}
	var wg sync.WaitGroup
	results := make(chan result, cfg.workers)
	for range cfg.workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			p, err := s.worker()
			results <- result{p, err}
		}()
	}
	var first result
	for range cfg.workers {
		r := <-results
		if first.p == nil && first.err == nil {
			first = r
			cancel()
		}
	}
	wg.Wait()
	if first.err != nil {
		return nil, first.err
	}
	if first.p == nil {
		// All workers stopped without a result: the context was cancelled.
		return nil, fmt.Errorf("safeprime: %w", context.Cause(ctx))
	}
	return new(saferith.Nat).SetBytes(first.p).Resize(bits), nil
}

// progressEvery is how many Fermat tests (about 25 ms of work at 1024 bits)
// pass between two progress reports.
const progressEvery = 64

type result struct {
	p   []byte
	err error
}

type search struct {
	ctx   context.Context
	rand  io.Reader
	bits  int
	cfg   *config
	table *primeTable

	sieved, tested atomic.Uint64
	progressMu     sync.Mutex
}

func (s *search) reportProgress() {
	if s.cfg.progress == nil {
		return
	}
	s.progressMu.Lock()
	defer s.progressMu.Unlock()
	s.cfg.progress(Progress{Sieved: s.sieved.Load(), Tested: s.tested.Load()})
}

// worker searches until it finds a safe prime, the context is cancelled
// (nil, nil) or an error occurs.
func (s *search) worker() ([]byte, error) {
	nLimbs := (s.bits + 63) / 64
	nBytes := (s.bits + 7) / 8
	entries := s.table.entries
	res := make([]uint32, len(entries))
	next := make([]uint32, 2*len(entries)) // next bad offsets (p ≡ 0, p ≡ 1)
	sieve := make([]byte, s.cfg.window)
	start := make([]uint64, nLimbs)
	cand := make([]uint64, nLimbs)
	pBytes := make([]byte, nBytes)
	qBytes := make([]byte, nBytes) // p' = (p−1)/2, same width
	defer clear(start)
	defer clear(cand)
	defer clear(pBytes)
	defer clear(qBytes)

	for {
		if err := s.randomStart(start); err != nil {
			return nil, err
		}
		s.table.residues(start, res)
		for i, e := range entries {
			r := uint64(e.r)
			a := uint64(res[i])
			// p0 + 12k ≡ 0  ⇔ k ≡ −a·12⁻¹;  p0 + 12k ≡ 1  ⇔ k ≡ (1−a)·12⁻¹.
			next[2*i] = uint32((r - a) % r * uint64(e.inv12) % r)
			next[2*i+1] = uint32((r + 1 - a) % r * uint64(e.inv12) % r)
		}
		var base uint64 // offset k of sieve[0]
		for {
			if err := s.ctx.Err(); err != nil {
				return nil, nil
			}
			s.sieveWindow(sieve, next)
			s.sieved.Add(uint64(len(sieve)))
			// Report as soon as a window is sieved, so even a search that
			// finds its prime among the first candidates reports once.
			s.reportProgress()
			overflow := false
			for j, bad := range sieve {
				if bad != 0 {
					continue
				}
				if s.ctx.Err() != nil {
					return nil, nil
				}
				if !addSmall(cand, start, 12*(base+uint64(j)), s.bits) {
					overflow = true
					break
				}
				limbsToBytes(pBytes, cand)
				shiftRightOne(qBytes, pBytes)
				if s.tested.Add(1)%progressEvery == 0 {
					s.reportProgress()
				}
				ok, err := s.testCandidate(pBytes, qBytes)
				if err != nil {
					return nil, err
				}
				if ok {
					return append([]byte(nil), pBytes...), nil
				}
			}
			s.reportProgress()
			if overflow {
				break // the progression left the bit length: new start
			}
			base += uint64(len(sieve))
		}
	}
}

// testCandidate runs the cheap filters, then the confirmation rounds.
func (s *search) testCandidate(p, q []byte) (bool, error) {
	ok, err := fermat2(q)
	if err != nil || !ok {
		return false, err
	}
	ok, err = pocklington2(p, q)
	if err != nil || !ok {
		return false, err
	}
	// p' passed a base-2 Fermat test; make it a probable prime with random
	// bases (p then follows from the Pocklington check above).
	return millerRabin(s.rand, q, mrRounds(s.bits-1), true)
}

// sieveWindow marks in sieve the offsets at which p or p' has a table prime
// factor, and advances next past the window.
func (s *search) sieveWindow(sieve []byte, next []uint32) {
	clear(sieve)
	w := uint32(len(sieve))
	for i, e := range s.table.entries {
		r := e.r
		for c := 2 * i; c < 2*i+2; c++ {
			k := next[c]
			for ; k < w; k += r {
				sieve[k] = 1
			}
			next[c] = k - w
		}
	}
}

// randomStart fills start with a random bits-bit value with the two top bits
// set and ≡ 11 (mod 12), so that p ≡ 3 (mod 4) and neither p nor p' is
// divisible by 2 or 3.
func (s *search) randomStart(start []uint64) error {
	buf := make([]byte, 8*len(start))
	defer clear(buf)
	if _, err := s.rand.Read(buf); err != nil {
		return fmt.Errorf("%w: %w", ErrRandom, err)
	}
	for i := range start {
		var v uint64
		for j := range 8 {
			v = v<<8 | uint64(buf[8*i+j])
		}
		start[i] = v
	}
	top := s.bits - 1
	topLimb := top / 64
	// Clear everything at and above bit `bits`, then set the top two bits.
	// (a shift by 64 yields 0, so the mask is all ones for a full limb)
	start[topLimb] &= 1<<(uint(top%64)+1) - 1
	setBit(start, top)
	setBit(start, top-1)
	// Round down to ≡ 11 (mod 12): subtract (x mod 12), add 11. The top bits
	// are untouched because we subtract less than 12 before adding 11 back.
	m := mod12(start)
	subSmall(start, m)
	addSmallInPlace(start, 11)
	return nil
}

func setBit(x []uint64, i int) { x[i/64] |= 1 << uint(i%64) }

func mod12(x []uint64) uint64 {
	var rem uint64
	for i := len(x) - 1; i >= 0; i-- {
		_, rem = bits.Div64(rem, x[i], 12)
	}
	return rem
}

func subSmall(x []uint64, v uint64) {
	var borrow uint64
	x[0], borrow = bits.Sub64(x[0], v, 0)
	for i := 1; i < len(x) && borrow != 0; i++ {
		x[i], borrow = bits.Sub64(x[i], 0, borrow)
	}
}

func addSmallInPlace(x []uint64, v uint64) {
	var carry uint64
	x[0], carry = bits.Add64(x[0], v, 0)
	for i := 1; i < len(x) && carry != 0; i++ {
		x[i], carry = bits.Add64(x[i], 0, carry)
	}
}

// addSmall sets dst = src + v and reports whether dst still fits in nbits.
func addSmall(dst, src []uint64, v uint64, nbits int) bool {
	var carry uint64
	dst[0], carry = bits.Add64(src[0], v, 0)
	for i := 1; i < len(src); i++ {
		dst[i], carry = bits.Add64(src[i], 0, carry)
	}
	if carry != 0 {
		return false
	}
	top := len(dst)*64 - nbits
	return top == 0 || dst[len(dst)-1]>>(64-uint(top)) == 0
}

// limbsToBytes writes little-endian limbs x as big-endian bytes of len(dst).
func limbsToBytes(dst []byte, x []uint64) {
	for i := range dst {
		pos := len(dst) - 1 - i
		dst[pos] = byte(x[i/8] >> (8 * uint(i%8)))
	}
}

// shiftRightOne sets dst = src >> 1 (big-endian, same length).
func shiftRightOne(dst, src []byte) {
	var carry byte
	for i := range src {
		dst[i] = src[i]>>1 | carry
		carry = src[i] << 7
	}
}
