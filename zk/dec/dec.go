package dec

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
//
// Version 2: α and z1 range over ±2^MaskBits with zk.StatBits = 128 (80 in
// version 1), so a version-1 verifier refuses version-2 proofs.
const ProofName = "mosaic/zk/dec/v2"

const (
	// PlaintextBits bounds the plaintext: y ∈ ±2^PlaintextBits. It covers
	// the MtA sums of CGGMP21 identification (about ℓ'+ε+log2 n bits) for up
	// to 2^14 parties.
	PlaintextBits = zk.LPrime + zk.Epsilon + 16
	// MaskBits is the range of the mask α and of the response z1: enough to
	// hide e·y (|e| ≤ q < 2^ℓ) with statistical distance 2^−zk.StatBits.
	MaskBits = PlaintextBits + zk.L + zk.StatBits
)

// ErrInvalidWitness is returned by NewProof when the witness is outside its
// range or does not match the statement where that is cheap to check
// (x = y mod q, ρ a unit, the secret key's modulus). No proof is made.
var ErrInvalidWitness = errors.New("dec: witness does not match the statement")

// Public is the statement of Πdec.
type Public struct {
	// N0 is the PROVER's Paillier key.
	N0 *paillier.PublicKey
	// C = (1+N0)^y · ρ^N0 mod N0².
	C *paillier.Ciphertext
	// X is the claimed y mod q, a scalar of the curve whose order is q.
	X curve.Scalar
	// Aux holds the VERIFIER's ring-Pedersen parameters (N̂, s, t); an N̂
	// equal to N0 is refused (zk.ErrProverModulus).
	Aux *paillier.PedersenParams
}

// Private is the witness of Πdec.
type Private struct {
	// Y is y ∈ ±2^PlaintextBits, the centred plaintext of C.
	Y *saferith.Int
	// Rho is ρ ∈ Z*_N0, the nonce of C.
	Rho *saferith.Nat
	// SecretKey is optional: the prover's Paillier secret key for N0. With
	// it, A is computed by CRT.
	SecretKey *paillier.SecretKey
}

// Proof is a Πdec proof: the commitments S, T, A, γ and the responses z1,
// z2, w of Figure 30.
type Proof struct {
	S, T  *saferith.Nat // ∈ Z*_N̂
	A     *saferith.Nat // ∈ Z*_{N0²}
	Gamma curve.Scalar  // α mod q, non-zero
	Z1    *saferith.Int // ∈ ±2^MaskBits
	Z2    *saferith.Int // ∈ ±2^(ℓ+ε+1)·N̂
	W     *saferith.Nat // ∈ Z*_N0
}

// nonces are the prover's secret masks of Figure 30.
type nonces struct {
	alpha, mu, nu *saferith.Int
	r             *saferith.Nat
}

// NewProof proves the statement pub with witness priv. The caller has bound
// t to the session, prover and verifier with zk.BindContext; the proof then
// absorbs its statement and commitments into t, so use one bound transcript
// (or Clone) per proof. rand nil means crypto/rand.Reader; a randomness
// failure is returned, never papered over.
func NewProof(t *transcript.Transcript, pub Public, priv Private, rand io.Reader) (*Proof, error) {
	if t == nil {
		return nil, fmt.Errorf("dec: nil transcript: %w", zk.ErrMalformed)
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
	priv = Private{Y: priv.Y.Clone(), Rho: priv.Rho.Clone(), SecretKey: priv.SecretKey}
	return prove(t, st, priv, bigint.Reader(rand))
}

// checkWitness checks y ∈ ±2^PlaintextBits, ρ ∈ Z*_N0, y ≡ x (mod q) and
// that the secret key (if any) belongs to N0. Constant time up to the final
// verdict. It does not re-encrypt: a wrong ρ or a y that is not C's
// plaintext only yields a proof that fails verification.
func (st *statement) checkWitness(priv Private) error {
	if priv.Y == nil || priv.Rho == nil {
		return fmt.Errorf("%w: missing value", ErrInvalidWitness)
	}
	if ctarith.InRange(priv.Y, PlaintextBits)&ctarith.IsUnit(priv.Rho, st.n0.N()) != 1 {
		return fmt.Errorf("%w: y ∉ ±2^PlaintextBits or ρ not a unit", ErrInvalidWitness)
	}
	if !st.curve.ScalarFromInt(priv.Y).Equal(st.x) {
		return fmt.Errorf("%w: x ≠ y mod q", ErrInvalidWitness)
	}
	if priv.SecretKey != nil && !priv.SecretKey.PublicKey().Equal(st.n0) {
		return fmt.Errorf("%w: secret key is not N0's", ErrInvalidWitness)
	}
	return nil
}

func sampleNonces(rand io.Reader, st *statement, withKey bool) (*nonces, error) {
	var n nonces
	var err error
	if n.alpha, err = bigint.SampleIntBits(rand, MaskBits); err != nil {
		return nil, fmt.Errorf("dec: sampling α: %w", err)
	}
	if n.mu, err = bigint.SampleIntScaled(rand, zk.L, st.nHat); err != nil {
		return nil, fmt.Errorf("dec: sampling μ: %w", err)
	}
	if n.nu, err = bigint.SampleIntScaled(rand, zk.L+zk.Epsilon, st.nHat); err != nil {
		return nil, fmt.Errorf("dec: sampling ν: %w", err)
	}
	if !withKey {
		// With the secret key, r is drawn with A (paillier's fast nonces).
		if n.r, err = bigint.SampleUnit(rand, st.n0.N()); err != nil {
			return nil, fmt.Errorf("dec: sampling r: %w", err)
		}
	}
	return &n, nil
}

// prove runs Figure 30 on a validated statement. It does not check the
// witness, so tests can play a cheating prover with it.
func prove(t *transcript.Transcript, st *statement, priv Private, rand io.Reader) (*Proof, error) {
	sk := priv.SecretKey
	n, err := sampleNonces(rand, st, sk != nil)
	if err != nil {
		return nil, err
	}
	p := &Proof{Gamma: st.curve.ScalarFromInt(n.alpha)}
	var errA error
	par.Do(
		func() { p.S = st.aux.Commit(priv.Y, n.mu) },
		func() { p.T = st.aux.Commit(n.alpha, n.nu) },
		func() {
			if sk == nil {
				p.A = st.n0.EncWithNonce(n.alpha, n.r).Nat()
				return
			}
			// A fresh owner-side nonce: the only goroutine that reads rand
			// while the others run. α may exceed N0/2; EncFresh takes it
			// modulo N0 as EncWithNonce does.
			var a *paillier.Ciphertext
			a, n.r, errA = sk.EncFresh(rand, n.alpha)
			if errA == nil {
				p.A = a.Nat()
			}
		},
	)
	if errA != nil {
		return nil, fmt.Errorf("dec: sampling r: %w", errA)
	}

	e := challenge(t, st, p)

	// e is short (ℓ bits): a CRT exponentiation would first widen it to |p|
	// bits, so even with the secret key this is faster.
	p.W = st.n0.NOdd().ExpInt(priv.Rho, e)
	p.W.ModMul(p.W, n.r, st.n0.N())
	p.Z1 = ctarith.MulAdd(n.alpha, e, priv.Y)
	p.Z2 = ctarith.MulAdd(n.nu, e, n.mu)
	return p, nil
}
