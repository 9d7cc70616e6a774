package prm

import (
	"crypto/rand"
	"fmt"
	"io"
	"math/big"
	"testing"

	"filippo.io/bigmod"
	"github.com/cronokirby/saferith"
	"github.com/stretchr/testify/require"

	"github.com/mosaic-mpc/mosaic/internal/bigint"
	"github.com/mosaic-mpc/mosaic/zk"
	"github.com/mosaic-mpc/mosaic/zk/internal/wire"
	"github.com/mosaic-mpc/mosaic/zk/internal/zktest"
)

func TestCompleteness(t *testing.T) {
	for i := range 2 {
		pub, priv := testKey(t, i)
		proof, err := NewProof(zktest.Transcript("complete", 1, 0), pub, priv, nil)
		require.NoError(t, err)
		require.Len(t, proof.a, zk.Repetitions)
		require.Len(t, proof.z, zk.Repetitions)
		require.NoError(t, proof.Verify(zktest.Transcript("complete", 1, 0), pub))

		enc, err := proof.MarshalBinary()
		require.NoError(t, err)
		require.Len(t, enc, encodedSize(zk.Repetitions, 256))
		dec, err := DecodeProof(enc)
		require.NoError(t, err)
		require.NoError(t, dec.Verify(zktest.Transcript("complete", 1, 0), pub))
		enc2, err := dec.MarshalBinary()
		require.NoError(t, err)
		require.Equal(t, enc, enc2)
	}
}

// λ may be given unreduced (any representative works).
func TestCompletenessUnreducedLambda(t *testing.T) {
	pub, priv := testKey(t, 1)
	phi := new(big.Int).Mul(new(big.Int).Sub(priv.P.Big(), big.NewInt(1)), new(big.Int).Sub(priv.Q.Big(), big.NewInt(1)))
	lam := new(big.Int).Add(priv.Lambda.Big(), new(big.Int).Mul(phi, big.NewInt(5)))
	priv.Lambda = toNat(lam)
	proof, err := NewProof(zktest.Transcript("u", 1, 0), pub, priv, nil)
	require.NoError(t, err)
	require.NoError(t, proof.Verify(zktest.Transcript("u", 1, 0), pub))
}

// SECURITY.md case 14.
func TestAdversary14_CrossSessionReplay(t *testing.T) {
	pub, proof := validProof(t)
	for _, tc := range []struct {
		name             string
		session          string
		prover, verifier uint32
	}{
		{"other session", "s2", 1, 0},
		{"other prover", "s", 3, 0},
		{"pairwise instead of broadcast", "s", 1, 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := proof.Verify(zktest.Transcript(tc.session, tc.prover, tc.verifier), pub)
			require.ErrorIs(t, err, zk.ErrVerify)
		})
	}
	require.NoError(t, proof.Verify(zktest.Transcript("s", 1, 0), pub))
}

func TestWrongStatementRejected(t *testing.T) {
	pub, proof := validProof(t)
	other, _ := testKey(t, 1)
	require.Error(t, proof.Verify(zktest.Transcript("s", 1, 0), other))

	// Same N, t; s replaced by s·t (still in ⟨t⟩, but not the statement
	// proved): the challenges change and the equations fail.
	st := new(saferith.Nat).ModMul(pub.S, pub.T, pub.N)
	err := proof.Verify(zktest.Transcript("s", 1, 0), Public{N: pub.N, S: st, T: pub.T})
	require.ErrorIs(t, err, zk.ErrVerify)
}

func TestTamperEachField(t *testing.T) {
	pub, priv := testKey(t, 0)
	n := pub.N.Nat()
	one := new(saferith.Nat).SetUint64(1)
	plusOne := func(x *saferith.Nat) *saferith.Nat { return new(saferith.Nat).ModAdd(x, one, pub.N) }
	for _, tc := range []struct {
		name   string
		tamper func(p *Proof)
		want   error
	}{
		{"A[0]+1", func(p *Proof) { p.a[0] = plusOne(p.a[0]) }, zk.ErrVerify},
		{"A[127]·t", func(p *Proof) { p.a[127] = new(saferith.Nat).ModMul(p.a[127], pub.T, pub.N) }, zk.ErrVerify},
		{"z[0]+1", func(p *Proof) { p.z[0] = plusOne(p.z[0]) }, zk.ErrVerify},
		{"z[127]+1", func(p *Proof) { p.z[127] = plusOne(p.z[127]) }, zk.ErrVerify},
		{"commitments swapped", func(p *Proof) { p.a[0], p.a[1] = p.a[1], p.a[0] }, zk.ErrVerify},
		{"responses swapped", func(p *Proof) { p.z[0], p.z[1] = p.z[1], p.z[0] }, zk.ErrVerify},
		{"width changed", func(p *Proof) { p.width-- }, zk.ErrMalformed},
		{"A missing", func(p *Proof) { p.a[9] = nil }, zk.ErrMalformed},
		{"z missing", func(p *Proof) { p.z[9] = nil }, zk.ErrMalformed},
		{"one commitment fewer", func(p *Proof) { p.a = p.a[:127] }, zk.ErrMalformed},
		{"one response more", func(p *Proof) { p.z = append(p.z, p.z[0]) }, zk.ErrMalformed},
		{"A = 0", func(p *Proof) { p.a[3] = new(saferith.Nat) }, zk.ErrOutOfRange},
		{"A = N", func(p *Proof) { p.a[3] = n.Clone() }, zk.ErrOutOfRange},
		{"z = N", func(p *Proof) { p.z[3] = n.Clone() }, zk.ErrOutOfRange},
		{"z huge", func(p *Proof) { p.z[3] = new(saferith.Nat).Lsh(one, 1_000_000, -1) }, zk.ErrOutOfRange},
		{"A shares a factor with N", func(p *Proof) { p.a[100] = priv.Q.Clone() }, zk.ErrNotUnit},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, p := validProof(t)
			tc.tamper(p)
			err := p.Verify(zktest.Transcript("s", 1, 0), pub)
			require.ErrorIs(t, err, tc.want)
		})
	}
}

func TestVerifyNilInputs(t *testing.T) {
	pub, proof := validProof(t)
	require.ErrorIs(t, (*Proof)(nil).Verify(zktest.Transcript("s", 1, 0), pub), zk.ErrMalformed)
	require.ErrorIs(t, new(Proof).Verify(zktest.Transcript("s", 1, 0), pub), zk.ErrMalformed)
	require.ErrorIs(t, proof.Verify(nil, pub), zk.ErrMalformed)
	require.ErrorIs(t, proof.Verify(zktest.Transcript("s", 1, 0), Public{}), zk.ErrOutOfRange)
	require.ErrorIs(t, proof.Verify(zktest.Transcript("s", 1, 0), Public{N: pub.N}), zk.ErrMalformed)
}

// SECURITY.md case 5.
func TestAdversary05_RepetitionCount(t *testing.T) {
	pub, _ := testKey(t, 0)
	for _, count := range []int{0, 1, zk.Repetitions - 1, zk.Repetitions + 1} {
		t.Run(fmt.Sprint(count), func(t *testing.T) {
			_, p := validProof(t)
			for len(p.a) < count {
				p.a, p.z = append(p.a, p.a[0]), append(p.z, p.z[0])
			}
			p.a, p.z = p.a[:count], p.z[:count]

			tr := zktest.Transcript("s", 1, 0)
			untouched := tr.Clone()
			err := p.Verify(tr, pub)
			require.ErrorIs(t, err, zk.ErrMalformed)
			require.ErrorContains(t, err, "repetitions")
			require.Equal(t, untouched.ChallengeBytes("probe", 32), tr.ChallengeBytes("probe", 32),
				"Verify absorbed into the transcript before refusing the count")

			enc, err := p.MarshalBinary()
			require.NoError(t, err)
			_, err = DecodeProof(enc)
			require.ErrorIs(t, err, zk.ErrMalformed)
		})
	}
}

// forgeGuessing plays a prover who does not know a discrete log of s to the
// base t: it guesses every challenge bit in advance, committing A_i = t^a_i
// when it guesses 0 and A_i = t^a_i·s⁻¹ when it guesses 1, and answers
// z_i = a_i. Each repetition passes iff its guess was right. The guesses
// and exponents come from rnd, so a seeded reader makes the forgery repeatable.
func forgeGuessing(tb testing.TB, pub Public, priv Private, m int, rnd io.Reader) *Proof {
	tb.Helper()
	n := pub.N.Big()
	phi := new(big.Int).Mul(new(big.Int).Sub(priv.P.Big(), big.NewInt(1)), new(big.Int).Sub(priv.Q.Big(), big.NewInt(1)))
	sInv := new(big.Int).ModInverse(pub.S.Big(), n)
	p := &Proof{width: wire.ByteLen(pub.N.BitLen()), a: make([]*saferith.Nat, m), z: make([]*saferith.Nat, m)}
	for i := range m {
		a, err := rand.Int(rnd, phi)
		require.NoError(tb, err)
		A := new(big.Int).Exp(pub.T.Big(), a, n)
		guess, err := rand.Int(rnd, big.NewInt(2))
		require.NoError(tb, err)
		if guess.Sign() == 1 {
			A.Mul(A, sInv)
			A.Mod(A, n)
		}
		p.a[i], p.z[i] = toNat(A), toNat(a)
	}
	return p
}

// badS returns parameters where s = −t^λ ∉ ⟨t⟩: t is a square and −1 is not
// (N is a Blum integer), so s is not a power of t.
func badS(tb testing.TB) (Public, Private) {
	pub, priv := testKey(tb, 0)
	s := new(big.Int).Sub(pub.N.Big(), pub.S.Big())
	return Public{N: pub.N, S: toNat(s), T: pub.T}, priv
}

// SECURITY.md case 8: bad parameters are refused, and s ∉ ⟨t⟩ is caught by
// soundness.
func TestAdversary08_BadParameters(t *testing.T) {
	pub, priv := testKey(t, 0)
	n := pub.N.Big()

	t.Run("s not in <t>", func(t *testing.T) {
		bad, badPriv := badS(t)
		// The honest prover refuses: no λ gives s.
		_, err := NewProof(zktest.Transcript("bad", 3, 0), bad, badPriv, nil)
		require.ErrorIs(t, err, ErrInvalidWitness)
		// A guessing prover fails (it would need all 128 bits right).
		proof := forgeGuessing(t, bad, badPriv, zk.Repetitions, rand.Reader)
		err = proof.Verify(zktest.Transcript("bad", 3, 0), bad)
		require.ErrorIs(t, err, zk.ErrVerify)
	})

	nm1 := toNat(new(big.Int).Sub(n, big.NewInt(1)))
	for _, tc := range []struct {
		name string
		s, t *saferith.Nat
		want error
	}{
		{"t = 1", pub.S, new(saferith.Nat).SetUint64(1), zk.ErrOutOfRange},
		{"s = 1", new(saferith.Nat).SetUint64(1), pub.T, zk.ErrOutOfRange},
		{"t = 0", pub.S, new(saferith.Nat), zk.ErrOutOfRange},
		{"s = 0", new(saferith.Nat), pub.T, zk.ErrOutOfRange},
		{"t = N−1", pub.S, nm1, zk.ErrOutOfRange},
		{"s = N−1", nm1, pub.T, zk.ErrOutOfRange},
		{"s = N", pub.N.Nat(), pub.T, zk.ErrOutOfRange},
		{"t ≥ N", pub.S, toNat(new(big.Int).Add(n, big.NewInt(5))), zk.ErrOutOfRange},
		{"s = t", pub.T, pub.T, zk.ErrOutOfRange},
		{"gcd(s, N) > 1", priv.P, pub.T, zk.ErrNotUnit},
		{"gcd(t, N) > 1", pub.S, toNat(new(big.Int).Mul(priv.Q.Big(), big.NewInt(2))), zk.ErrNotUnit},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, proof := validProof(t)
			bad := Public{N: pub.N, S: tc.s, T: tc.t}
			err := proof.Verify(zktest.Transcript("s", 1, 0), bad)
			require.ErrorIs(t, err, tc.want)
			_, err = NewProof(zktest.Transcript("s", 1, 0), bad, priv, nil)
			require.ErrorIs(t, err, tc.want, "the prover refuses a statement the verifier would refuse")
		})
	}

	t.Run("N even", func(t *testing.T) {
		_, proof := validProof(t)
		even := saferith.ModulusFromNat(toNat(new(big.Int).Add(n, big.NewInt(1))))
		err := proof.Verify(zktest.Transcript("s", 1, 0), Public{N: even, S: pub.S, T: pub.T})
		require.ErrorIs(t, err, zk.ErrVerify)
		require.ErrorContains(t, err, "even")
	})
}

// SECURITY.md case 7 for Πprm: with one repetition the guessing prover of
// case 8 wins about half the time; the production verifier refuses that
// proof.
func TestAdversary07_CGuess(t *testing.T) {
	bad, badPriv := badS(t)
	const tries = 200
	successes := 0
	var forged *Proof
	var session string
	// Seeded, so the success count is the same on every run: with fresh
	// randomness a binomial(200, 1/2) count leaves [60, 140] about once in
	// 2^27 runs.
	rnd := zktest.Seeded("c-guess")
	for i := range tries {
		sid := fmt.Sprintf("c-guess %d", i)
		proof := forgeGuessing(t, bad, badPriv, 1, rnd)
		if verifyWithRepetitions(zktest.Transcript(sid, 3, 0), bad, proof, 1) == nil {
			successes++
			forged, session = proof, sid
		}
	}
	t.Logf("one-repetition forgeries accepted: %d of %d", successes, tries)
	require.GreaterOrEqual(t, successes, tries*30/100)
	require.LessOrEqual(t, successes, tries*70/100)
	require.NotNil(t, forged)
	require.ErrorIs(t, forged.Verify(zktest.Transcript(session, 3, 0), bad), zk.ErrMalformed)
}

func TestNewProofRejectsBadWitness(t *testing.T) {
	pub, priv := testKey(t, 0)
	_, other := testKey(t, 1)
	for _, tc := range []struct {
		name string
		priv Private
	}{
		{"missing p", Private{Q: priv.Q, Lambda: priv.Lambda}},
		{"missing λ", Private{P: priv.P, Q: priv.Q}},
		{"wrong factors", Private{P: other.P, Q: other.Q, Lambda: priv.Lambda}},
		{"wrong λ", Private{P: priv.P, Q: priv.Q, Lambda: new(saferith.Nat).Add(priv.Lambda, new(saferith.Nat).SetUint64(1), -1)}},
		{"even factor", Private{P: new(saferith.Nat).SetUint64(2), Q: priv.Q, Lambda: priv.Lambda}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := NewProof(zktest.Transcript("s", 1, 0), pub, tc.priv, nil)
			require.ErrorIs(t, err, ErrInvalidWitness)
		})
	}
	_, err := NewProof(nil, pub, priv, nil)
	require.ErrorIs(t, err, zk.ErrMalformed)
	_, err = new(Proof).MarshalBinary()
	require.ErrorIs(t, err, zk.ErrMalformed)
}

func TestNewProofRandomnessFailure(t *testing.T) {
	pub, priv := testKey(t, 0)
	_, err := NewProof(zktest.Transcript("s", 1, 0), pub, priv, zktest.FailingReader{})
	require.ErrorIs(t, err, bigint.ErrRandom)
}

// The verifier's powers of t agree with math/big on both paths: the
// internal/bigint table (where available) and this package's bucket method.
func TestPowersOfTMatchExp(t *testing.T) {
	pub, _ := testKey(t, 0)
	n := pub.N.Big()
	nm, err := bigmod.NewModulus(n.Bytes())
	require.NoError(t, err)
	width := wire.ByteLen(n.BitLen())
	powT := newPowersOfT(pub, nm, width)
	for range 10 {
		e, err := rand.Int(rand.Reader, n)
		require.NoError(t, err)
		want := new(big.Int).Exp(pub.T.Big(), e, n)
		require.Equal(t, want.FillBytes(make([]byte, width)), powT(toNat(e)).Bytes(nm))
	}
}

// The bucket method (the fallback of newPowersOfT) agrees with math/big.
func TestFixedBaseMatchesExp(t *testing.T) {
	pub, _ := testKey(t, 0)
	n := pub.N.Big()
	nm, err := bigmod.NewModulus(n.Bytes())
	require.NoError(t, err)
	width := wire.ByteLen(n.BitLen())
	g, err := bigmod.NewNat().SetBytes(pub.T.FillBytes(make([]byte, width)), nm)
	require.NoError(t, err)
	fb := newFixedBase(g, nm, 8*width)

	exps := []*big.Int{big.NewInt(0), big.NewInt(1), big.NewInt(63), big.NewInt(64), new(big.Int).Sub(n, big.NewInt(1)),
		new(big.Int).Sub(new(big.Int).Lsh(big.NewInt(1), uint(8*width)), big.NewInt(1))}
	for range 20 {
		e, err := rand.Int(rand.Reader, n)
		require.NoError(t, err)
		exps = append(exps, e)
	}
	for _, e := range exps {
		got := fb.exp(e.FillBytes(make([]byte, width)))
		want := new(big.Int).Exp(pub.T.Big(), e, n)
		require.Equal(t, want.FillBytes(make([]byte, width)), got.Bytes(nm), "exponent %x", e)
	}
}
