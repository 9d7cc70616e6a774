package schnorr

import (
	"crypto/rand"
	"errors"
	"testing"

	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/mosaic-mpc/mosaic/internal/transcript"
	"github.com/stretchr/testify/require"
)

var curves = []curve.Curve{curve.Secp256k1(), curve.Edwards25519()}

// session returns a transcript bound to a session id and prover id, as a
// protocol sets it up before proving.
func session(sid string, prover uint64) *transcript.Transcript {
	t := transcript.New("mosaic/test/dkg/v1")
	t.AppendBytes("session id", []byte(sid))
	t.AppendUint64("prover", prover)
	return t
}

func keypair(t testing.TB, c curve.Curve) (curve.Scalar, curve.Point) {
	t.Helper()
	x, err := c.RandomScalar(rand.Reader)
	require.NoError(t, err)
	return x, c.ScalarBaseMult(x)
}

func TestProofCompleteness(t *testing.T) {
	for _, c := range curves {
		t.Run(c.Name(), func(t *testing.T) {
			x, X := keypair(t, c)
			p, err := Prove(session("s1", 1), x, X, rand.Reader)
			require.NoError(t, err)
			require.NoError(t, p.Verify(session("s1", 1), X))

			b, err := p.MarshalBinary()
			require.NoError(t, err)
			require.Len(t, b, ProofSize(c))
			p2, err := DecodeProof(c, b)
			require.NoError(t, err)
			require.NoError(t, p2.Verify(session("s1", 1), X))
		})
	}
}

// TestAdversary18_RogueKey: a proof that is tampered, made for another
// statement, replayed from another session or transplanted from another
// prover is rejected (SECURITY.md cases 14, 15, 18).
func TestAdversary18_RogueKey(t *testing.T) {
	for _, c := range curves {
		t.Run(c.Name(), func(t *testing.T) {
			x, X := keypair(t, c)
			_, Y := keypair(t, c)
			p, err := Prove(session("s1", 1), x, X, rand.Reader)
			require.NoError(t, err)
			one := c.ScalarFromUint64(1)
			cases := []struct {
				name  string
				proof *Proof
				tr    *transcript.Transcript
				X     curve.Point
				err   error
			}{
				{"commitment tampered", &Proof{p.Commitment.Add(c.Generator()), p.Response}, session("s1", 1), X, ErrInvalidProof},
				{"response tampered", &Proof{p.Commitment, p.Response.Add(one)}, session("s1", 1), X, ErrInvalidProof},
				{"other statement", p, session("s1", 1), Y, ErrInvalidProof},
				{"statement negated", p, session("s1", 1), X.Negate(), ErrInvalidProof},
				{"cross-session replay", p, session("s2", 1), X, ErrInvalidProof},
				{"transplanted to prover 2", p, session("s1", 2), X, ErrInvalidProof},
				{"other protocol domain", p, transcript.New("mosaic/test/other/v1"), X, ErrInvalidProof},
				{"identity statement", p, session("s1", 1), c.Identity(), ErrInvalidPublicKey},
				{"nil statement", p, session("s1", 1), nil, ErrInvalidPublicKey},
				{"identity commitment", &Proof{c.Identity(), p.Response}, session("s1", 1), X, ErrInvalidProof},
				{"missing commitment", &Proof{nil, p.Response}, session("s1", 1), X, ErrInvalidProof},
				{"missing response", &Proof{p.Commitment, nil}, session("s1", 1), X, ErrInvalidProof},
				{"nil proof", nil, session("s1", 1), X, ErrInvalidProof},
				{"nil transcript", p, nil, X, ErrInvalidProof},
			}
			for _, tc := range cases {
				t.Run(tc.name, func(t *testing.T) {
					require.ErrorIs(t, tc.proof.Verify(tc.tr, tc.X), tc.err)
				})
			}
			// the honest proof still verifies
			require.NoError(t, p.Verify(session("s1", 1), X))
		})
	}
}

func TestProofMixedCurves(t *testing.T) {
	s, e := curve.Secp256k1(), curve.Edwards25519()
	x, X := keypair(t, s)
	p, err := Prove(session("s", 1), x, X, rand.Reader)
	require.NoError(t, err)
	_, Xe := keypair(t, e)
	require.ErrorIs(t, p.Verify(session("s", 1), Xe), curve.ErrWrongCurve)
	_, err = (&Proof{p.Commitment, e.ScalarFromUint64(1)}).MarshalBinary()
	require.ErrorIs(t, err, curve.ErrWrongCurve)
	_, err = Prove(session("s", 1), e.ScalarFromUint64(1), X, rand.Reader)
	require.ErrorIs(t, err, ErrInvalidSecretKey)
}

func TestProveRejects(t *testing.T) {
	c := curve.Secp256k1()
	x, X := keypair(t, c)
	_, err := Prove(session("s", 1), x.Add(c.ScalarFromUint64(1)), X, rand.Reader)
	require.ErrorIs(t, err, ErrWitnessMismatch)
	_, err = Prove(session("s", 1), c.NewScalar(), c.Identity(), rand.Reader)
	require.ErrorIs(t, err, ErrInvalidPublicKey)
	_, err = Prove(session("s", 1), c.NewScalar(), X, rand.Reader)
	require.ErrorIs(t, err, ErrInvalidSecretKey)
	_, err = Prove(nil, x, X, rand.Reader)
	require.ErrorIs(t, err, ErrInvalidProof)
	_, err = Prove(session("s", 1), x, X, errReader{})
	require.ErrorIs(t, err, curve.ErrRandomness)
	// nil rand means crypto/rand
	p, err := Prove(session("s", 1), x, X, nil)
	require.NoError(t, err)
	require.NoError(t, p.Verify(session("s", 1), X))
}

type errReader struct{}

func (errReader) Read([]byte) (int, error) { return 0, errors.New("no entropy") }

func TestDecodeProofRejects(t *testing.T) {
	for _, c := range curves {
		t.Run(c.Name(), func(t *testing.T) {
			x, X := keypair(t, c)
			p, err := Prove(session("s", 1), x, X, rand.Reader)
			require.NoError(t, err)
			good, err := p.MarshalBinary()
			require.NoError(t, err)
			ps := c.PointSize()
			with := func(at int, v []byte) []byte {
				b := append([]byte(nil), good...)
				copy(b[at:], v)
				return b
			}
			ff := make([]byte, 32)
			for i := range ff {
				ff[i] = 0xff
			}
			cases := map[string][]byte{
				"empty":               nil,
				"short":               good[:len(good)-1],
				"long":                append(append([]byte(nil), good...), 0),
				"identity commitment": with(0, c.Identity().Bytes()),
				"response all ones":   with(ps, ff),
				"response = q":        with(ps, orderBytes(c)),
				"invalid point":       with(0, ff),
			}
			for name, b := range cases {
				_, err := DecodeProof(c, b)
				require.ErrorIs(t, err, ErrInvalidProof, name)
			}
			_, err = DecodeProof(nil, good)
			require.ErrorIs(t, err, ErrInvalidProof)
		})
	}
}

// orderBytes returns q in the curve's scalar encoding (not a valid scalar).
func orderBytes(c curve.Curve) []byte {
	be := c.Order().Nat().FillBytes(make([]byte, 32))
	if c.ID() == curve.IDEdwards25519 {
		le := make([]byte, 32)
		for i := range le {
			le[i] = be[31-i]
		}
		return le
	}
	return be
}

func TestProofTranscriptAdvances(t *testing.T) {
	// Prove and Verify leave the two transcripts in the same state, so a
	// protocol can keep absorbing after a proof.
	c := curve.Edwards25519()
	x, X := keypair(t, c)
	tp, tv := session("s", 1), session("s", 1)
	p, err := Prove(tp, x, X, rand.Reader)
	require.NoError(t, err)
	require.NoError(t, p.Verify(tv, X))
	require.Equal(t, tp.ChallengeBytes("next", 32), tv.ChallengeBytes("next", 32))
}
