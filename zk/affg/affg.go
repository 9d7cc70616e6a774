package affg

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
const ProofName = "mosaic/zk/affg/v1"

// ErrInvalidWitness is returned by NewProof when the witness is outside its
// range or does not match the statement where that is cheap to check
// (X = x·G, units, the secret key's modulus). No proof is made.
var ErrInvalidWitness = errors.New("affg: witness does not match the statement")

// Public is the statement of Πaff-g. See the package documentation for the
// exact equations D and Y satisfy.
type Public struct {
	// N0 is the VERIFIER's Paillier key: C and D are under N0.
	N0 *paillier.PublicKey
	// N1 is the PROVER's Paillier key: Y is under N1.
	N1 *paillier.PublicKey
	// C is a ciphertext under N0 (in CGGMP21 presigning, the verifier's K_j).
	C *paillier.Ciphertext
	// D = C^x · (1+N0)^y · ρ^N0 mod N0².
	D *paillier.Ciphertext
	// Y = (1+N1)^y · ρ_y^N1 mod N1².
	Y *paillier.Ciphertext
	// X = x·G, G the generator of X's curve; not the identity.
	X curve.Point
	// Aux holds the VERIFIER's ring-Pedersen parameters (N̂, s, t); an N̂
	// equal to the prover's N1 is refused (zk.ErrProverModulus).
	Aux *paillier.PedersenParams
}

// Private is the witness of Πaff-g.
type Private struct {
	// X is x ∈ ±2^ℓ (e.g. γ_i or x_i as an integer in [0, q)).
	X *saferith.Int
	// Y is y ∈ ±2^ℓ' (in CGGMP21 presigning, −β).
	Y *saferith.Int
	// Rho is ρ ∈ Z*_N0, the nonce of enc_N0(y; ρ) inside D.
	Rho *saferith.Nat
	// RhoY is ρ_y ∈ Z*_N1, the nonce of Y.
	RhoY *saferith.Nat
	// SecretKey is optional: the prover's Paillier secret key for N1. With
	// it, B_y is computed by CRT.
	SecretKey *paillier.SecretKey
}

// Proof is a Πaff-g proof: the commitments A, B_x, B_y, E, S, F, T and the
// responses z1..z4, w, w_y of Figure 15.
type Proof struct {
	A          *saferith.Nat // ∈ Z*_{N0²}
	Bx         curve.Point   // α·G
	By         *saferith.Nat // ∈ Z*_{N1²}
	E, S, F, T *saferith.Nat // ∈ Z*_N̂
	Z1, Z2     *saferith.Int // ∈ ±2^(ℓ+ε), ±2^(ℓ'+ε)
	Z3, Z4     *saferith.Int // ∈ ±2^(ℓ+ε+1)·N̂
	W          *saferith.Nat // ∈ Z*_N0
	WY         *saferith.Nat // ∈ Z*_N1
}

// nonces are the prover's secret masks of Figure 15.
type nonces struct {
	alpha, beta, gamma, delta, m, mu *saferith.Int
	r, ry                            *saferith.Nat
}

// NewProof proves the statement pub with witness priv. The caller has bound
// t to the session, prover and verifier with zk.BindContext; the proof then
// absorbs its statement and commitments into t, so use one bound transcript
// (or Clone) per proof. rand nil means crypto/rand.Reader; a randomness
// failure is returned, never papered over.
func NewProof(t *transcript.Transcript, pub Public, priv Private, rand io.Reader) (*Proof, error) {
	if t == nil {
		return nil, fmt.Errorf("affg: nil transcript: %w", zk.ErrMalformed)
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
	priv = Private{
		X: priv.X.Clone(), Y: priv.Y.Clone(), Rho: priv.Rho.Clone(), RhoY: priv.RhoY.Clone(),
		SecretKey: priv.SecretKey,
	}
	return prove(t, st, priv, bigint.Reader(rand))
}

// checkWitness checks the ranges of x and y, that ρ and ρ_y are units, that
// X = x·G and that the secret key (if any) belongs to N1. Constant time up
// to the final verdict, which is all it reveals.
func (st *statement) checkWitness(priv Private) error {
	if priv.X == nil || priv.Y == nil || priv.Rho == nil || priv.RhoY == nil {
		return fmt.Errorf("%w: missing value", ErrInvalidWitness)
	}
	ok := ctarith.InRange(priv.X, zk.L) & ctarith.InRange(priv.Y, zk.LPrime)
	ok &= ctarith.IsUnit(priv.Rho, st.n0.N()) & ctarith.IsUnit(priv.RhoY, st.n1.N())
	if ok != 1 {
		return fmt.Errorf("%w: x ∉ ±2^ℓ, y ∉ ±2^ℓ' or a nonce is not a unit", ErrInvalidWitness)
	}
	if !st.curve.ScalarBaseMult(st.curve.ScalarFromInt(priv.X)).Equal(st.x) {
		return fmt.Errorf("%w: X ≠ x·G", ErrInvalidWitness)
	}
	if priv.SecretKey != nil && !priv.SecretKey.PublicKey().Equal(st.n1) {
		return fmt.Errorf("%w: secret key is not N1's", ErrInvalidWitness)
	}
	return nil
}

func sampleNonces(rand io.Reader, st *statement, withKey bool) (*nonces, error) {
	var n nonces
	var err error
	ints := []struct {
		dst  **saferith.Int
		bits int
		m    *saferith.Modulus // nil: ±2^bits; else ±2^bits·m
	}{
		{&n.alpha, zk.L + zk.Epsilon, nil},
		{&n.beta, zk.LPrime + zk.Epsilon, nil},
		{&n.gamma, zk.L + zk.Epsilon, st.nHat},
		{&n.delta, zk.L + zk.Epsilon, st.nHat},
		{&n.m, zk.L, st.nHat},
		{&n.mu, zk.L, st.nHat},
	}
	for _, d := range ints {
		if d.m == nil {
			*d.dst, err = bigint.SampleIntBits(rand, d.bits)
		} else {
			*d.dst, err = bigint.SampleIntScaled(rand, d.bits, d.m)
		}
		if err != nil {
			return nil, fmt.Errorf("affg: sampling nonces: %w", err)
		}
	}
	if n.r, err = bigint.SampleUnit(rand, st.n0.N()); err != nil {
		return nil, fmt.Errorf("affg: sampling r: %w", err)
	}
	if !withKey {
		// With the secret key, r_y is drawn with B_y (paillier's fast
		// nonces).
		if n.ry, err = bigint.SampleUnit(rand, st.n1.N()); err != nil {
			return nil, fmt.Errorf("affg: sampling r_y: %w", err)
		}
	}
	return &n, nil
}

// prove runs Figure 15 on a validated statement. It does not check the
// witness, so tests can play a cheating prover with it.
func prove(t *transcript.Transcript, st *statement, priv Private, rand io.Reader) (*Proof, error) {
	sk := priv.SecretKey
	n, err := sampleNonces(rand, st, sk != nil)
	if err != nil {
		return nil, err
	}
	p := &Proof{}
	var errBy error
	par.Do(
		// A = C^α·(1+N0)^β·r^N0 in one exponentiation sharing squarings.
		func() { p.A = st.n0.AffineWithNonce(st.cCt, n.alpha, n.beta, n.r).Nat() },
		func() {
			if sk == nil {
				p.By = st.n1.EncWithNonce(n.beta, n.ry).Nat()
				return
			}
			// A fresh owner-side nonce: the only goroutine that reads rand
			// while the others run.
			var by *paillier.Ciphertext
			by, n.ry, errBy = sk.EncFresh(rand, n.beta)
			if errBy == nil {
				p.By = by.Nat()
			}
		},
		func() { p.Bx = st.curve.ScalarBaseMult(st.curve.ScalarFromInt(n.alpha)) },
		func() { p.E = st.aux.Commit(n.alpha, n.gamma) },
		func() { p.S = st.aux.Commit(priv.X, n.m) },
		func() { p.F = st.aux.Commit(n.beta, n.delta) },
		func() { p.T = st.aux.Commit(priv.Y, n.mu) },
	)
	if errBy != nil {
		return nil, fmt.Errorf("affg: sampling r_y: %w", errBy)
	}

	e := challenge(t, st, p)

	par.Do(
		func() {
			p.W = st.n0.NOdd().ExpInt(priv.Rho, e)
			p.W.ModMul(p.W, n.r, st.n0.N())
		},
		func() {
			// e is short (ℓ bits): a CRT exponentiation would first widen it
			// to |p| bits, so even with the secret key this is faster.
			p.WY = st.n1.NOdd().ExpInt(priv.RhoY, e)
			p.WY.ModMul(p.WY, n.ry, st.n1.N())
		},
	)
	p.Z1 = ctarith.MulAdd(n.alpha, e, priv.X)
	p.Z2 = ctarith.MulAdd(n.beta, e, priv.Y)
	p.Z3 = ctarith.MulAdd(n.gamma, e, n.m)
	p.Z4 = ctarith.MulAdd(n.delta, e, n.mu)
	return p, nil
}
