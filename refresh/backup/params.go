package backup

import (
	"fmt"

	"github.com/mosaic-mpc/mosaic/paillier"
)

// Default Argon2id parameters: RFC 9106, section 4, second recommended
// option (time 3, 64 MiB, 4 lanes), also golang.org/x/crypto/argon2's
// recommendation for IDKey.
const (
	DefaultTime      = 3
	DefaultMemoryKiB = 64 * 1024
	DefaultThreads   = 4
)

// Upper bounds of the format: no Limits, however high, lets Seal or Open
// go beyond them.
const (
	MaxTime      = 64
	MaxMemoryKiB = 1 << 20
	MaxThreads   = 64
)

// The default policy (DefaultLimits): what Open accepts from a file's
// header, and Seal from WithParams, without WithLimits.
const (
	// DefaultLimitMemoryKiB is 256 MiB, four times DefaultMemoryKiB.
	DefaultLimitMemoryKiB = 4 * DefaultMemoryKiB
	// DefaultLimitWork is four times the work of the default parameters:
	// 4 × 3 passes × 64 MiB, the equivalent of 12 passes over 64 MiB or 3
	// over 256 MiB.
	DefaultLimitWork = 4 * DefaultTime * DefaultMemoryKiB
	// DefaultLimitThreads is 16 lanes.
	DefaultLimitThreads = 16
)

// Limits is a policy on the Argon2id cost of a sealed file. Open checks a
// file's parameters against it before it derives anything, so that a file
// it did not write (a hostile one, or one of another deployment) cannot
// make it spend more time or memory than the policy allows: an Argon2id
// derivation allocates all of its memory at once and takes time in
// proportion to Time × MemoryKiB.
//
// The default policy allows four times the default cost: at most 256 MiB
// and the work of four default derivations. A default derivation takes a
// fraction of a second on a laptop core, so a hostile file costs an Open
// about a second at most; the format's bounds alone would allow 256 times
// the default work, about a minute. A deployment that seals with stronger
// parameters passes the same WithLimits to Seal and Open (RFC 9106's first
// recommendation, 2 GiB in one pass, is beyond this format's MaxMemoryKiB).
type Limits struct {
	// MemoryKiB is the most memory, in KiB, a derivation may use.
	MemoryKiB uint32
	// Work is the most Time × MemoryKiB a derivation may cost: the KiB it
	// writes over all its passes.
	Work uint64
	// Threads is the most lanes.
	Threads uint8
}

// DefaultLimits returns the default policy.
func DefaultLimits() Limits {
	return Limits{MemoryKiB: DefaultLimitMemoryKiB, Work: DefaultLimitWork, Threads: DefaultLimitThreads}
}

// formatLimits is no policy: the format's bounds only.
func formatLimits() Limits {
	return Limits{MemoryKiB: MaxMemoryKiB, Work: MaxTime * MaxMemoryKiB, Threads: MaxThreads}
}

// check refuses parameters beyond the policy l. It reads p only, so it
// costs nothing whatever p says.
func (l Limits) check(p Params) error {
	switch work := uint64(p.Time) * uint64(p.MemoryKiB); {
	case p.MemoryKiB > l.MemoryKiB:
		return fmt.Errorf("%w: %d KiB of memory, the policy allows %d", ErrParams, p.MemoryKiB, l.MemoryKiB)
	case work > l.Work:
		return fmt.Errorf("%w: time %d × %d KiB, the policy allows %d", ErrParams, p.Time, p.MemoryKiB, l.Work)
	case p.Threads > l.Threads:
		return fmt.Errorf("%w: %d threads, the policy allows %d", ErrParams, p.Threads, l.Threads)
	}
	return nil
}

// Params are Argon2id's cost parameters; they are stored in the header.
type Params struct {
	// Time is the number of passes over the memory.
	Time uint32
	// MemoryKiB is the memory size in KiB; at least 8·Threads.
	MemoryKiB uint32
	// Threads is the degree of parallelism (lanes).
	Threads uint8
}

// DefaultParams returns the default parameters.
func DefaultParams() Params {
	return Params{Time: DefaultTime, MemoryKiB: DefaultMemoryKiB, Threads: DefaultThreads}
}

// Validate checks the parameters against Argon2's minimums (RFC 9106,
// section 3.1: at least one pass, one lane, 8 KiB per lane) and this
// package's maximums. Below 8 KiB per lane the library would silently use
// more memory than the header says; that is refused instead.
func (p Params) Validate() error {
	switch {
	case p.Time < 1 || p.Time > MaxTime:
		return fmt.Errorf("%w: time %d, want 1..%d", ErrParams, p.Time, MaxTime)
	case p.Threads < 1 || p.Threads > MaxThreads:
		return fmt.Errorf("%w: %d threads, want 1..%d", ErrParams, p.Threads, MaxThreads)
	case p.MemoryKiB < 8*uint32(p.Threads) || p.MemoryKiB > MaxMemoryKiB:
		return fmt.Errorf("%w: %d KiB of memory, want %d..%d", ErrParams, p.MemoryKiB, 8*uint32(p.Threads), MaxMemoryKiB)
	}
	return nil
}

// Option configures Seal, Open, SealECDSAKey and OpenECDSAKey.
type Option func(*options)

type options struct {
	params   Params
	limits   Limits
	paillier []paillier.Option // OpenECDSAKey only
}

func newOptions(opts []Option) options {
	o := options{params: DefaultParams(), limits: DefaultLimits()}
	for _, opt := range opts {
		if opt != nil {
			opt(&o)
		}
	}
	return o
}

// WithParams sets the Argon2id parameters Seal uses; Open reads them from
// the file and ignores this option. Lower than the defaults is for tests
// only: the parameters are what makes guessing the passphrase slow. Above
// the policy (DefaultLimits) they also need WithLimits, on Seal and on
// every Open of the file.
func WithParams(p Params) Option {
	return func(o *options) { o.params = p }
}

// WithLimits replaces the default policy (DefaultLimits) on the cost of
// the parameters: Open refuses a file whose header asks for more, and Seal
// refuses WithParams beyond it. The format's bounds (MaxTime,
// MaxMemoryKiB, MaxThreads) apply whatever l says.
func WithLimits(l Limits) Option {
	return func(o *options) { o.limits = l }
}
