package logstar

import (
	"errors"
	"fmt"
	"io"

	"github.com/cronokirby/saferith"

	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/mosaic-mpc/mosaic/internal/bigint"
	"github.com/mosaic-mpc/mosaic/internal/par"
	"github.com/mosaic-mpc/mosaic/internal/transcript"
	"github.com/mosaic-mpc/mosaic/paillier"
	"github.com/mosaic-mpc/mosaic/zk"
	"github.com/mosaic-mpc/mosaic/zk/internal/ctarith"
)

// ProofName is the name and version absorbed by zk.StartProof.
const ProofName = "mosaic/zk/logstar/v1"

// ErrInvalidWitness is returned by NewProof when the witness is outside its
// range or does not match the statement where that is cheap to check
// (X = x·g, ρ a unit, the secret key's modulus). No proof is made.
var ErrInvalidWitness = errors.New("logstar: witness does not match the statement")

// Public is the statement of Πlog*.
type Public struct {
	// N0 is the PROVER's Paillier key.
	N0 *paillier.PublicKey
	// C = (1+N0)^x · ρ^N0 mod N0².
	C *paillier.Ciphertext
	// X = x·G; not the identity.
	X curve.Point
	// G is the base point g (the curve generator, or e.g. Γ in presigning);
	// not the identity, on the curve of X.
	G curve.Point
	// Aux holds the VERIFIER's ring-Pedersen parameters (N̂, s, t); an N̂
	// equal to N0 is refused (zk.ErrProverModulus).
	Aux *paillier.PedersenParams
	// Wide widens the witness range from ±2^ℓ to ±2^WideBits, with masks and
	// response bounds to match (range.go): the statement of CGGMP21's
	// identification, where x is the plaintext of an MtA sum. A wide proof
	// absorbs WideProofName instead of ProofName.
	Wide bool
}

// Private is the witness of Πlog*.
type Private struct {
	// X is x ∈ ±2^ℓ (±2^WideBits for a wide statement).
	X *saferith.Int
	// Rho is ρ ∈ Z*_N0, the nonce of C.
	Rho *saferith.Nat
	// SecretKey is optional: the prover's Paillier secret key for N0. With
	// it, A is computed by CRT.
	SecretKey *paillier.SecretKey
}

// Proof is a Πlog* proof: the commitments S, A, Y, D and the responses z1,
// z2, z3 of Figure 25.
type Proof struct {
	S  *saferith.Nat // ∈ Z*_N̂
	A  *saferith.Nat // ∈ Z*_{N0²}
	Y  curve.Point   // α·g
	D  *saferith.Nat // ∈ Z*_N̂
	Z1 *saferith.Int // ∈ ±2^(ℓ+ε)
	Z2 *saferith.Nat // ∈ Z*_N0
	Z3 *saferith.Int // ∈ ±2^(ℓ+ε+1)·N̂
}

// nonces are the prover's secret masks of Figure 25.
type nonces struct {
	alpha, mu, gamma *saferith.Int
	r                *saferith.Nat
}

// NewProof proves the statement pub with witness priv. The caller has bound
// t to the session, prover and verifier with zk.BindContext; the proof then
// absorbs its statement and commitments into t, so use one bound transcript
// (or Clone) per proof. rand nil means crypto/rand.Reader; a randomness
// failure is returned, never papered over.
func NewProof(t *transcript.Transcript, pub Public, priv Private, rand io.Reader) (*Proof, error) {
	if t == nil {
		return nil, fmt.Errorf("logstar: nil transcript: %w", zk.ErrMalformed)
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
	priv = Private{X: priv.X.Clone(), Rho: priv.Rho.Clone(), SecretKey: priv.SecretKey}
	return prove(t, st, priv, bigint.Reader(rand))
}

// checkWitness checks x ∈ ±2^ℓ (±2^WideBits), ρ ∈ Z*_N0, X = x·g and that
// the secret key (if any) belongs to N0. Constant time up to the final
// verdict.
func (st *statement) checkWitness(priv Private) error {
	if priv.X == nil || priv.Rho == nil {
		return fmt.Errorf("%w: missing value", ErrInvalidWitness)
	}
	if ctarith.InRange(priv.X, st.r.xBits)&ctarith.IsUnit(priv.Rho, st.n0.N()) != 1 {
		return fmt.Errorf("%w: x ∉ ±2^%d or ρ not a unit", ErrInvalidWitness, st.r.xBits)
	}
	if !st.g.ScalarMult(st.curve.ScalarFromInt(priv.X)).Equal(st.x) {
		return fmt.Errorf("%w: X ≠ x·g", ErrInvalidWitness)
	}
	if priv.SecretKey != nil && !priv.SecretKey.PublicKey().Equal(st.n0) {
		return fmt.Errorf("%w: secret key is not N0's", ErrInvalidWitness)
	}
	return nil
}

func sampleNonces(rand io.Reader, st *statement, withKey bool) (*nonces, error) {
	var n nonces
	var err error
	if n.alpha, err = bigint.SampleIntBits(rand, st.r.maskBits); err != nil {
		return nil, fmt.Errorf("logstar: sampling α: %w", err)
	}
	if n.mu, err = bigint.SampleIntScaled(rand, st.r.xBits, st.nHat); err != nil {
		return nil, fmt.Errorf("logstar: sampling μ: %w", err)
	}
	if n.gamma, err = bigint.SampleIntScaled(rand, st.r.maskBits, st.nHat); err != nil {
		return nil, fmt.Errorf("logstar: sampling γ: %w", err)
	}
	if !withKey {
		// With the secret key, r is drawn with A (paillier's fast nonces).
		if n.r, err = bigint.SampleUnit(rand, st.n0.N()); err != nil {
			return nil, fmt.Errorf("logstar: sampling r: %w", err)
		}
	}
	return &n, nil
}

// prove runs Figure 25 on a validated statement. It does not check the
// witness, so tests can play a cheating prover with it.
func prove(t *transcript.Transcript, st *statement, priv Private, rand io.Reader) (*Proof, error) {
	sk := priv.SecretKey
	n, err := sampleNonces(rand, st, sk != nil)
	if err != nil {
		return nil, err
	}
	p := &Proof{}
	var errA error
	par.Do(
		func() { p.S = st.aux.Commit(priv.X, n.mu) },
		func() {
			if sk == nil {
				p.A = st.n0.EncWithNonce(n.alpha, n.r).Nat()
				return
			}
			// A fresh owner-side nonce: the only goroutine that reads rand
			// while the others run.
			var a *paillier.Ciphertext
			a, n.r, errA = sk.EncFresh(rand, n.alpha)
			if errA == nil {
				p.A = a.Nat()
			}
		},
		func() { p.Y = st.g.ScalarMult(st.curve.ScalarFromInt(n.alpha)) },
		func() { p.D = st.aux.Commit(n.alpha, n.gamma) },
	)
	if errA != nil {
		return nil, fmt.Errorf("logstar: sampling r: %w", errA)
	}

	e := challenge(t, st, p)

	// e is short (ℓ bits): a CRT exponentiation would first widen it to |p|
	// bits, so even with the secret key this is faster.
	p.Z2 = st.n0.NOdd().ExpInt(priv.Rho, e)
	p.Z2.ModMul(p.Z2, n.r, st.n0.N())
	p.Z1 = ctarith.MulAdd(n.alpha, e, priv.X)
	p.Z3 = ctarith.MulAdd(n.gamma, e, n.mu)
	return p, nil
}
