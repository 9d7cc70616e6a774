package local

import (
	"context"
	"fmt"
	"sync"

	"github.com/mosaic-mpc/mosaic/cggmp"
	"github.com/mosaic-mpc/mosaic/dkg"
	"github.com/mosaic-mpc/mosaic/paillier"
	"github.com/mosaic-mpc/mosaic/transport"
)

// Aux gives every party of ids a fresh Paillier key from two safe primes
// (cggmp.GenerateAuxSecret), at paillier.DefaultLevel (128-bit security,
// 3072-bit moduli) unless WithLevel says otherwise, and runs CGGMP21
// aux-info among them. The
// search for the 2·len(ids) safe primes takes seconds per party and only
// ctx bounds it; progress, if not nil, is called with the number found so
// far and the total after each one, possibly from another goroutine. The
// parties search in turn, as each search already uses every core.
//
// The run is signed, with the keys of WithIdentities or else with keys
// made for it alone, and agrees (docs/agreement.md): it returns only once
// every party has confirmed every party's Paillier key and ring-Pedersen
// parameters. Keys missing from WithIdentities are refused before the
// search starts.
func Aux(ctx context.Context, ids []transport.PartyID, progress func(found, total int), opts ...Option) (map[transport.PartyID]*cggmp.AuxInfo, error) {
	cfg, err := start(ctx, opts)
	if err != nil {
		return nil, err
	}
	if err := checkParties("parties", ids); err != nil {
		return nil, err
	}
	if _, _, err := runIdentities(cfg, ids, nil); err != nil {
		return nil, err
	}
	count := newPrimeCounter(2*len(ids), progress)
	secrets := make(map[transport.PartyID]*cggmp.AuxSecret, len(ids))
	for i, id := range ids {
		sec, err := cggmp.GenerateAuxSecret(ctx, cfg.rand, paillier.WithLevel(cfg.level), paillier.WithProgress(count.observe()))
		if err != nil {
			return nil, partyErr(id, fmt.Errorf("generating its Paillier key: %w", err))
		}
		count.reach(2 * (i + 1)) // both of this party's primes
		secrets[id] = sec
	}
	return auxFromSecrets(ctx, cfg, secrets)
}

// AuxFromSecrets runs CGGMP21 aux-info among the parties of secrets, each
// with its prepared Paillier key and ring-Pedersen parameters. It is Aux
// without the safe-prime search: tests and simulations can make secrets
// with cggmp.NewAuxSecret from a pool of pre-generated Paillier keys. A
// secret must not be used in two runs. It is signed as Aux is.
func AuxFromSecrets(ctx context.Context, secrets map[transport.PartyID]*cggmp.AuxSecret, opts ...Option) (map[transport.PartyID]*cggmp.AuxInfo, error) {
	cfg, err := start(ctx, opts)
	if err != nil {
		return nil, err
	}
	return auxFromSecrets(ctx, cfg, secrets)
}

func auxFromSecrets(ctx context.Context, cfg *config, secrets map[transport.PartyID]*cggmp.AuxSecret) (map[transport.PartyID]*cggmp.AuxInfo, error) {
	ids := sortedKeys(secrets)
	if err := checkParties("parties", ids); err != nil {
		return nil, err
	}
	for _, id := range ids {
		if secrets[id] == nil {
			return nil, fmt.Errorf("%w: party %d has no aux secret", ErrInput, id)
		}
	}
	signing, _, err := runIdentities(cfg, ids, nil)
	if err != nil {
		return nil, err
	}
	nonce, err := cfg.nonce()
	if err != nil {
		return nil, err
	}
	sid, err := cggmp.AuxSessionID(ids, nonce)
	if err != nil {
		return nil, fmt.Errorf("local: aux-info session id: %w", err)
	}
	ms := make(map[transport.PartyID]transport.Machine[*cggmp.AuxInfo], len(ids))
	for _, id := range ids {
		m, err := cggmp.NewAux(cggmp.AuxConfig{Parties: ids, Self: id, SessionID: sid, Secret: secrets[id], Rand: cfg.rand, Identity: signing[id]})
		if err != nil {
			return nil, partyErr(id, err)
		}
		ms[id] = m
	}
	return runAll(ctx, cfg, ids, ms, true)
}

// ECDSAKeys joins each party's secp256k1 key share with its aux info into
// the cggmp.Key that presigning takes. shares and aux must have the same
// parties; an error names the first party (in order) that lacks either or
// whose two halves do not fit together.
func ECDSAKeys(shares map[transport.PartyID]*dkg.KeyShare, aux map[transport.PartyID]*cggmp.AuxInfo) (map[transport.PartyID]*cggmp.Key, error) {
	ids := sortedKeys(shares)
	if len(ids) == 0 {
		return nil, fmt.Errorf("%w: no key shares", ErrInput)
	}
	for _, id := range sortedKeys(aux) {
		if shares[id] == nil {
			return nil, fmt.Errorf("%w: party %d has aux info but no key share", ErrInput, id)
		}
	}
	keys := make(map[transport.PartyID]*cggmp.Key, len(ids))
	for _, id := range ids {
		if _, err := shareOf(shares, id); err != nil {
			return nil, err
		}
		if aux[id] == nil {
			return nil, fmt.Errorf("%w: party %d has no aux info", ErrInput, id)
		}
		k, err := cggmp.NewKey(shares[id], aux[id])
		if err != nil {
			return nil, partyErr(id, err)
		}
		keys[id] = k
	}
	return keys, nil
}

// primeCounter turns paillier's per-search progress into a count of safe
// primes found across every party's search.
type primeCounter struct {
	mu       sync.Mutex
	n, total int
	report   func(found, total int)
}

func newPrimeCounter(total int, report func(found, total int)) *primeCounter {
	return &primeCounter{total: total, report: report}
}

// observe returns the progress callback of one Paillier key search: the
// first prime is found when the search moves on to the second.
func (c *primeCounter) observe() func(paillier.KeyGenProgress) {
	prime := 0
	return func(p paillier.KeyGenProgress) {
		if p.Prime == prime {
			return
		}
		if prime != 0 {
			c.found()
		}
		prime = p.Prime
	}
}

// found counts one safe prime and reports it.
func (c *primeCounter) found() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.n++
	if c.report != nil {
		c.report(c.n, c.total)
	}
}

// reach counts primes up to n, for a search that returned without
// reporting its last steps.
func (c *primeCounter) reach(n int) {
	for {
		c.mu.Lock()
		done := c.n >= n
		c.mu.Unlock()
		if done {
			return
		}
		c.found()
	}
}
