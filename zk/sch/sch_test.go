package sch

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/mosaic-mpc/mosaic/internal/transcript"
	"github.com/mosaic-mpc/mosaic/zk"
	"github.com/mosaic-mpc/mosaic/zk/internal/zktest"
)

var curves = []curve.Curve{curve.Secp256k1(), curve.Edwards25519()}

type keyPair struct {
	pub  Public
	priv Private
}

func newKey(t testing.TB, c curve.Curve, seed uint64) keyPair {
	t.Helper()
	x, err := c.RandomScalar(zktest.Seeded(fmt.Sprint(seed)))
	require.NoError(t, err)
	return keyPair{Public{X: c.ScalarBaseMult(x)}, Private{X: x}}
}

func TestCompleteness(t *testing.T) {
	for _, c := range curves {
		t.Run(c.Name(), func(t *testing.T) {
			k := newKey(t, c, 1)
			p, err := NewProof(zktest.Transcript("sid", 3, 0), k.pub, k.priv, nil)
			require.NoError(t, err)
			require.NoError(t, p.Verify(zktest.Transcript("sid", 3, 0), k.pub))

			b, err := p.MarshalBinary()
			require.NoError(t, err)
			require.Len(t, b, headerSize+c.PointSize()+c.ScalarSize())
			q, err := DecodeProof(c, b)
			require.NoError(t, err)
			require.NoError(t, q.Verify(zktest.Transcript("sid", 3, 0), k.pub))
		})
	}
}

// CGGMP keygen: A is committed in round 1, the proof is answered later on a
// transcript that also carries rid.
func TestCommitThenProve(t *testing.T) {
	for _, c := range curves {
		t.Run(c.Name(), func(t *testing.T) {
			k := newKey(t, c, 2)
			com, err := Commit(c, zktest.Seeded("3"))
			require.NoError(t, err)
			announced := com.A // sent in round 1

			round3 := func() *transcript.Transcript {
				tr := zktest.Transcript("sid", 3, 0)
				tr.AppendBytes("rid", []byte("joint randomness"))
				return tr
			}
			p, err := ProveWithCommitment(round3(), k.pub, k.priv, com)
			require.NoError(t, err)
			require.NoError(t, p.VerifyWithCommitment(round3(), k.pub, announced))

			// Single use: the second answer is refused and α is gone.
			_, err = ProveWithCommitment(round3(), k.pub, k.priv, com)
			require.ErrorIs(t, err, ErrCommitmentUsed)

			// A proof carrying another A is refused even if it verifies.
			other, err := NewProof(round3(), k.pub, k.priv, nil)
			require.NoError(t, err)
			require.NoError(t, other.Verify(round3(), k.pub))
			require.ErrorIs(t, other.VerifyWithCommitment(round3(), k.pub, announced), zk.ErrVerify)
			require.ErrorIs(t, p.VerifyWithCommitment(round3(), k.pub, nil), zk.ErrMalformed)
		})
	}
}

func TestProverRejects(t *testing.T) {
	c := curve.Secp256k1()
	k := newKey(t, c, 4)
	wrong := newKey(t, c, 5)
	ed := newKey(t, curve.Edwards25519(), 6)
	cases := []struct {
		name string
		pub  Public
		priv Private
		want error
	}{
		{"missing X", Public{}, k.priv, zk.ErrMalformed},
		{"identity X", Public{X: c.Identity()}, Private{X: c.NewScalar()}, zk.ErrOutOfRange},
		{"missing x", k.pub, Private{}, ErrInvalidWitness},
		{"wrong x", k.pub, wrong.priv, ErrInvalidWitness},
		{"x on another curve", k.pub, ed.priv, ErrInvalidWitness},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := NewProof(zktest.Transcript("sid", 3, 0), tc.pub, tc.priv, nil)
			require.ErrorIs(t, err, tc.want)
		})
	}
	_, err := NewProof(nil, k.pub, k.priv, nil)
	require.ErrorIs(t, err, zk.ErrMalformed)
	_, err = Commit(nil, nil)
	require.ErrorIs(t, err, zk.ErrMalformed)
	_, err = ProveWithCommitment(zktest.Transcript("sid", 3, 0), k.pub, k.priv, nil)
	require.ErrorIs(t, err, zk.ErrMalformed)
	// A commitment on one curve cannot answer for a statement on another.
	com, err := Commit(curve.Edwards25519(), nil)
	require.NoError(t, err)
	_, err = ProveWithCommitment(zktest.Transcript("sid", 3, 0), k.pub, k.priv, com)
	require.ErrorIs(t, err, ErrInvalidWitness)
}

func TestRandomnessFailure(t *testing.T) {
	k := newKey(t, curve.Secp256k1(), 7)
	_, err := NewProof(zktest.Transcript("sid", 3, 0), k.pub, k.priv, zktest.FailingReader{})
	require.ErrorIs(t, err, curve.ErrRandomness)
}

func TestTamperEachField(t *testing.T) {
	for _, c := range curves {
		k := newKey(t, c, 8)
		p, err := NewProof(zktest.Transcript("sid", 3, 0), k.pub, k.priv, nil)
		require.NoError(t, err)
		one := c.ScalarFromUint64(1)
		cases := []struct {
			name string
			mut  func(p Proof) (Proof, Public)
			want error
		}{
			{"A+G", func(p Proof) (Proof, Public) { p.A = p.A.Add(c.Generator()); return p, k.pub }, zk.ErrVerify},
			{"z+1", func(p Proof) (Proof, Public) { p.Z = p.Z.Add(one); return p, k.pub }, zk.ErrVerify},
			{"-z", func(p Proof) (Proof, Public) { p.Z = p.Z.Negate(); return p, k.pub }, zk.ErrVerify},
			{"X+G", func(p Proof) (Proof, Public) { return p, Public{X: k.pub.X.Add(c.Generator())} }, zk.ErrVerify},
			{"A identity", func(p Proof) (Proof, Public) { p.A = c.Identity(); return p, k.pub }, zk.ErrOutOfRange},
			{"X identity", func(p Proof) (Proof, Public) { return p, Public{X: c.Identity()} }, zk.ErrOutOfRange},
			{"missing A", func(p Proof) (Proof, Public) { p.A = nil; return p, k.pub }, zk.ErrMalformed},
			{"missing z", func(p Proof) (Proof, Public) { p.Z = nil; return p, k.pub }, zk.ErrMalformed},
			{"missing X", func(p Proof) (Proof, Public) { return p, Public{} }, zk.ErrMalformed},
		}
		for _, tc := range cases {
			t.Run(c.Name()+"/"+tc.name, func(t *testing.T) {
				q, pub := tc.mut(*p)
				require.ErrorIs(t, q.Verify(zktest.Transcript("sid", 3, 0), pub), tc.want)
			})
		}
	}
	var nilProof *Proof
	k := newKey(t, curve.Secp256k1(), 9)
	require.ErrorIs(t, nilProof.Verify(zktest.Transcript("sid", 3, 0), k.pub), zk.ErrMalformed)
	require.ErrorIs(t, new(Proof).Verify(zktest.Transcript("sid", 3, 0), k.pub), zk.ErrMalformed)
}

// A proof on one curve never verifies a statement on the other.
func TestCrossCurve(t *testing.T) {
	sk := newKey(t, curve.Secp256k1(), 10)
	ek := newKey(t, curve.Edwards25519(), 11)
	p, err := NewProof(zktest.Transcript("sid", 3, 0), sk.pub, sk.priv, nil)
	require.NoError(t, err)
	require.ErrorIs(t, p.Verify(zktest.Transcript("sid", 3, 0), ek.pub), zk.ErrMalformed)
	b, err := p.MarshalBinary()
	require.NoError(t, err)
	_, err = DecodeProof(curve.Edwards25519(), b)
	require.ErrorIs(t, err, zk.ErrMalformed)
	_, err = DecodeProof(nil, b)
	require.ErrorIs(t, err, zk.ErrMalformed)
}
