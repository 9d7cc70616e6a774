package mul

import (
	"errors"
	"fmt"
	"io"

	"github.com/cronokirby/saferith"

	"github.com/mosaic-mpc/mosaic/internal/bigint"
	"github.com/mosaic-mpc/mosaic/internal/par"
	"github.com/mosaic-mpc/mosaic/internal/transcript"
	"github.com/mosaic-mpc/mosaic/paillier"
	"github.com/mosaic-mpc/mosaic/zk"
	"github.com/mosaic-mpc/mosaic/zk/internal/ctarith"
)

// ProofName is the name and version absorbed by zk.StartProof.
const ProofName = "mosaic/zk/mul/v1"

// ErrInvalidWitness is returned by NewProof when the witness is outside its
// range or a nonce is not a unit, or the secret key is not N's. No proof is
// made.
var ErrInvalidWitness = errors.New("mul: witness does not match the statement")

// Public is the statement of Πmul: three ciphertexts under the prover's key.
type Public struct {
	// N is the PROVER's Paillier key.
	N *paillier.PublicKey
	// X = (1+N)^x · ρ_x^N mod N².
	X *paillier.Ciphertext
	// Y is any ciphertext under N.
	Y *paillier.Ciphertext
	// C = Y^x · ρ^N mod N².
	C *paillier.Ciphertext
}

// Private is the witness of Πmul.
type Private struct {
	// X is x ∈ ±2^ℓ, the plaintext of X.
	X *saferith.Int
	// Rho is ρ ∈ Z*_N, the nonce of C.
	Rho *saferith.Nat
	// RhoX is ρ_x ∈ Z*_N, the nonce of X.
	RhoX *saferith.Nat
	// SecretKey is optional: the prover's Paillier secret key for N. With
	// it, A and B are computed by CRT.
	SecretKey *paillier.SecretKey
}

// Proof is a Πmul proof: the commitments A, B and the responses z, u, v of
// Figure 29.
type Proof struct {
	A, B *saferith.Nat // ∈ Z*_{N²}
	Z    *saferith.Int // ∈ ±2^(ℓ+ε)
	U, V *saferith.Nat // ∈ Z*_N
}

// NewProof proves the statement pub with witness priv. The caller has bound
// t to the session, prover and verifier with zk.BindContext; the proof then
// absorbs its statement and commitments into t, so use one bound transcript
// (or Clone) per proof. rand nil means crypto/rand.Reader; a randomness
// failure is returned, never papered over.
func NewProof(t *transcript.Transcript, pub Public, priv Private, rand io.Reader) (*Proof, error) {
	if t == nil {
		return nil, fmt.Errorf("mul: nil transcript: %w", zk.ErrMalformed)
	}
	st, err := newStatement(pub)
	if err != nil {
		return nil, err
	}
	if err := st.checkWitness(priv); err != nil {
		return nil, err
	}
	// Private copies: saferith resizes operands in place, and a caller may
	// prove to several verifiers at once from one witness.
	priv = Private{X: priv.X.Clone(), Rho: priv.Rho.Clone(), RhoX: priv.RhoX.Clone(), SecretKey: priv.SecretKey}
	return prove(t, st, priv, bigint.Reader(rand))
}

// checkWitness checks x ∈ ±2^ℓ, that ρ and ρ_x are units and that the
// secret key (if any) belongs to N. Constant time up to the final verdict.
// It does not re-derive X and C (two full exponentiations): a wrong witness
// only yields a proof that fails verification.
func (st *statement) checkWitness(priv Private) error {
	if priv.X == nil || priv.Rho == nil || priv.RhoX == nil {
		return fmt.Errorf("%w: missing value", ErrInvalidWitness)
	}
	n := st.pk.N()
	if ctarith.InRange(priv.X, zk.L)&ctarith.IsUnit(priv.Rho, n)&ctarith.IsUnit(priv.RhoX, n) != 1 {
		return fmt.Errorf("%w: x ∉ ±2^ℓ or a nonce is not a unit", ErrInvalidWitness)
	}
	if priv.SecretKey != nil && !priv.SecretKey.PublicKey().Equal(st.pk) {
		return fmt.Errorf("%w: secret key is not N's", ErrInvalidWitness)
	}
	return nil
}

// prove runs Figure 29 on a validated statement. It does not check the
// witness, so tests can play a cheating prover with it.
func prove(t *transcript.Transcript, st *statement, priv Private, rand io.Reader) (*Proof, error) {
	alpha, err := bigint.SampleIntBits(rand, zk.L+zk.Epsilon)
	if err != nil {
		return nil, fmt.Errorf("mul: sampling α: %w", err)
	}
	n := st.pk.N()
	// Only the N-th powers (|N|-bit exponents) gain from the secret key. Y^α
	// and the ρ^e have short exponents (ℓ+ε and ℓ bits) that a CRT
	// exponentiation would first widen to |p|+|p−1| or |p| bits, so they
	// run modulo N², N.
	p := &Proof{}
	var yAlpha, rN, r, s *saferith.Nat
	if sk := priv.SecretKey; sk != nil {
		// Both nonces from paillier's owner-side tables: r with r^N for A,
		// and s inside B. The goroutine drawing them is the only one that
		// reads rand.
		var errNonces error
		par.Do(
			func() { yAlpha = st.pk.NSquaredOdd().ExpInt(st.y, alpha) },
			func() {
				var b *paillier.Ciphertext
				if r, rN, errNonces = sk.SampleNonce(rand); errNonces != nil {
					return
				}
				if b, s, errNonces = sk.EncFresh(rand, alpha); errNonces == nil {
					p.B = b.Nat()
				}
			},
		)
		if errNonces != nil {
			return nil, fmt.Errorf("mul: sampling nonces: %w", errNonces)
		}
	} else {
		if r, err = bigint.SampleUnit(rand, st.pk.N()); err != nil {
			return nil, fmt.Errorf("mul: sampling r: %w", err)
		}
		if s, err = bigint.SampleUnit(rand, st.pk.N()); err != nil {
			return nil, fmt.Errorf("mul: sampling s: %w", err)
		}
		zero := new(saferith.Int)
		par.Do(
			func() { yAlpha = st.pk.NSquaredOdd().ExpInt(st.y, alpha) },
			func() {
				rN = st.pk.EncWithNonce(zero, r).Nat()
				p.B = st.pk.EncWithNonce(alpha, s).Nat()
			},
		)
	}
	p.A = yAlpha.ModMul(yAlpha, rN, st.pk.NSquared())

	e := challenge(t, st, p)

	expN := st.pk.NOdd().ExpInt
	par.Do(
		func() { p.U = expN(priv.Rho, e); p.U.ModMul(p.U, r, n) },
		func() { p.V = expN(priv.RhoX, e); p.V.ModMul(p.V, s, n) },
	)
	p.Z = ctarith.MulAdd(alpha, e, priv.X)
	return p, nil
}
