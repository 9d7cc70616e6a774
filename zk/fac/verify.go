package fac

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
	fields := vartime.Fields{
		Proof: "fac",
		Nats: []vartime.Nat{
			{Name: "P", X: p.P, Mod: st.nHat, Unit: st.nHat},
			{Name: "Q", X: p.Q, Mod: st.nHat, Unit: st.nHat},
			{Name: "A", X: p.A, Mod: st.nHat, Unit: st.nHat},
			{Name: "B", X: p.B, Mod: st.nHat, Unit: st.nHat},
			{Name: "T", X: p.T, Mod: st.nHat, Unit: st.nHat},
		},
		Ints: []vartime.Int{
			{Name: "sigma", X: p.Sigma, Bits: zk.L, Scale: st.n0NHat},
			{Name: "z1", X: p.Z1, Bits: zk.L + zk.Epsilon, Scale: st.sqrtN0},
			{Name: "z2", X: p.Z2, Bits: zk.L + zk.Epsilon, Scale: st.sqrtN0},
			{Name: "w1", X: p.W1, Bits: zk.L + zk.Epsilon + 1, Scale: st.nHat},
			{Name: "w2", X: p.W2, Bits: zk.L + zk.Epsilon + 1, Scale: st.nHat},
			{Name: "v", X: p.V, Bits: zk.L + zk.Epsilon + 1, Scale: st.n0NHat},
		},
	}
	if err := fields.Missing(); err != nil {
		return err
	}
	return fields.Check()
}
