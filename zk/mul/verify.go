package mul

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
		return fmt.Errorf("mul: nil transcript: %w", zk.ErrMalformed)
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
// integer has a bit length its range allows, that z lies in ±2^(ℓ+ε) and
// that A, B, u, v are units other than ±1.
func (p *Proof) validate(st *statement) error {
	if p == nil {
		return fmt.Errorf("mul: missing proof: %w", zk.ErrMalformed)
	}
	n, nSq := st.pk.N(), st.pk.NSquared()
	fields := vartime.Fields{
		Proof: "mul",
		Nats: []vartime.Nat{
			{Name: "A", X: p.A, Mod: nSq, Unit: n},
			{Name: "B", X: p.B, Mod: nSq, Unit: n},
			{Name: "u", X: p.U, Mod: n, Unit: n},
			{Name: "v", X: p.V, Mod: n, Unit: n},
		},
		Ints: []vartime.Int{{Name: "z", X: p.Z, Bits: zk.L + zk.Epsilon}},
	}
	if err := fields.Missing(); err != nil {
		return err
	}
	return fields.Check()
}
