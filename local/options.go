package local

import (
	"crypto/rand"
	"fmt"
	"io"
	"time"

	"github.com/mosaic-mpc/mosaic/internal/par"
)

// DefaultTimeout bounds one protocol run when no WithTimeout is given. It
// leaves room for a loaded machine: a CGGMP21 aux-info run proves every
// party's Paillier modulus to every other party.
const DefaultTimeout = 5 * time.Minute

// DefaultRoundTimeout bounds one round of a run when no WithRoundTimeout
// is given. With every party in one process a round only waits for
// computation, never for a network.
const DefaultRoundTimeout = 2 * time.Minute

// Option changes how a run is made.
type Option func(*config)

type config struct {
	rand         io.Reader
	timeout      time.Duration
	roundTimeout time.Duration
}

// WithRand makes the run draw every random value (session nonces and the
// parties' protocol randomness) from r instead of crypto/rand; nil means
// crypto/rand. The parties run concurrently and read r in turn, one
// caller at a time, so r need not be safe for concurrent use; for the
// same reason a deterministic r does not make runs reproducible.
func WithRand(r io.Reader) Option {
	return func(c *config) { c.rand = r }
}

// WithTimeout bounds each protocol run (not the safe-prime search of
// Aux, which only its context bounds) to d; zero means no bound beyond
// the context. A negative d is an error (ErrInput).
func WithTimeout(d time.Duration) Option {
	return func(c *config) { c.timeout = d }
}

// WithRoundTimeout makes a run give up when one round makes no progress
// for d, with a *transport.AbortError blaming the parties whose messages
// are missing (transport.WithRoundTimeout); zero means no bound. A
// negative d is an error (ErrInput).
func WithRoundTimeout(d time.Duration) Option {
	return func(c *config) { c.roundTimeout = d }
}

// newConfig applies opts over the defaults and checks the result.
func newConfig(opts []Option) (*config, error) {
	c := &config{timeout: DefaultTimeout, roundTimeout: DefaultRoundTimeout}
	for _, o := range opts {
		if o != nil {
			o(c)
		}
	}
	if c.timeout < 0 {
		return nil, fmt.Errorf("%w: negative timeout %v", ErrInput, c.timeout)
	}
	if c.roundTimeout < 0 {
		return nil, fmt.Errorf("%w: negative round timeout %v", ErrInput, c.roundTimeout)
	}
	if c.rand == nil {
		c.rand = rand.Reader
	}
	// The parties' Machines run concurrently and share this one reader.
	c.rand = par.LockReader(c.rand)
	return c, nil
}

// nonceSize is the length of the session nonces drawn here: twice the
// minimum of dkg.NonceSize, so that no two runs ever share one.
const nonceSize = 32

// nonce draws a fresh session nonce.
func (c *config) nonce() ([]byte, error) {
	b := make([]byte, nonceSize)
	if _, err := io.ReadFull(c.rand, b); err != nil {
		return nil, fmt.Errorf("local: session nonce: %w", err)
	}
	return b, nil
}
