package dec

import (
	"fmt"

	"github.com/mosaic-mpc/mosaic/internal/transcript"
	"github.com/mosaic-mpc/mosaic/zk"
	"github.com/mosaic-mpc/mosaic/zk/internal/vartime"
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
	fields := vartime.Fields{
		Proof: "dec",
		Nats: []vartime.Nat{
			{Name: "S", X: p.S, Mod: st.nHat, Unit: st.nHat},
			{Name: "T", X: p.T, Mod: st.nHat, Unit: st.nHat},
			{Name: "A", X: p.A, Mod: st.n0.NSquared(), Unit: st.n0.N()},
			{Name: "w", X: p.W, Mod: st.n0.N(), Unit: st.n0.N()},
		},
		Ints: []vartime.Int{
			{Name: "z1", X: p.Z1, Bits: MaskBits},
			{Name: "z2", X: p.Z2, Bits: zk.L + zk.Epsilon + 1, Scale: st.nHat},
		},
	}
	if err := fields.Missing(); err != nil {
		return err
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
	return fields.Check()
}
