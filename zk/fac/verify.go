package fac

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
		return fmt.Errorf("fac: nil transcript: %w", zk.ErrMalformed)
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

// validate checks, in this order, that every field is present, that every
// value has a bit length its range allows, that every response lies in its
// range and that every commitment is in Z*_N̂ \ {±1}.
func (p *Proof) validate(st *statement) error {
	if p == nil {
		return fmt.Errorf("fac: missing proof: %w", zk.ErrMalformed)
	}
	nats := []struct {
		name string
		x    *saferith.Nat
	}{{"P", p.P}, {"Q", p.Q}, {"A", p.A}, {"B", p.B}, {"T", p.T}}
	ints := []struct {
		name string
		x    *saferith.Int
		bits int               // |x| ≤ 2^bits · m
		m    *saferith.Modulus // scale
	}{
		{"sigma", p.Sigma, zk.L, st.n0NHat},
		{"z1", p.Z1, zk.L + zk.Epsilon, st.sqrtN0},
		{"z2", p.Z2, zk.L + zk.Epsilon, st.sqrtN0},
		{"w1", p.W1, zk.L + zk.Epsilon + 1, st.nHat},
		{"w2", p.W2, zk.L + zk.Epsilon + 1, st.nHat},
		{"v", p.V, zk.L + zk.Epsilon + 1, st.n0NHat},
	}
	for _, f := range nats {
		if f.x == nil {
			return fmt.Errorf("fac: missing %s: %w", f.name, zk.ErrMalformed)
		}
	}
	for _, f := range ints {
		if f.x == nil {
			return fmt.Errorf("fac: missing %s: %w", f.name, zk.ErrMalformed)
		}
	}
	// Sizes first: nothing below touches a value longer than its range.
	for _, f := range nats {
		if f.x.TrueLen() > st.nHat.BitLen() {
			return fmt.Errorf("fac: %s longer than N̂: %w", f.name, zk.ErrOutOfRange)
		}
	}
	for _, f := range ints {
		if !bigint.InRangeScaledVarTime(f.x, f.bits, f.m) {
			return fmt.Errorf("fac: %s outside ±2^%d·%d-bit bound: %w", f.name, f.bits, f.m.BitLen(), zk.ErrOutOfRange)
		}
	}
	for _, f := range nats {
		if err := checkUnitVarTime(f.x, st.nHat); err != nil {
			return fmt.Errorf("fac: %s: %w", f.name, err)
		}
	}
	return nil
}
