package mul

import (
	"testing"

	"github.com/cronokirby/saferith"
	"github.com/stretchr/testify/require"

	"github.com/mosaic-mpc/mosaic/internal/bigint"
	"github.com/mosaic-mpc/mosaic/internal/testfixtures"
	"github.com/mosaic-mpc/mosaic/zk"
	"github.com/mosaic-mpc/mosaic/zk/internal/zktest"
)

func TestCompleteness(t *testing.T) {
	tests := []struct {
		name   string
		x      *saferith.Int
		withSK bool
	}{
		{"random, CRT", nil, true},
		{"random, public key only", nil, false},
		{"negative x", zktest.IntOf(-77), true},
		{"x = 0", zktest.IntOf(0), false},
		{"x = 2^ℓ", zktest.PowerOfTwo(zk.L, false), true},
		{"x = -2^ℓ", zktest.PowerOfTwo(zk.L, true), false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t, tc.x, tc.withSK)
			p := f.prove(t)
			require.NoError(t, f.verify(p))
			b, err := p.MarshalBinary()
			require.NoError(t, err)
			q, err := DecodeProof(f.pub, b)
			require.NoError(t, err)
			require.NoError(t, f.verify(q))
			b2, err := q.MarshalBinary()
			require.NoError(t, err)
			require.Equal(t, b, b2)
		})
	}
}

// The statement says something: C must encrypt x times Y's plaintext for
// the X the prover is committed to.
func TestSoundnessSanity(t *testing.T) {
	f := newFixture(t, nil, true)
	// C for x+1 with X still encrypting x: the honest prover algorithm with
	// either witness fails.
	pk := f.pub.N
	f.pub.C = pk.Add(pk.MulScalar(f.pub.Y, zktest.Plus(f.priv.X, 1)), pk.EncWithNonce(new(saferith.Int), f.priv.Rho))
	p := f.prove(t)
	require.ErrorIs(t, f.verify(p), zk.ErrVerify)
	f.priv.X = zktest.Plus(f.priv.X, 1)
	p = f.prove(t)
	require.ErrorIs(t, f.verify(p), zk.ErrVerify)
}

func TestTamperEachField(t *testing.T) {
	f, _ := shared(t)
	n, nSq := f.pub.N.N(), f.pub.N.NSquared()
	tests := []struct {
		name   string
		tamper func(p *Proof)
	}{
		{"A", func(p *Proof) { p.A = zktest.Times4(p.A, nSq) }},
		{"B", func(p *Proof) { p.B = zktest.Times4(p.B, nSq) }},
		{"z", func(p *Proof) { p.Z = zktest.Plus(p.Z, 1) }},
		{"z negated", func(p *Proof) { p.Z = new(saferith.Int).SetInt(p.Z).Neg(1) }},
		{"u", func(p *Proof) { p.U = zktest.Times4(p.U, n) }},
		{"v", func(p *Proof) { p.V = zktest.Times4(p.V, n) }},
		{"A and B swapped", func(p *Proof) { p.A, p.B = p.B, p.A }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, p := shared(t)
			tc.tamper(p)
			require.ErrorIs(t, f.verify(p), zk.ErrVerify)
		})
	}
}

func TestWrongStatement(t *testing.T) {
	f, p := shared(t)
	other := newFixture(t, nil, false)
	tests := []struct {
		name   string
		change func(pub *Public)
	}{
		{"X", func(pub *Public) { pub.X = other.pub.X }},
		{"Y", func(pub *Public) { pub.Y = other.pub.Y }},
		{"C", func(pub *Public) { pub.C = other.pub.C }},
		{"X and C swapped", func(pub *Public) { pub.X, pub.C = pub.C, pub.X }},
		{"another key", func(pub *Public) { pub.N = testfixtures.PaillierKey(t, 3).PublicKey() }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			pub := f.pub
			tc.change(&pub)
			require.Error(t, p.Verify(proverTranscript(), pub))
		})
	}
}

func TestInvalidWitness(t *testing.T) {
	f := newFixture(t, nil, true)
	tests := []struct {
		name   string
		change func(priv *Private)
	}{
		{"x above 2^ℓ", func(priv *Private) { priv.X = zktest.Plus(zktest.PowerOfTwo(zk.L, false), 1) }},
		{"x below -2^ℓ", func(priv *Private) { priv.X = zktest.Plus(zktest.PowerOfTwo(zk.L, true), -1) }},
		{"ρ zero", func(priv *Private) { priv.Rho = new(saferith.Nat) }},
		{"ρ_x not a unit", func(priv *Private) { priv.RhoX = f.sk.P() }},
		{"ρ_x = N", func(priv *Private) { priv.RhoX = f.pub.N.NNat() }},
		{"another secret key", func(priv *Private) { priv.SecretKey = testfixtures.PaillierKey(t, 0) }},
		{"missing ρ", func(priv *Private) { priv.Rho = nil }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			priv := f.priv
			tc.change(&priv)
			_, err := NewProof(proverTranscript(), f.pub, priv, nil)
			require.ErrorIs(t, err, ErrInvalidWitness)
		})
	}
}

func TestCheatingProverOutOfRange(t *testing.T) {
	f := newFixture(t, zktest.PowerOfTwo(zk.L+zk.Epsilon, false), true)
	st, err := newStatement(f.pub)
	require.NoError(t, err)
	p, err := prove(proverTranscript(), st, f.priv, bigint.Reader(nil))
	require.NoError(t, err)
	require.ErrorIs(t, f.verify(p), zk.ErrOutOfRange)
}

func TestRandomnessFailure(t *testing.T) {
	f := newFixture(t, nil, true)
	_, err := NewProof(proverTranscript(), f.pub, f.priv, zktest.FailingReader{})
	require.ErrorIs(t, err, bigint.ErrRandom)
}

func TestMissingValues(t *testing.T) {
	f, p := shared(t)
	_, err := NewProof(nil, f.pub, f.priv, nil)
	require.ErrorIs(t, err, zk.ErrMalformed)
	require.ErrorIs(t, p.Verify(nil, f.pub), zk.ErrMalformed)
	var nilProof *Proof
	require.ErrorIs(t, nilProof.Verify(proverTranscript(), f.pub), zk.ErrMalformed)
	pub := f.pub
	pub.Y = nil
	require.ErrorIs(t, p.Verify(proverTranscript(), pub), zk.ErrMalformed)
	q := zktest.Clone(t, p)
	q.Z = nil
	require.ErrorIs(t, f.verify(q), zk.ErrMalformed)
}

func TestCommitmentsBound(t *testing.T) {
	f, p := shared(t)
	q := f.prove(t)
	p.B = q.B
	require.ErrorIs(t, f.verify(p), zk.ErrVerify)
}
