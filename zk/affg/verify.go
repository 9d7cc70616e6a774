package affg

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
		return fmt.Errorf("affg: nil transcript: %w", zk.ErrMalformed)
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

// validate checks, in this order, that every field is present, that B_x is
// a non-identity point of the statement's curve, that every integer has a
// bit length its range allows, that every response lies in its range and
// that every commitment and nonce response is a unit other than ±1.
func (p *Proof) validate(st *statement) error {
	if p == nil {
		return fmt.Errorf("affg: missing proof: %w", zk.ErrMalformed)
	}
	n0Sq, n1Sq := st.n0.NSquared(), st.n1.NSquared()
	fields := vartime.Fields{
		Proof: "affg",
		Nats: []vartime.Nat{
			{Name: "A", X: p.A, Mod: n0Sq, Unit: st.n0.N()},
			{Name: "By", X: p.By, Mod: n1Sq, Unit: st.n1.N()},
			{Name: "E", X: p.E, Mod: st.nHat, Unit: st.nHat},
			{Name: "S", X: p.S, Mod: st.nHat, Unit: st.nHat},
			{Name: "F", X: p.F, Mod: st.nHat, Unit: st.nHat},
			{Name: "T", X: p.T, Mod: st.nHat, Unit: st.nHat},
			{Name: "w", X: p.W, Mod: st.n0.N(), Unit: st.n0.N()},
			{Name: "w_y", X: p.WY, Mod: st.n1.N(), Unit: st.n1.N()},
		},
		Ints: []vartime.Int{
			{Name: "z1", X: p.Z1, Bits: zk.L + zk.Epsilon},
			{Name: "z2", X: p.Z2, Bits: zk.LPrime + zk.Epsilon},
			{Name: "z3", X: p.Z3, Bits: zk.L + zk.Epsilon + 1, Scale: st.nHat},
			{Name: "z4", X: p.Z4, Bits: zk.L + zk.Epsilon + 1, Scale: st.nHat},
		},
	}
	if err := fields.Missing(); err != nil {
		return err
	}
	if p.Bx == nil {
		return fmt.Errorf("affg: missing Bx: %w", zk.ErrMalformed)
	}
	if p.Bx.Curve().ID() != st.curve.ID() {
		return fmt.Errorf("affg: Bx is on %s, statement on %s: %w", p.Bx.Curve().Name(), st.curve.Name(), zk.ErrMalformed)
	}
	if p.Bx.IsIdentity() {
		return fmt.Errorf("affg: Bx is the identity: %w", zk.ErrMalformed)
	}
	return fields.Check()
}
