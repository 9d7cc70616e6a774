package fac

import (
	"math/big"
	"testing"

	"github.com/cronokirby/saferith"
	"github.com/stretchr/testify/require"

	"github.com/mosaic-mpc/mosaic/internal/bigint"
	"github.com/mosaic-mpc/mosaic/zk"
	"github.com/mosaic-mpc/mosaic/zk/internal/zktest"
)

func TestCompleteness(t *testing.T) {
	f := getFixture(t)
	require.NoError(t, f.proof.Verify(zktest.Transcript(testSession, testProver, testVerifier), f.public()))

	// A fresh proof with the default randomness, through the wire format.
	p, err := NewProof(zktest.Transcript("other-sid", 2, 1), f.public(), f.private(), nil)
	require.NoError(t, err)
	b, err := p.MarshalBinary()
	require.NoError(t, err)
	q, err := DecodeProof(f.public(), b)
	require.NoError(t, err)
	require.NoError(t, q.Verify(zktest.Transcript("other-sid", 2, 1), f.public()))

	// Swapping the roles of p and q is just as valid.
	p, err = NewProof(zktest.Transcript(testSession, testProver, testVerifier), f.public(), Private{P: f.sk.Q(), Q: f.sk.P()}, zktest.Seeded("9"))
	require.NoError(t, err)
	require.NoError(t, p.Verify(zktest.Transcript(testSession, testProver, testVerifier), f.public()))
}

// Every field of a valid proof, changed, makes Verify fail.
func TestTamperEachField(t *testing.T) {
	f := getFixture(t)
	one := new(saferith.Int).SetUint64(1)
	bumpNat := func(x *saferith.Nat) *saferith.Nat {
		return new(saferith.Nat).ModAdd(x, new(saferith.Nat).SetUint64(1), f.aux1.N())
	}
	bumpInt := func(x *saferith.Int) *saferith.Int { return new(saferith.Int).Add(x, one, -1) }
	cases := []struct {
		name string
		mut  func(p *Proof)
	}{
		{"P", func(p *Proof) { p.P = bumpNat(p.P) }},
		{"Q", func(p *Proof) { p.Q = bumpNat(p.Q) }},
		{"A", func(p *Proof) { p.A = bumpNat(p.A) }},
		{"B", func(p *Proof) { p.B = bumpNat(p.B) }},
		{"T", func(p *Proof) { p.T = bumpNat(p.T) }},
		{"sigma", func(p *Proof) { p.Sigma = bumpInt(p.Sigma) }},
		{"z1", func(p *Proof) { p.Z1 = bumpInt(p.Z1) }},
		{"z2", func(p *Proof) { p.Z2 = bumpInt(p.Z2) }},
		{"w1", func(p *Proof) { p.W1 = bumpInt(p.W1) }},
		{"w2", func(p *Proof) { p.W2 = bumpInt(p.W2) }},
		{"v", func(p *Proof) { p.V = bumpInt(p.V) }},
		{"negate z1", func(p *Proof) { p.Z1 = new(saferith.Int).SetInt(p.Z1).Neg(1) }},
		{"swap P and Q", func(p *Proof) { p.P, p.Q = p.Q, p.P }},
		{"swap A and B", func(p *Proof) { p.A, p.B = p.B, p.A }},
		{"swap z1 and z2", func(p *Proof) { p.Z1, p.Z2 = p.Z2, p.Z1 }},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p := zktest.Clone(t, f.proof)
			tc.mut(p)
			err := p.Verify(zktest.Transcript(testSession, testProver, testVerifier), f.public())
			zktest.RequireErrorIs(t, err, zk.ErrVerify, zk.ErrOutOfRange, zk.ErrNotUnit)
		})
	}
}

// Each response just outside its range is refused with ErrOutOfRange (before
// any exponentiation); exactly on the bound it passes the range check and
// fails the equations.
func TestResponseBounds(t *testing.T) {
	f := getFixture(t)
	st, err := newStatement(f.public())
	require.NoError(t, err)
	cases := []struct {
		name string
		set  func(p *Proof, v *saferith.Int)
		bits int
		m    *saferith.Modulus
	}{
		{"sigma", func(p *Proof, v *saferith.Int) { p.Sigma = v }, zk.L, st.n0NHat},
		{"z1", func(p *Proof, v *saferith.Int) { p.Z1 = v }, zk.L + zk.Epsilon, st.sqrtN0},
		{"z2", func(p *Proof, v *saferith.Int) { p.Z2 = v }, zk.L + zk.Epsilon, st.sqrtN0},
		{"w1", func(p *Proof, v *saferith.Int) { p.W1 = v }, zk.L + zk.Epsilon + 1, st.nHat},
		{"w2", func(p *Proof, v *saferith.Int) { p.W2 = v }, zk.L + zk.Epsilon + 1, st.nHat},
		{"v", func(p *Proof, v *saferith.Int) { p.V = v }, zk.L + zk.Epsilon + 1, st.n0NHat},
	}
	for _, tc := range cases {
		bound := zktest.ScaledBound(tc.bits, tc.m)
		above := new(big.Int).Add(bound, big.NewInt(1))
		huge := new(big.Int).Lsh(big.NewInt(1), 20000)
		for _, v := range []struct {
			name string
			x    *big.Int
			want error
		}{
			{"bound+1", above, zk.ErrOutOfRange},
			{"-(bound+1)", new(big.Int).Neg(above), zk.ErrOutOfRange},
			{"2^20000", huge, zk.ErrOutOfRange},
			{"bound", bound, zk.ErrVerify},
			{"-bound", new(big.Int).Neg(bound), zk.ErrVerify},
		} {
			t.Run(tc.name+"/"+v.name, func(t *testing.T) {
				p := zktest.Clone(t, f.proof)
				tc.set(p, zktest.IntFromBig(v.x))
				err := p.Verify(zktest.Transcript(testSession, testProver, testVerifier), f.public())
				require.ErrorIs(t, err, v.want)
			})
		}
	}
}

func TestNewProofRejectsBadWitness(t *testing.T) {
	f := getFixture(t)
	one := new(saferith.Nat).SetUint64(1)
	cases := []struct {
		name string
		priv Private
	}{
		{"nil", Private{}},
		{"nil q", Private{P: f.sk.P()}},
		{"other key", Private{P: f.other.P(), Q: f.other.Q()}},
		{"1·N0", Private{P: one, Q: f.sk.PublicKey().NNat()}},
		{"p·p", Private{P: f.sk.P(), Q: f.sk.P()}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := NewProof(zktest.Transcript(testSession, testProver, testVerifier), f.public(), tc.priv, nil)
			require.ErrorIs(t, err, ErrInvalidWitness)
		})
	}
}

func TestStatementRejects(t *testing.T) {
	f := getFixture(t)
	for _, pub := range []Public{{}, {N0: f.sk.PublicKey()}, {Aux: f.aux1}} {
		_, err := NewProof(zktest.Transcript(testSession, testProver, testVerifier), pub, f.private(), nil)
		require.ErrorIs(t, err, zk.ErrMalformed)
		require.ErrorIs(t, f.proof.Verify(zktest.Transcript(testSession, testProver, testVerifier), pub), zk.ErrMalformed)
	}
	require.ErrorIs(t, f.proof.Verify(nil, f.public()), zk.ErrMalformed)
	_, err := NewProof(nil, f.public(), f.private(), nil)
	require.ErrorIs(t, err, zk.ErrMalformed)
}

// An RNG failure aborts the proof; nothing falls back (SECURITY.md rule 8).
func TestRandomnessFailure(t *testing.T) {
	f := getFixture(t)
	_, err := NewProof(zktest.Transcript(testSession, testProver, testVerifier), f.public(), f.private(), zktest.FailingReader{})
	require.ErrorIs(t, err, bigint.ErrRandom)
}

// The key owner's fast path accepts exactly what Verify accepts.
func TestVerifyWithKey(t *testing.T) {
	f := getFixture(t)
	require.NoError(t, f.proof.VerifyWithKey(zktest.Transcript(testSession, testProver, testVerifier), f.public(), f.hat1))

	one := new(saferith.Int).SetUint64(1)
	for name, mut := range map[string]func(p *Proof){
		"A":     func(p *Proof) { p.A = new(saferith.Nat).ModAdd(p.A, new(saferith.Nat).SetUint64(1), f.aux1.N()) },
		"T":     func(p *Proof) { p.T = new(saferith.Nat).ModAdd(p.T, new(saferith.Nat).SetUint64(1), f.aux1.N()) },
		"sigma": func(p *Proof) { p.Sigma = new(saferith.Int).Add(p.Sigma, one, -1) },
		"w2":    func(p *Proof) { p.W2 = new(saferith.Int).Add(p.W2, one, -1) },
		"v":     func(p *Proof) { p.V = new(saferith.Int).Add(p.V, one, -1) },
	} {
		p := zktest.Clone(t, f.proof)
		mut(p)
		require.ErrorIs(t, p.VerifyWithKey(zktest.Transcript(testSession, testProver, testVerifier), f.public(), f.hat1), zk.ErrVerify, name)
	}
	// Other context, other key, missing key, out-of-range response.
	require.ErrorIs(t, f.proof.VerifyWithKey(zktest.Transcript("x", testProver, testVerifier), f.public(), f.hat1), zk.ErrVerify)
	require.ErrorIs(t, f.proof.VerifyWithKey(zktest.Transcript(testSession, testProver, testVerifier), f.public(), f.sk), zk.ErrMalformed)
	require.ErrorIs(t, f.proof.VerifyWithKey(zktest.Transcript(testSession, testProver, testVerifier), f.public(), nil), zk.ErrMalformed)
	require.ErrorIs(t, f.proof.VerifyWithKey(nil, f.public(), f.hat1), zk.ErrMalformed)
	p := zktest.Clone(t, f.proof)
	p.Z1 = zktest.IntFromBig(new(big.Int).Lsh(big.NewInt(1), 2000))
	require.ErrorIs(t, p.VerifyWithKey(zktest.Transcript(testSession, testProver, testVerifier), f.public(), f.hat1), zk.ErrOutOfRange)

	// The smooth-modulus forgery fails here too.
	s, q, pk := smoothModulus(t)
	pub := Public{N0: pk, Aux: f.aux1}
	st, err := newStatement(pub)
	require.NoError(t, err)
	forged, err := prove(zktest.Transcript(testSession, testProver, testVerifier), st, Private{P: zktest.NatFromBig(s), Q: zktest.NatFromBig(q)}, nil)
	require.NoError(t, err)
	require.ErrorIs(t, forged.VerifyWithKey(zktest.Transcript(testSession, testProver, testVerifier), pub, f.hat1), zk.ErrOutOfRange)
}
