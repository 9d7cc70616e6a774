package enc

import (
	"fmt"

	"github.com/cronokirby/saferith"

	"github.com/mosaic-mpc/mosaic/internal/bigint"
	"github.com/mosaic-mpc/mosaic/internal/transcript"
	"github.com/mosaic-mpc/mosaic/zk"
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
	if p.S == nil || p.A == nil || p.C == nil || p.Z1 == nil || p.Z2 == nil || p.Z3 == nil {
		return fmt.Errorf("enc: incomplete proof: %w", zk.ErrMalformed)
	}
	units := []struct {
		name string
		x    *saferith.Nat
		mod  *saferith.Modulus
	}{{"S", p.S, st.nHat}, {"A", p.A, st.n0Sq}, {"C", p.C, st.nHat}, {"z2", p.Z2, st.n0}}
	for _, u := range units {
		if u.x.TrueLen() > u.mod.BitLen() {
			return fmt.Errorf("enc: %s longer than its modulus: %w", u.name, zk.ErrOutOfRange)
		}
	}
	if !bigint.InRangeVarTime(p.Z1, zk.L+zk.Epsilon) {
		return fmt.Errorf("enc: z1 outside ±2^(ℓ+ε): %w", zk.ErrOutOfRange)
	}
	if !bigint.InRangeScaledVarTime(p.Z3, zk.L+zk.Epsilon+1, st.nHat) {
		return fmt.Errorf("enc: z3 outside ±2^(ℓ+ε+1)·N̂: %w", zk.ErrOutOfRange)
	}
	for _, u := range units {
		if err := checkUnitVarTime(u.x, u.mod); err != nil {
			return fmt.Errorf("enc: %s: %w", u.name, err)
		}
	}
	return nil
}
