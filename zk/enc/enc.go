package enc

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
const ProofName = "mosaic/zk/enc/v1"

// ErrInvalidWitness is returned by NewProof when the witness does not fit
// the statement (plaintext outside ±2^ℓ, nonce outside Z*_N0, or a secret
// key for another modulus). No proof is made: its responses could leak the
// out-of-range plaintext.
var ErrInvalidWitness = errors.New("enc: witness does not match the statement")

// Public is the statement of Πenc.
type Public struct {
	// N0 is the prover's Paillier public key.
	N0 *paillier.PublicKey
	// K is the ciphertext, an element of Z*_{N0²} (checked by Verify).
	K *saferith.Nat
	// Aux holds the VERIFIER's ring-Pedersen parameters (N̂, s, t); an N̂
	// equal to N0 is refused (zk.ErrProverModulus).
	Aux *paillier.PedersenParams
}

// Private is the witness.
type Private struct {
	// Plaintext is k ∈ ±2^ℓ.
	Plaintext *saferith.Int
	// Nonce is ρ ∈ Z*_N0 with K = (1+N0)^k · ρ^N0 mod N0².
	Nonce *saferith.Nat
	// SecretKey optionally holds the prover's Paillier secret key for N0; with
	// it the prover works modulo p², q² (CRT).
	SecretKey *paillier.SecretKey
}

// Proof is a Πenc proof (Figure 14's names).
type Proof struct {
	// S = s^k t^μ and C = s^α t^γ are elements of Z*_N̂; A = enc(α; r) is an
	// element of Z*_{N0²}.
	S, A, C *saferith.Nat
	// Z1 = α + e·k ∈ ±2^(ℓ+ε).
	Z1 *saferith.Int
	// Z2 = r·ρ^e mod N0, an element of Z*_N0.
	Z2 *saferith.Nat
	// Z3 = γ + e·μ ∈ ±2^(ℓ+ε+1)·N̂.
	Z3 *saferith.Int
}

// NewProof proves that pub.K encrypts a plaintext in ±2^ℓ under pub.N0,
// against the verifier's parameters pub.Aux. The caller has bound t with
// zk.BindContext. rand nil means crypto/rand.Reader.
//
// NewProof does not recompute K from the witness; a witness that does not
// open K yields a proof that fails verification.
func NewProof(t *transcript.Transcript, pub Public, priv Private, rand io.Reader) (*Proof, error) {
	st, err := newStatement(pub)
	if err != nil {
		return nil, err
	}
	if err := st.checkWitness(priv); err != nil {
		return nil, err
	}
	// Private copies: saferith resizes operands in place (Int.Mul below),
	// and a caller may prove to several verifiers at once from one witness.
	priv = Private{Plaintext: priv.Plaintext.Clone(), Nonce: priv.Nonce.Clone(), SecretKey: priv.SecretKey}
	return prove(t, st, priv, rand)
}

// checkWitness checks |k| ≤ 2^ℓ, ρ ∈ Z*_N0 and that the secret key, if
// given, is N0's. Constant time up to the final verdict.
func (st *statement) checkWitness(priv Private) error {
	if priv.Plaintext == nil || priv.Nonce == nil {
		return fmt.Errorf("%w: missing plaintext or nonce", ErrInvalidWitness)
	}
	if priv.SecretKey != nil && !priv.SecretKey.PublicKey().Equal(st.pk) {
		return fmt.Errorf("%w: secret key is not N0's", ErrInvalidWitness)
	}
	if ctarith.InRange(priv.Plaintext, zk.L)&ctarith.IsUnit(priv.Nonce, st.n0) != 1 {
		return fmt.Errorf("%w: need k ∈ ±2^ℓ and ρ ∈ Z*_N0", ErrInvalidWitness)
	}
	return nil
}

// prove runs Figure 14 on a validated statement. It does not check the
// witness, so tests can play a prover with an out-of-range plaintext.
func prove(t *transcript.Transcript, st *statement, priv Private, rand io.Reader) (*Proof, error) {
	if t == nil {
		return nil, fmt.Errorf("enc: nil transcript: %w", zk.ErrMalformed)
	}
	rand = bigint.Reader(rand)
	alpha, err := bigint.SampleIntBits(rand, zk.L+zk.Epsilon)
	if err != nil {
		return nil, fmt.Errorf("enc: sampling α: %w", err)
	}
	mu, err := bigint.SampleIntScaled(rand, zk.L, st.nHat)
	if err != nil {
		return nil, fmt.Errorf("enc: sampling μ: %w", err)
	}
	gamma, err := bigint.SampleIntScaled(rand, zk.L+zk.Epsilon, st.nHat)
	if err != nil {
		return nil, fmt.Errorf("enc: sampling γ: %w", err)
	}

	k := priv.Plaintext
	proof := new(Proof)
	var r *saferith.Nat
	var errA error
	par.Do(
		func() { proof.S = st.aux.Commit(k, mu) },
		// The only goroutine that reads rand while the others run.
		func() { proof.A, r, errA = encrypt(st, priv.SecretKey, alpha, rand) },
		func() { proof.C = st.aux.Commit(alpha, gamma) },
	)
	if errA != nil {
		return nil, fmt.Errorf("enc: sampling r: %w", errA)
	}

	e := challenge(t, st, proof)

	proof.Z1 = ctarith.MulAdd(alpha, e, k)
	proof.Z3 = ctarith.MulAdd(gamma, e, mu)
	var rhoE *saferith.Nat
	if priv.SecretKey != nil {
		rhoE = priv.SecretKey.ExpN(priv.Nonce, e)
	} else {
		rhoE = st.pk.NOdd().ExpInt(priv.Nonce, e)
	}
	proof.Z2 = rhoE.ModMul(rhoE, r, st.n0)
	return proof, nil
}

// encrypt returns A = (1+N0)^m · r^N0 mod N0² and r for a fresh r ∈ Z*_N0.
// With the secret key, r and r^N0 come from paillier's owner-side nonce
// tables (SecretKey.EncFresh, about six times faster).
func encrypt(st *statement, sk *paillier.SecretKey, m *saferith.Int, rand io.Reader) (*saferith.Nat, *saferith.Nat, error) {
	if sk != nil {
		ct, r, err := sk.EncFresh(rand, m)
		if err != nil {
			return nil, nil, err
		}
		return ct.Nat(), r, nil
	}
	r, err := bigint.SampleUnit(rand, st.n0)
	if err != nil {
		return nil, nil, err
	}
	return st.pk.EncWithNonce(m, r).Nat(), r, nil
}
