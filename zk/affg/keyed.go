package affg

import (
	"fmt"

	"github.com/cronokirby/saferith"

	"github.com/mosaic-mpc/mosaic/internal/transcript"
	"github.com/mosaic-mpc/mosaic/paillier"
	"github.com/mosaic-mpc/mosaic/zk"
	"github.com/mosaic-mpc/mosaic/zk/internal/keyed"
	"github.com/mosaic-mpc/mosaic/zk/internal/vartime"
)

// VerifyWithKey is Verify for the verifier that owns the ring-Pedersen
// parameters: key must be the Paillier secret key whose modulus is pub.Aux's
// N̂. In CGGMP21 that key is also N0 (C = K_j and D are under the verifier's
// own key), and then the N0² equation is checked with it too.
//
// It runs the same checks in the same order as Verify (statement, sizes,
// ranges, units, then the challenge from the same transcript) and accepts
// exactly the proofs Verify accepts, but evaluates
//
//	s^z1·t^z3 = E·S^e and s^z2·t^z4 = F·T^e        modulo p, q (N̂ = pq)
//	C^z1·(1+N0)^z2·w^N0 = A·D^e                   modulo p², q² (if N0 = N̂)
//
// with exponents reduced modulo the group orders where that shortens them
// (paillier.SecretKey.ProductIsN, ProductIsN2): constant time in the primes,
// a fraction of the public checks' work, and reporting only whether each
// equation holds for the whole modulus. The N1² equation (the prover's key)
// and the curve equation are checked as in Verify. A nil key, or one for
// another modulus than N̂, is refused with zk.ErrMalformed.
func (p *Proof) VerifyWithKey(t *transcript.Transcript, pub Public, key *paillier.SecretKey) error {
	if t == nil {
		return fmt.Errorf("affg: nil transcript: %w", zk.ErrMalformed)
	}
	st, err := newStatement(pub)
	if err != nil {
		return err
	}
	if !keyed.Owns(key, st.nHat) {
		return fmt.Errorf("affg: the key is not the one of N̂: %w", zk.ErrMalformed)
	}
	if err := p.validate(st); err != nil {
		return err
	}
	e := challenge(t, st, p)
	ownsN0 := keyed.Owns(key, st.n0.N())

	// Each keyed equation is its own job, beside the public ones.
	pedersenE := func() error {
		if keyed.RingPedersen(key, st.aux, p.Z1, p.Z3, p.S, e, p.E) != 1 {
			return fmt.Errorf("affg: equation E (keyed): %w", zk.ErrVerify)
		}
		return nil
	}
	pedersenF := func() error {
		if keyed.RingPedersen(key, st.aux, p.Z2, p.Z4, p.T, e, p.F) != 1 {
			return fmt.Errorf("affg: equation F (keyed): %w", zk.ErrVerify)
		}
		return nil
	}
	var n0 func() error
	if ownsN0 {
		n0 = func() error {
			negE := new(saferith.Int).SetInt(e).Neg(1)
			n0Int := new(saferith.Int).SetNat(st.n0.NNat())
			if key.ProductIsN2(p.A, onePlusNat(p.Z2, st.n0),
				paillier.Power{Base: st.c, Exp: p.Z1},
				paillier.Power{Base: p.W, Exp: n0Int},
				paillier.Power{Base: st.d, Exp: negE},
			) != 1 {
				return fmt.Errorf("affg: equation N0² (keyed): %w", zk.ErrVerify)
			}
			return nil
		}
	}
	return vartime.CheckEquations("affg", equationsVarTime(st, p, e, ownsN0, true),
		curveCheckVarTime(st, p, e), pedersenE, pedersenF, n0)
}
