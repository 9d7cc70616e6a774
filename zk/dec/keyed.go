package dec

import (
	"fmt"

	"github.com/mosaic-mpc/mosaic/internal/transcript"
	"github.com/mosaic-mpc/mosaic/paillier"
	"github.com/mosaic-mpc/mosaic/zk"
	"github.com/mosaic-mpc/mosaic/zk/internal/keyed"
	"github.com/mosaic-mpc/mosaic/zk/internal/vartime"
)

// VerifyWithKey is Verify for the owner of the ring-Pedersen parameters,
// which in CGGMP21 is always the verifier (N̂ is its own Paillier modulus):
// key must be the Paillier secret key whose modulus is pub.Aux's N̂. It runs
// the same checks in the same order as Verify (statement, sizes, ranges,
// units, then the challenge from the same transcript) and accepts exactly
// the proofs Verify accepts, but evaluates the ring-Pedersen equation
// s^z1·t^z2 = T·S^e modulo the secret primes of N̂ with exponents reduced
// modulo p−1 and q−1 (paillier.SecretKey.ProductIsN): constant time in the
// primes, a fraction of the public check's work, and reporting only whether
// the equation holds. The Paillier equation (modulo the prover's N0²) and
// the check modulo q are as in Verify. A nil key, or one for another
// modulus, is refused with zk.ErrMalformed.
func (p *Proof) VerifyWithKey(t *transcript.Transcript, pub Public, key *paillier.SecretKey) error {
	if t == nil {
		return fmt.Errorf("dec: nil transcript: %w", zk.ErrMalformed)
	}
	st, err := newStatement(pub)
	if err != nil {
		return err
	}
	if !keyed.Owns(key, st.nHat) {
		return fmt.Errorf("dec: the key is not the one of N̂: %w", zk.ErrMalformed)
	}
	if err := p.validate(st); err != nil {
		return err
	}
	e := challenge(t, st, p)
	if err := scalarCheckVarTime(st, p, e); err != nil {
		return err
	}
	pedersen := func() error {
		if keyed.RingPedersen(key, st.aux, p.Z1, p.Z2, p.S, e, p.T) != 1 {
			return fmt.Errorf("dec: equation T (keyed): %w", zk.ErrVerify)
		}
		return nil
	}
	return vartime.CheckEquations("dec", equationsVarTime(st, p, e, true), pedersen)
}
