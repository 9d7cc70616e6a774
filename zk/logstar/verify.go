package logstar

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
	fields := vartime.Fields{
		Proof: "logstar",
		Nats: []vartime.Nat{
			{Name: "S", X: p.S, Mod: st.nHat, Unit: st.nHat},
			{Name: "A", X: p.A, Mod: st.n0.NSquared(), Unit: st.n0.N()},
			{Name: "D", X: p.D, Mod: st.nHat, Unit: st.nHat},
			{Name: "z2", X: p.Z2, Mod: st.n0.N(), Unit: st.n0.N()},
		},
		Ints: []vartime.Int{
			{Name: "z1", X: p.Z1, Bits: st.r.maskBits},
			{Name: "z3", X: p.Z3, Bits: st.r.maskBits + 1, Scale: st.nHat},
		},
	}
	if err := fields.Missing(); err != nil {
		return err
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
	return fields.Check()
}
