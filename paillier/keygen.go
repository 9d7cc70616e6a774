package paillier

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"time"

	"github.com/cronokirby/saferith"

	"github.com/mosaic-mpc/mosaic/internal/safeprime"
)

// GenerateKey generates a Paillier secret key whose modulus N = pq has exactly
// the configured size (DefaultModulusBits unless WithModulusBits), with p and
// q Blum safe primes of half that size. It uses all cores (WithWorkers),
// reports progress (WithProgress, WithLogger) and stops when ctx is done.
// rand nil means crypto/rand.Reader.
func GenerateKey(ctx context.Context, rand io.Reader, opts ...Option) (*SecretKey, error) {
	cfg, err := newConfig(opts)
	if err != nil {
		return nil, err
	}
	half := cfg.bits / 2
	logger := cfg.logger
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	start := time.Now()
	var primes [2]*saferith.Nat
	for i := range primes {
		for {
			prime := i + 1
			spOpts := []safeprime.Option{safeprime.WithProgress(func(p safeprime.Progress) {
				if cfg.progress != nil {
					cfg.progress(KeyGenProgress{Prime: prime, Sieved: p.Sieved, Tested: p.Tested})
				}
				logger.DebugContext(ctx, "paillier: searching safe prime",
					"prime", prime, "sieved", p.Sieved, "tested", p.Tested)
			})}
			if cfg.workers > 0 {
				spOpts = append(spOpts, safeprime.WithWorkers(cfg.workers))
			}
			p, err := safeprime.Generate(ctx, rand, half, spOpts...)
			if err != nil {
				return nil, fmt.Errorf("paillier: generating prime %d: %w", prime, err)
			}
			// A repeat of p is astronomically unlikely; draw again rather than
			// fail if it happens.
			if i == 1 && p.Eq(primes[0]) == 1 {
				continue
			}
			primes[i] = p
			break
		}
	}
	sk, err := newSecretKey(primes[0], primes[1], cfg.bits)
	if err != nil {
		return nil, err
	}
	logger.InfoContext(ctx, "paillier: key generated", "bits", cfg.bits, "elapsed", time.Since(start))
	return sk, nil
}
