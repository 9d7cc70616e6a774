package local

import (
	"crypto/rand"
	"fmt"
	"io"
	"time"

	"github.com/mosaic-mpc/mosaic/internal/par"
	"github.com/mosaic-mpc/mosaic/paillier"
	"github.com/mosaic-mpc/mosaic/transport"
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
	identities   Identities
	certificates func(transport.PartyID, []byte)
	level        paillier.SecurityLevel
}

// WithRand makes the run draw every random value (session nonces, the
// parties' protocol randomness, and identity keys, those of NewIdentities
// and those made for a run alone) from r instead of crypto/rand; nil means
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

// WithIdentities makes the run sign every party's messages with its
// long-term identity key in keys, which must hold one for every party of
// the run (keys of other parties are left out). A key made with them
// records their public halves (dkg.KeyShare.Identities), and every later
// run on it must be given the same keys (ErrInput otherwise, before
// anything runs). Without this option (or with nil keys) a run is signed
// all the same, with keys made for it alone, and records none. The map is
// read when the run starts and not kept.
func WithIdentities(keys Identities) Option {
	return func(c *config) { c.identities = keys }
}

// WithCertificates passes every party's certificate to store once the run
// has completed: the signed confirmations of every party, which the
// party's Machine holds (transport.Certified) and a deployment stores with
// the run's output (docs/agreement.md, "Confirmed completion"). store is
// called from the caller's goroutine, in party order, and only for a run
// that succeeded; RunAll calls it only for Machines that hold a
// certificate.
func WithCertificates(store func(party transport.PartyID, certificate []byte)) Option {
	return func(c *config) { c.certificates = store }
}

// WithLevel makes Aux generate Paillier keys of security level l
// (paillier.Level112: 2048-bit moduli, paillier.Level128: 3072-bit
// moduli) instead of paillier.DefaultLevel (128). A value that is not a
// level is an error (ErrInput). Other functions ignore it: a key's level
// is fixed by its aux-info.
func WithLevel(l paillier.SecurityLevel) Option {
	return func(c *config) { c.level = l }
}

// newConfig applies opts over the defaults and checks the result.
func newConfig(opts []Option) (*config, error) {
	c := &config{timeout: DefaultTimeout, roundTimeout: DefaultRoundTimeout, level: paillier.DefaultLevel}
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
	if !c.level.Valid() {
		return nil, fmt.Errorf("%w: security level %d is not paillier.Level112 or paillier.Level128", ErrInput, int(c.level))
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
