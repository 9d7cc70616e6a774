package schnorr

import (
	"crypto/rand"
	"fmt"
	"io"

	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/mosaic-mpc/mosaic/internal/transcript"
)

// proofLabel names this proof and its version inside the caller's
// transcript, so it can never be confused with another proof that absorbs
// the same values.
const proofLabel = "mosaic/schnorr/pok/v1"

// Proof is a non-interactive Schnorr proof of knowledge of x with X = x·G:
// Commitment A = k·G, Response z = k + e·x, where e is the transcript's
// challenge over the statement and A.
type Proof struct {
	Commitment curve.Point
	Response   curve.Scalar
}

// absorb binds the proof's identity, the curve, the statement X and the
// commitment A into t, and returns the challenge e (uniform mod q by the
// transcript's rejection sampling).
func absorb(t *transcript.Transcript, X, A curve.Point) curve.Scalar {
	c := X.Curve()
	t.AppendBytes("proof", []byte(proofLabel))
	t.AppendUint64("curve", uint64(c.ID()))
	t.AppendPoint("statement", X)
	t.AppendPoint("commitment", A)
	return c.ScalarFromNat(t.ChallengeNat("challenge", c.Order()))
}

// Prove returns a proof that the caller knows x with X = x·G, on X's curve.
//
// The caller must first absorb into t everything that makes the proof
// single-use and attributable (SECURITY.md rule 2): the protocol label and
// version (the transcript's domain), the session id (curve, ordered party
// ids, threshold, fresh session nonce) and the prover's id. A proof made
// without them can be replayed across sessions or transplanted between
// parties. Prove then absorbs the statement and the commitment and draws the
// challenge, so t is advanced; Clone it first to reuse the prefix.
//
// x is secret: k·G and z = k + e·x use constant-time arithmetic and the
// nonce k is zeroized. It is an error if x is zero, if the curves of x and
// X differ, or if X != x·G (ErrWitnessMismatch). rand nil means
// crypto/rand.Reader; a read error is returned, never worked around.
func Prove(t *transcript.Transcript, x curve.Scalar, X curve.Point, rand io.Reader) (*Proof, error) {
	if t == nil {
		return nil, fmt.Errorf("%w: nil transcript", ErrInvalidProof)
	}
	if X == nil || X.IsIdentity() {
		return nil, fmt.Errorf("%w: statement is nil or the identity", ErrInvalidPublicKey)
	}
	c := X.Curve()
	if x == nil || x.Curve().ID() != c.ID() {
		return nil, fmt.Errorf("%w: want a %s scalar", ErrInvalidSecretKey, c.Name())
	}
	if x.IsZero() {
		return nil, fmt.Errorf("%w: zero", ErrInvalidSecretKey)
	}
	if !c.ScalarBaseMult(x).Equal(X) {
		return nil, ErrWitnessMismatch
	}
	k, err := c.RandomScalar(orDefault(rand))
	if err != nil {
		return nil, fmt.Errorf("schnorr: sampling the nonce: %w", err)
	}
	defer k.Zeroize()
	A := c.ScalarBaseMult(k)
	e := absorb(t, X, A)
	ex := e.Mul(x)
	z := k.Add(ex)
	ex.Zeroize()
	return &Proof{Commitment: A, Response: z}, nil
}

// Verify checks the proof for the statement X against t, which must hold
// exactly what the prover's transcript held before Prove (same domain,
// session id, prover id, ...). It rejects a nil or identity X or commitment
// and values of mixed curves, then checks z·G == A + e·X. Failures wrap
// ErrInvalidProof (or ErrInvalidPublicKey for a bad statement). t is advanced
// as in Prove. Inputs are public: variable time.
func (p *Proof) Verify(t *transcript.Transcript, X curve.Point) error {
	if t == nil {
		return fmt.Errorf("%w: nil transcript", ErrInvalidProof)
	}
	if X == nil || X.IsIdentity() {
		return fmt.Errorf("%w: statement is nil or the identity", ErrInvalidPublicKey)
	}
	if p == nil || p.Commitment == nil || p.Response == nil {
		return fmt.Errorf("%w: missing field", ErrInvalidProof)
	}
	c := X.Curve()
	if p.Commitment.Curve().ID() != c.ID() || p.Response.Curve().ID() != c.ID() {
		return fmt.Errorf("%w: %w", ErrInvalidProof, curve.ErrWrongCurve)
	}
	if p.Commitment.IsIdentity() {
		return fmt.Errorf("%w: commitment is the identity", ErrInvalidProof)
	}
	e := absorb(t, X, p.Commitment)
	// z·G - e·X must equal A.
	lhs := c.VarTimeMultiScalarMult([]curve.Scalar{p.Response, e.Negate()}, []curve.Point{c.Generator(), X})
	if !lhs.Equal(p.Commitment) {
		return fmt.Errorf("%w: verification equation fails", ErrInvalidProof)
	}
	return nil
}

// MarshalBinary encodes the proof as the commitment's canonical point
// encoding followed by the response's canonical scalar encoding
// (PointSize + ScalarSize bytes).
func (p *Proof) MarshalBinary() ([]byte, error) {
	if p == nil || p.Commitment == nil || p.Response == nil {
		return nil, fmt.Errorf("%w: missing field", ErrInvalidProof)
	}
	if p.Commitment.Curve().ID() != p.Response.Curve().ID() {
		return nil, fmt.Errorf("%w: %w", ErrInvalidProof, curve.ErrWrongCurve)
	}
	return append(p.Commitment.Bytes(), p.Response.Bytes()...), nil
}

// ProofSize returns the length of an encoded proof on curve c.
func ProofSize(c curve.Curve) int { return c.PointSize() + c.ScalarSize() }

// DecodeProof parses a proof from a peer: exactly ProofSize(c) bytes, a
// canonical non-identity point of the prime-order group and a canonical
// scalar (< q, never reduced). Failures wrap ErrInvalidProof and the curve
// package's decoding error.
func DecodeProof(c curve.Curve, b []byte) (*Proof, error) {
	if c == nil {
		return nil, fmt.Errorf("%w: nil curve", ErrInvalidProof)
	}
	if len(b) != ProofSize(c) {
		return nil, fmt.Errorf("%w: %d bytes, want %d: %w", ErrInvalidProof, len(b), ProofSize(c), curve.ErrInvalidLength)
	}
	A, err := c.DecodePoint(b[:c.PointSize()], false)
	if err != nil {
		return nil, fmt.Errorf("%w: commitment: %w", ErrInvalidProof, err)
	}
	z, err := c.DecodeScalar(b[c.PointSize():])
	if err != nil {
		return nil, fmt.Errorf("%w: response: %w", ErrInvalidProof, err)
	}
	return &Proof{Commitment: A, Response: z}, nil
}

func orDefault(r io.Reader) io.Reader {
	if r == nil {
		return rand.Reader
	}
	return r
}
