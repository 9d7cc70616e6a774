package dec

import (
	"fmt"

	"github.com/cronokirby/saferith"

	"github.com/mosaic-mpc/mosaic/internal/bigint"
	"github.com/mosaic-mpc/mosaic/internal/transcript"
	"github.com/mosaic-mpc/mosaic/zk"
)

// Verify checks the proof against the statement, bound to t (on which the
// caller has called zk.BindContext with the same session, prover and
// verifier as the prover did). Every size, range and unit check runs before
// any exponentiation. The error wraps zk.ErrMalformed, zk.ErrOutOfRange,
// zk.ErrNotUnit or zk.ErrVerify.
func (p *Proof) Verify(t *transcript.Transcript, pub Public) error {
	if t == nil {
		return fmt.Errorf("dec: nil transcript: %w", zk.ErrMalformed)
	}
	st, err := newStatement(pub)
	if err != nil {
		return err
	}
	if err := p.validate(st); err != nil {
		return err
	}
	e := challenge(t, st, p)
	return verifyEquationsVarTime(st, p, e)
}

// validate checks, in this order, that every field is present, that γ is a
// non-zero scalar of the statement's curve, that every integer has a bit
// length its range allows, that every response lies in its range and that
// S, T, A, w are units other than ±1.
func (p *Proof) validate(st *statement) error {
	if p == nil {
		return fmt.Errorf("dec: missing proof: %w", zk.ErrMalformed)
	}
	nats := []struct {
		name string
		x    *saferith.Nat
		mod  *saferith.Modulus // x ∈ [2, mod−2]
		unit *saferith.Modulus // gcd(x, unit) = 1
	}{
		{"S", p.S, st.nHat, st.nHat},
		{"T", p.T, st.nHat, st.nHat},
		{"A", p.A, st.n0.NSquared(), st.n0.N()},
		{"w", p.W, st.n0.N(), st.n0.N()},
	}
	ints := []struct {
		name string
		x    *saferith.Int
		bits int               // |x| ≤ 2^bits (· m when m is not nil)
		m    *saferith.Modulus // scale
	}{
		{"z1", p.Z1, MaskBits, nil},
		{"z2", p.Z2, zk.L + zk.Epsilon + 1, st.nHat},
	}
	for _, f := range nats {
		if f.x == nil {
			return fmt.Errorf("dec: missing %s: %w", f.name, zk.ErrMalformed)
		}
	}
	for _, f := range ints {
		if f.x == nil {
			return fmt.Errorf("dec: missing %s: %w", f.name, zk.ErrMalformed)
		}
	}
	if p.Gamma == nil {
		return fmt.Errorf("dec: missing gamma: %w", zk.ErrMalformed)
	}
	if p.Gamma.Curve().ID() != st.curve.ID() {
		return fmt.Errorf("dec: gamma is a %s scalar, statement on %s: %w", p.Gamma.Curve().Name(), st.curve.Name(), zk.ErrMalformed)
	}
	if p.Gamma.IsZero() {
		return fmt.Errorf("dec: gamma is zero: %w", zk.ErrOutOfRange)
	}
	// Sizes first: nothing below touches a value longer than its range.
	for _, f := range nats {
		if f.x.TrueLen() > f.mod.BitLen() {
			return fmt.Errorf("dec: %s longer than its modulus: %w", f.name, zk.ErrOutOfRange)
		}
	}
	for _, f := range ints {
		ok := false
		if f.m == nil {
			ok = bigint.InRangeVarTime(f.x, f.bits)
		} else {
			ok = bigint.InRangeScaledVarTime(f.x, f.bits, f.m)
		}
		if !ok {
			return fmt.Errorf("dec: %s out of range: %w", f.name, zk.ErrOutOfRange)
		}
	}
	for _, f := range nats {
		if err := checkUnitVarTime(f.x, f.mod, f.unit); err != nil {
			return fmt.Errorf("dec: %s: %w", f.name, err)
		}
	}
	return nil
}
