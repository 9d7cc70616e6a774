package sch

import (
	"errors"
	"fmt"
	"io"

	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/mosaic-mpc/mosaic/internal/bigint"
	"github.com/mosaic-mpc/mosaic/internal/transcript"
	"github.com/mosaic-mpc/mosaic/zk"
)

// ProofName is the name and version absorbed by zk.StartProof.
const ProofName = "mosaic/zk/sch/v1"

var (
	// ErrCommitmentUsed is returned when a Commitment is used a second time.
	// Reusing α with two challenges reveals x.
	ErrCommitmentUsed = errors.New("sch: commitment already used")
	// ErrInvalidWitness is returned by the provers when x·G ≠ X or the
	// inputs are on different curves.
	ErrInvalidWitness = errors.New("sch: witness does not match the statement")
)

// Public is the statement: the point X = x·G (not the identity).
type Public struct {
	X curve.Point
}

// Private is the witness x.
type Private struct {
	X curve.Scalar
}

// Proof is a Schnorr proof: the commitment A = α·G and the response
// z = α + e·x mod q.
type Proof struct {
	A curve.Point
	Z curve.Scalar
}

// Commitment is the prover's first message A = α·G together with the secret
// α. It is single use: ProveWithCommitment zeroes α. Not safe for concurrent
// use.
type Commitment struct {
	// A is the public commitment, to be sent (or committed to) before the
	// challenge is known.
	A     curve.Point
	alpha curve.Scalar
}

// Commit draws α ← Z_q \ {0} and returns the commitment A = α·G. rand nil
// means crypto/rand.Reader.
func Commit(c curve.Curve, rand io.Reader) (*Commitment, error) {
	if c == nil {
		return nil, fmt.Errorf("sch: nil curve: %w", zk.ErrMalformed)
	}
	alpha, err := c.RandomScalar(bigint.Reader(rand))
	if err != nil {
		return nil, fmt.Errorf("sch: sampling α: %w", err)
	}
	return &Commitment{A: c.ScalarBaseMult(alpha), alpha: alpha}, nil
}

// NewProof proves knowledge of priv.X with pub.X = priv.X·G. The caller has
// bound t with zk.BindContext. rand nil means crypto/rand.Reader.
func NewProof(t *transcript.Transcript, pub Public, priv Private, rand io.Reader) (*Proof, error) {
	if pub.X == nil {
		return nil, fmt.Errorf("sch: statement: missing X: %w", zk.ErrMalformed)
	}
	com, err := Commit(pub.X.Curve(), rand)
	if err != nil {
		return nil, err
	}
	return ProveWithCommitment(t, pub, priv, com)
}

// ProveWithCommitment answers the challenge drawn from t for a commitment
// made earlier with Commit, and consumes the commitment: α is zeroed and any
// later call with it returns ErrCommitmentUsed. The witness is checked
// (x·G = X) before α is used.
func ProveWithCommitment(t *transcript.Transcript, pub Public, priv Private, com *Commitment) (*Proof, error) {
	if t == nil {
		return nil, fmt.Errorf("sch: nil transcript: %w", zk.ErrMalformed)
	}
	if com == nil || com.A == nil {
		return nil, fmt.Errorf("sch: missing commitment: %w", zk.ErrMalformed)
	}
	if com.alpha == nil {
		return nil, ErrCommitmentUsed
	}
	if err := checkStatement(pub); err != nil {
		return nil, err
	}
	c := pub.X.Curve()
	if priv.X == nil || priv.X.Curve().ID() != c.ID() || com.A.Curve().ID() != c.ID() {
		return nil, fmt.Errorf("%w: missing witness or mixed curves", ErrInvalidWitness)
	}
	if !c.ScalarBaseMult(priv.X).Equal(pub.X) {
		return nil, fmt.Errorf("%w: x·G ≠ X", ErrInvalidWitness)
	}
	alpha := com.alpha
	com.alpha = nil
	defer alpha.Zeroize()

	e := challenge(t, pub.X, com.A)
	ex := e.Mul(priv.X)
	defer ex.Zeroize()
	return &Proof{A: com.A, Z: alpha.Add(ex)}, nil
}

// checkStatement refuses a missing or identity X: no honest party's public
// share is the identity, and a proof for it proves nothing.
func checkStatement(pub Public) error {
	if pub.X == nil {
		return fmt.Errorf("sch: statement: missing X: %w", zk.ErrMalformed)
	}
	if pub.X.IsIdentity() {
		return fmt.Errorf("sch: statement: X is the identity: %w", zk.ErrOutOfRange)
	}
	return nil
}

// challenge absorbs the curve, X and A and draws e ∈ Z_q without bias.
func challenge(t *transcript.Transcript, x, a curve.Point) curve.Scalar {
	c := x.Curve()
	zk.StartProof(t, ProofName)
	t.AppendBytes("curve", []byte(c.Name()))
	t.AppendPoint("X", x)
	t.AppendPoint("A", a)
	return c.ScalarFromNat(t.ChallengeNat("e", c.Order()))
}

// Verify checks z·G = A + e·X for the challenge e drawn from t (bound by the
// caller with zk.BindContext, as the prover's was). A and X must be points of
// the same curve and not the identity. The error wraps zk.ErrMalformed,
// zk.ErrOutOfRange or zk.ErrVerify.
func (p *Proof) Verify(t *transcript.Transcript, pub Public) error {
	if t == nil {
		return fmt.Errorf("sch: nil transcript: %w", zk.ErrMalformed)
	}
	if err := checkStatement(pub); err != nil {
		return err
	}
	if p == nil || p.A == nil || p.Z == nil {
		return fmt.Errorf("sch: missing proof or field: %w", zk.ErrMalformed)
	}
	c := pub.X.Curve()
	if p.A.Curve().ID() != c.ID() || p.Z.Curve().ID() != c.ID() {
		return fmt.Errorf("sch: proof on another curve: %w", zk.ErrMalformed)
	}
	if p.A.IsIdentity() {
		return fmt.Errorf("sch: A is the identity: %w", zk.ErrOutOfRange)
	}
	e := challenge(t, pub.X, p.A)
	// z·G − e·X = A. Variable time: public values only.
	lhs := c.VarTimeMultiScalarMult(
		[]curve.Scalar{p.Z, e.Negate()},
		[]curve.Point{c.Generator(), pub.X},
	)
	if !lhs.Equal(p.A) {
		return fmt.Errorf("sch: %w", zk.ErrVerify)
	}
	return nil
}

// VerifyWithCommitment is Verify for a protocol that received the
// commitment A earlier (CGGMP keygen): the proof must carry exactly that A.
func (p *Proof) VerifyWithCommitment(t *transcript.Transcript, pub Public, a curve.Point) error {
	if p == nil || p.A == nil || a == nil {
		return fmt.Errorf("sch: missing proof or commitment: %w", zk.ErrMalformed)
	}
	if p.A.Curve().ID() != a.Curve().ID() || !p.A.Equal(a) {
		return fmt.Errorf("sch: proof does not carry the committed A: %w", zk.ErrVerify)
	}
	return p.Verify(t, pub)
}
