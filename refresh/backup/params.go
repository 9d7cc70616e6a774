package backup

import "fmt"

// Default Argon2id parameters: RFC 9106, section 4, second recommended
// option (time 3, 64 MiB, 4 lanes), also golang.org/x/crypto/argon2's
// recommendation for IDKey.
const (
	DefaultTime      = 3
	DefaultMemoryKiB = 64 * 1024
	DefaultThreads   = 4
)

// Upper bounds Seal and Open accept, so a crafted header cannot make Open
// spend unbounded time or memory: 1 GiB and 64 passes are far beyond the
// defaults.
const (
	MaxTime      = 64
	MaxMemoryKiB = 1 << 20
	MaxThreads   = 64
)

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

// Option configures Seal.
type Option func(*options)

type options struct {
	params Params
}

// WithParams sets the Argon2id parameters. Lower than the defaults is for
// tests only: the parameters are what makes guessing the passphrase slow.
func WithParams(p Params) Option {
	return func(o *options) { o.params = p }
}
