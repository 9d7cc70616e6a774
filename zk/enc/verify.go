package enc

import (
	"fmt"

	"github.com/mosaic-mpc/mosaic/internal/transcript"
	"github.com/mosaic-mpc/mosaic/zk"
	"github.com/mosaic-mpc/mosaic/zk/internal/vartime"
)

// Verify checks the proof against the statement, bound to t (on which the
// caller has called zk.BindContext with the same session, prover and
// verifier as the prover did). Every size, range and unit check, of the
// statement's K as of the proof, runs before any exponentiation. The error
// wraps zk.ErrMalformed, zk.ErrOutOfRange, zk.ErrNotUnit or zk.ErrVerify.
func (p *Proof) Verify(t *transcript.Transcript, pub Public) error {
	if t == nil {
		return fmt.Errorf("enc: nil transcript: %w", zk.ErrMalformed)
	}
	st, err := newStatement(pub)
	if err != nil {
		return err
	}
	if err := p.validate(st); err != nil {
		return err
	}
	e := challenge(t, st, p)
	return verifyEquationsVarTime(st, p, e, nil)
}

// validate checks that every field is present, then sizes, then the ranges
// of z1 and z3, then group membership of S, C (mod N̂), A (mod N0²) and z2
// (mod N0).
func (p *Proof) validate(st *statement) error {
	if p == nil {
		return fmt.Errorf("enc: missing proof: %w", zk.ErrMalformed)
	}
	fields := vartime.Fields{
		Proof: "enc",
		Nats: []vartime.Nat{
			{Name: "S", X: p.S, Mod: st.nHat, Unit: st.nHat},
			{Name: "A", X: p.A, Mod: st.n0Sq, Unit: st.n0Sq},
			{Name: "C", X: p.C, Mod: st.nHat, Unit: st.nHat},
			{Name: "z2", X: p.Z2, Mod: st.n0, Unit: st.n0},
		},
		Ints: []vartime.Int{
			{Name: "z1", X: p.Z1, Bits: zk.L + zk.Epsilon},
			{Name: "z3", X: p.Z3, Bits: zk.L + zk.Epsilon + 1, Scale: st.nHat},
		},
	}
	if err := fields.Missing(); err != nil {
		return err
	}
	return fields.Check()
}
