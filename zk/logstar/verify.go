package logstar

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
		return fmt.Errorf("logstar: nil transcript: %w", zk.ErrMalformed)
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

// validate checks, in this order, that every field is present, that Y is a
// non-identity point of the statement's curve, that every integer has a bit
// length its range allows, that every response lies in its range and that
// every commitment and z2 is a unit other than ±1.
func (p *Proof) validate(st *statement) error {
	if p == nil {
		return fmt.Errorf("logstar: missing proof: %w", zk.ErrMalformed)
	}
	nats := []struct {
		name string
		x    *saferith.Nat
		mod  *saferith.Modulus // x ∈ [2, mod−2]
		unit *saferith.Modulus // gcd(x, unit) = 1
	}{
		{"S", p.S, st.nHat, st.nHat},
		{"A", p.A, st.n0.NSquared(), st.n0.N()},
		{"D", p.D, st.nHat, st.nHat},
		{"z2", p.Z2, st.n0.N(), st.n0.N()},
	}
	ints := []struct {
		name string
		x    *saferith.Int
		bits int               // |x| ≤ 2^bits (· m when m is not nil)
		m    *saferith.Modulus // scale
	}{
		{"z1", p.Z1, st.r.maskBits, nil},
		{"z3", p.Z3, st.r.maskBits + 1, st.nHat},
	}
	for _, f := range nats {
		if f.x == nil {
			return fmt.Errorf("logstar: missing %s: %w", f.name, zk.ErrMalformed)
		}
	}
	for _, f := range ints {
		if f.x == nil {
			return fmt.Errorf("logstar: missing %s: %w", f.name, zk.ErrMalformed)
		}
	}
	if p.Y == nil {
		return fmt.Errorf("logstar: missing Y: %w", zk.ErrMalformed)
	}
	if p.Y.Curve().ID() != st.curve.ID() {
		return fmt.Errorf("logstar: Y is on %s, statement on %s: %w", p.Y.Curve().Name(), st.curve.Name(), zk.ErrMalformed)
	}
	if p.Y.IsIdentity() {
		return fmt.Errorf("logstar: Y is the identity: %w", zk.ErrMalformed)
	}
	// Sizes first: nothing below touches a value longer than its range.
	for _, f := range nats {
		if f.x.TrueLen() > f.mod.BitLen() {
			return fmt.Errorf("logstar: %s longer than its modulus: %w", f.name, zk.ErrOutOfRange)
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
			return fmt.Errorf("logstar: %s out of range: %w", f.name, zk.ErrOutOfRange)
		}
	}
	for _, f := range nats {
		if err := checkUnitVarTime(f.x, f.mod, f.unit); err != nil {
			return fmt.Errorf("logstar: %s: %w", f.name, err)
		}
	}
	return nil
}
