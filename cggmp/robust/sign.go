package robust

import (
	"context"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"

	"github.com/mosaic-mpc/mosaic/cggmp"
	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/mosaic-mpc/mosaic/transport"
)

// Config configures a robust signing.
type Config struct {
	// Parties are every holder of the key; Threshold is the key's t.
	Parties   []transport.PartyID
	Threshold int
	// PublicKey is the key the signature must verify under: the key's
	// public key, or the derived one when the Runner signs for a path or
	// tweak, on any curve cggmp signs on; a signature is accepted when
	// cggmp.VerifyChainForm accepts it.
	PublicKey curve.Point
	// Digest is the 32-byte message hash to sign.
	Digest []byte
	// SessionID names the signing in log lines; it is not used otherwise
	// (each attempt's run needs its own session id, which the Runner
	// derives, for example with cggmp.FullSignSessionID).
	SessionID []byte
	// MaxAttempts, if positive, stops signing after that many attempts
	// with an error wrapping ErrExhausted. Zero leaves the plan alone to
	// stop it (Plan.Bound attempts when its assumptions hold).
	MaxAttempts int
	// Logger, if set, gets a line per attempt and per outcome.
	Logger *slog.Logger
}

// Attempt is one try at signing among a signer set.
type Attempt struct {
	// Number counts the attempts from 1.
	Number int
	// Signers is the signer set, sorted: exactly Config.Threshold parties.
	Signers []transport.PartyID
}

// Runner runs one attempt: cggmp signing (cggmp.NewFullSign, or
// cggmp.NewPresign then cggmp.NewSign) among a.Signers, each signer with
// its cggmp Identity (PresignConfig.Identity, SignConfig.Identity), so
// that the run ends with the agreement layer's conclusion. It returns the
// signature, or the error an honest signer's machine ended with: a
// *transport.AbortError, whose verdict and blames every honest signer
// holds the same of. The session id of each attempt's run must be fresh
// and the same at every signer (derive it from a nonce and a.Number).
// Runner must return when ctx is done.
type Runner interface {
	Attempt(ctx context.Context, a Attempt) (*cggmp.Signature, error)
}

// RunnerFunc adapts a function to Runner.
type RunnerFunc func(ctx context.Context, a Attempt) (*cggmp.Signature, error)

// Attempt implements Runner.
func (f RunnerFunc) Attempt(ctx context.Context, a Attempt) (*cggmp.Signature, error) {
	return f(ctx, a)
}

// Result is what a robust signing saw, whether it ended with a signature
// or not.
type Result struct {
	// Signature is the signature (nil if signing failed), verified under
	// Config.PublicKey; Signers made it.
	Signature *cggmp.Signature
	Signers   []transport.PartyID
	// Attempts is the number of attempts started.
	Attempts int
	// Culprits are the parties proven malicious, with the evidence.
	Culprits []Culprit
	// Conflicts are the blames that named nobody; Suspects are the parties
	// of the conflicts that no culprit explains (Plan.Suspects). Each
	// conflict holds a malicious party, but a suspect may be honest:
	// suspects are not named.
	Conflicts []Conflict
	Suspects  []transport.PartyID
}

// validate checks cfg before any attempt.
func (cfg *Config) validate(r Runner) error {
	switch {
	case r == nil:
		return fmt.Errorf("%w: no runner", ErrConfig)
	case len(cfg.Digest) != 32:
		return fmt.Errorf("%w: digest of %d bytes", ErrConfig, len(cfg.Digest))
	case cfg.PublicKey == nil || cggmp.CheckCurve(cfg.PublicKey.Curve()) != nil || cfg.PublicKey.IsIdentity():
		return fmt.Errorf("%w: no public key on a curve cggmp signs on", ErrConfig)
	case cfg.MaxAttempts < 0:
		return fmt.Errorf("%w: MaxAttempts %d", ErrConfig, cfg.MaxAttempts)
	}
	return nil
}

// Sign signs cfg.Digest robustly: it asks the plan (NewPlan) for a signer
// set, runs an attempt among it with r, and on a failed attempt records
// its outcome (OutcomeOf) and tries the next set, until an attempt
// returns a signature that verifies under cfg.PublicKey. It returns the
// Result in every case, with an error when there is no signature:
// wrapping ErrExhausted when no set is left, ErrAttempt when an attempt
// failed for a reason that names no signer (Sign cannot tell another set
// would do better), ErrBadSignature for an invalid signature from r, or
// ctx's error. It runs the attempts one after the other in the calling
// goroutine and starts none.
func Sign(ctx context.Context, cfg Config, r Runner) (*Result, error) {
	if ctx == nil {
		return &Result{}, fmt.Errorf("%w: nil context", ErrConfig)
	}
	if err := cfg.validate(r); err != nil {
		return &Result{}, err
	}
	plan, err := NewPlan(cfg.Parties, cfg.Threshold)
	if err != nil {
		return &Result{}, err
	}
	log := cfg.Logger
	if log != nil {
		log = log.With("protocol", "robust-cggmp", "session", hex.EncodeToString(cfg.SessionID))
	}
	for {
		if err := ctx.Err(); err != nil {
			return result(plan, nil, nil), err
		}
		if cfg.MaxAttempts > 0 && plan.Attempts() >= cfg.MaxAttempts {
			return result(plan, nil, nil), fmt.Errorf("%w: %d attempts made, the most allowed", ErrExhausted, plan.Attempts())
		}
		signers, err := plan.Next()
		if err != nil {
			return result(plan, nil, nil), err
		}
		a := Attempt{Number: plan.Attempts() + 1, Signers: signers}
		if log != nil {
			log.Debug("robust signing: attempt", "attempt", a.Number, "signers", signers)
		}
		sig, err := r.Attempt(ctx, a)
		if err == nil {
			if verr := cggmp.VerifyChainForm(cfg.PublicKey, cfg.Digest, sig); verr != nil {
				return result(plan, nil, nil), fmt.Errorf("%w: attempt %d: %w", ErrBadSignature, a.Number, verr)
			}
			if log != nil {
				log.Info("robust signing: signed", "attempt", a.Number, "signers", signers)
			}
			res := result(plan, sig, signers)
			res.Attempts = a.Number
			return res, nil
		}
		if cerr := ctx.Err(); cerr != nil {
			return result(plan, nil, nil), fmt.Errorf("attempt %d: %w (%w)", a.Number, cerr, err)
		}
		if err := record(plan, a, err, log); err != nil {
			return result(plan, nil, nil), err
		}
	}
}

// record feeds a failed attempt's outcome to the plan, or returns the
// error that ends the signing.
func record(plan *Plan, a Attempt, err error, log *slog.Logger) error {
	var ae *transport.AbortError
	if !errors.As(err, &ae) || errors.Is(err, transport.ErrContextMismatch) {
		return fmt.Errorf("%w: attempt %d: %w", ErrAttempt, a.Number, err)
	}
	o := OutcomeOf(err)
	learned, rerr := plan.Record(a.Signers, o)
	if rerr != nil {
		return rerr
	}
	if !learned && errors.Is(err, transport.ErrLocal) {
		// A local failure that names nobody says nothing about the
		// signers: another set would not do better.
		return fmt.Errorf("%w: attempt %d: %w", ErrAttempt, a.Number, err)
	}
	if log != nil {
		log.Warn("robust signing: attempt failed", "attempt", a.Number, "signers", a.Signers,
			"culprits", o.Culprits, "blames", fmt.Sprint(o.Blames), "learned", learned, "err", err)
	}
	return nil
}

// result is the Result of plan's state, with sig made by signers.
func result(plan *Plan, sig *cggmp.Signature, signers []transport.PartyID) *Result {
	return &Result{
		Signature: sig,
		Signers:   signers,
		Attempts:  plan.Attempts(),
		Culprits:  plan.Culprits(),
		Conflicts: plan.Conflicts(),
		Suspects:  plan.Suspects(),
	}
}
