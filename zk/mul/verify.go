package mul

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
	nats := []struct {
		name string
		x    *saferith.Nat
		mod  *saferith.Modulus // x ∈ [2, mod−2]
	}{{"A", p.A, nSq}, {"B", p.B, nSq}, {"u", p.U, n}, {"v", p.V, n}}
	for _, f := range nats {
		if f.x == nil {
			return fmt.Errorf("mul: missing %s: %w", f.name, zk.ErrMalformed)
		}
	}
	if p.Z == nil {
		return fmt.Errorf("mul: missing z: %w", zk.ErrMalformed)
	}
	for _, f := range nats {
		if f.x.TrueLen() > f.mod.BitLen() {
			return fmt.Errorf("mul: %s longer than its modulus: %w", f.name, zk.ErrOutOfRange)
		}
	}
	if !bigint.InRangeVarTime(p.Z, zk.L+zk.Epsilon) {
		return fmt.Errorf("mul: z out of range: %w", zk.ErrOutOfRange)
	}
	for _, f := range nats {
		if err := checkUnitVarTime(f.x, f.mod, n); err != nil {
			return fmt.Errorf("mul: %s: %w", f.name, err)
		}
	}
	return nil
}
