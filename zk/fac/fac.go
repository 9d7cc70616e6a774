package fac

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
const ProofName = "mosaic/zk/fac/v1"

// ErrInvalidWitness is returned by NewProof when the witness does not fit
// the statement (p·q ≠ N0, or a factor larger than 2^ℓ·√N0). No proof is
// made: a proof from such a witness would be rejected and its responses could
// leak the factors.
var ErrInvalidWitness = errors.New("fac: witness does not match the statement")

// Public is the statement of Πfac.
type Public struct {
	// N0 is the prover's Paillier modulus, the number shown to split into
	// two factors of about √N0 (with Πmod, which shows those two factors
	// prime: to have no small prime factor).
	N0 *paillier.PublicKey
	// Aux holds the VERIFIER's ring-Pedersen parameters (N̂, s, t), never the
	// prover's own; an N̂ equal to N0 is refused (zk.ErrProverModulus).
	Aux *paillier.PedersenParams
}

// Private is the witness: the factors of N0.
type Private struct {
	P, Q *saferith.Nat
}

// Proof is a Πfac proof (Figure 28's names).
type Proof struct {
	// P, Q, A, B, T are the commitments, elements of Z*_N̂.
	P, Q, A, B, T *saferith.Nat
	// Sigma is σ ∈ ±2^ℓ·N0·N̂, which defines R = s^N0 t^σ.
	Sigma *saferith.Int
	// Z1, Z2 ∈ ±2^(ℓ+ε)·√N0 are the responses for p and q.
	Z1, Z2 *saferith.Int
	// W1, W2 ∈ ±2^(ℓ+ε+1)·N̂ are the responses for μ and ν.
	W1, W2 *saferith.Int
	// V ∈ ±2^(ℓ+ε+1)·N0·N̂ is the response for σ − ν·p.
	V *saferith.Int
}

// NewProof proves that pub.N0 = priv.P · priv.Q with both factors of about
// √N0 size, against the verifier's parameters pub.Aux. The caller has bound
// t to the session, prover and verifier with zk.BindContext. rand nil means
// crypto/rand.Reader.
func NewProof(t *transcript.Transcript, pub Public, priv Private, rand io.Reader) (*Proof, error) {
	st, err := newStatement(pub)
	if err != nil {
		return nil, err
	}
	if err := st.checkWitness(priv); err != nil {
		return nil, err
	}
	// Private copies: a caller may prove to several verifiers at once from
	// one witness, and saferith writes to its operands.
	priv = Private{P: priv.P.Clone(), Q: priv.Q.Clone()}
	return prove(t, st, priv, rand)
}

// checkWitness checks N0 = p·q and p, q ≤ 2^ℓ·√N0 (the paper's precondition
// p, q < 2^ℓ·√N0). Constant time up to the final verdict.
func (st *statement) checkWitness(priv Private) error {
	if priv.P == nil || priv.Q == nil {
		return fmt.Errorf("%w: nil factor", ErrInvalidWitness)
	}
	// On copies: Mul and Cmp write to their operands, and the witness may be
	// shared with other goroutines.
	p, q := priv.P.Clone(), priv.Q.Clone()
	pq := new(saferith.Nat).Mul(p, q, p.AnnouncedLen()+q.AnnouncedLen())
	ok := pq.Eq(st.n0.Nat())
	bound := new(saferith.Nat).Lsh(st.sqrtN0.Nat(), zk.L, -1)
	for _, f := range []*saferith.Nat{p, q} {
		gt, _, _ := f.Cmp(bound)
		ok &= 1 ^ gt
		ok &= 1 ^ f.EqZero()
	}
	if ok != 1 {
		return fmt.Errorf("%w: need N0 = p·q with p, q ≤ 2^ℓ·√N0", ErrInvalidWitness)
	}
	return nil
}

// nonces are the prover's secret masks of Figure 28.
type nonces struct {
	alpha, beta, mu, nu, sigma, r, x, y *saferith.Int
}

func sampleNonces(rand io.Reader, st *statement) (*nonces, error) {
	var n nonces
	draws := []struct {
		dst  **saferith.Int
		bits int
		m    *saferith.Modulus
	}{
		{&n.alpha, zk.L + zk.Epsilon, st.sqrtN0},
		{&n.beta, zk.L + zk.Epsilon, st.sqrtN0},
		{&n.mu, zk.L, st.nHat},
		{&n.nu, zk.L, st.nHat},
		{&n.sigma, zk.L, st.n0NHat},
		{&n.r, zk.L + zk.Epsilon, st.n0NHat},
		{&n.x, zk.L + zk.Epsilon, st.nHat},
		{&n.y, zk.L + zk.Epsilon, st.nHat},
	}
	for _, d := range draws {
		v, err := bigint.SampleIntScaled(rand, d.bits, d.m)
		if err != nil {
			return nil, fmt.Errorf("fac: sampling nonces: %w", err)
		}
		*d.dst = v
	}
	return &n, nil
}

// prove runs Figure 28 on a validated statement. It does not check the
// witness, so tests can play a cheating prover with it.
func prove(t *transcript.Transcript, st *statement, priv Private, rand io.Reader) (*Proof, error) {
	if t == nil {
		return nil, fmt.Errorf("fac: nil transcript: %w", zk.ErrMalformed)
	}
	n, err := sampleNonces(bigint.Reader(rand), st)
	if err != nil {
		return nil, err
	}
	p := new(saferith.Int).SetNat(priv.P)
	q := new(saferith.Int).SetNat(priv.Q)
	pd := newPedersen(st.aux)

	proof := &Proof{Sigma: n.sigma}
	var qAlpha, tR *saferith.Nat
	par.Do(
		func() { proof.P = st.aux.Commit(p, n.mu) },
		func() {
			proof.Q = st.aux.Commit(q, n.nu)
			// Q is public once computed; its inverse serves a negative α.
			qAlpha = pd.pow(proof.Q, invertVarTime(proof.Q, st.nHat), n.alpha)
		},
		func() { proof.A = st.aux.Commit(n.alpha, n.x) },
		func() { proof.B = st.aux.Commit(n.beta, n.y) },
		func() { tR = pd.pow(pd.t, pd.tInv, n.r) },
	)
	proof.T = qAlpha.ModMul(qAlpha, tR, st.nHat)

	e := challenge(t, st, proof)

	proof.Z1 = ctarith.MulAdd(n.alpha, e, p)
	proof.Z2 = ctarith.MulAdd(n.beta, e, q)
	proof.W1 = ctarith.MulAdd(n.x, e, n.mu)
	proof.W2 = ctarith.MulAdd(n.y, e, n.nu)
	// σ̂ = σ − ν·p, so that Q^p · t^σ̂ = s^N0 · t^σ = R.
	nuP := new(saferith.Int).Mul(n.nu, p, -1)
	sigmaHat := new(saferith.Int).Add(n.sigma, nuP.Neg(1), -1)
	proof.V = ctarith.MulAdd(n.r, e, sigmaHat)
	return proof, nil
}
