package paillier

import (
	"fmt"
	"io"
	"log/slog"
)

// The two supported Paillier / ring-Pedersen modulus sizes, one for each
// SecurityLevel.
const (
	// ModulusBits2048 is the size of Level112.
	ModulusBits2048 = 2048
	// ModulusBits3072 is the size of Level128.
	ModulusBits3072 = 3072
)

// DefaultModulusBits is the modulus size used unless WithModulusBits or
// WithLevel says otherwise: that of DefaultLevel, 3072 bits (SECURITY.md,
// "Parameters").
const DefaultModulusBits = ModulusBits3072

// KeyGenProgress reports the state of GenerateKey.
type KeyGenProgress struct {
	// Prime is 1 while the first prime is searched, 2 for the second.
	Prime int
	// Sieved and Tested count candidates sieved and primality-tested so far
	// for this prime.
	Sieved, Tested uint64
}

type config struct {
	bits     int
	progress func(KeyGenProgress)
	logger   *slog.Logger
	rand     io.Reader
	workers  int
}

// Option configures key generation, key validation and parameter validation.
type Option func(*config)

// WithModulusBits sets the exact modulus size (ModulusBits2048 or
// ModulusBits3072); any other value makes the call fail with ErrModulusSize.
func WithModulusBits(bits int) Option { return func(c *config) { c.bits = bits } }

// WithProgress registers a callback for GenerateKey (called from worker
// goroutines, one call at a time, before GenerateKey returns).
func WithProgress(fn func(KeyGenProgress)) Option { return func(c *config) { c.progress = fn } }

// WithLogger makes GenerateKey log its progress at debug level and its
// timing at info level. Nothing secret is logged.
func WithLogger(l *slog.Logger) Option { return func(c *config) { c.logger = l } }

// WithRandom sets the randomness source for functions that have no rand
// parameter (the Miller–Rabin bases of NewSecretKeyFromPrimes). nil means
// crypto/rand.Reader.
func WithRandom(r io.Reader) Option { return func(c *config) { c.rand = r } }

// WithWorkers sets the number of goroutines GenerateKey uses (default: one
// per CPU).
func WithWorkers(n int) Option { return func(c *config) { c.workers = n } }

func newConfig(opts []Option) (*config, error) {
	c := &config{bits: DefaultModulusBits}
	for _, o := range opts {
		o(c)
	}
	if !supportedBits(c.bits) {
		return nil, fmt.Errorf("%w: unsupported size %d", ErrModulusSize, c.bits)
	}
	return c, nil
}

func supportedBits(bits int) bool {
	return bits == ModulusBits2048 || bits == ModulusBits3072
}
