package affg

import (
	"testing"

	"github.com/cronokirby/saferith"
	"github.com/stretchr/testify/require"

	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/mosaic-mpc/mosaic/internal/bigint"
	"github.com/mosaic-mpc/mosaic/internal/testfixtures"
	"github.com/mosaic-mpc/mosaic/zk"
	"github.com/mosaic-mpc/mosaic/zk/internal/zktest"
)

func TestCompleteness(t *testing.T) {
	tests := []struct {
		name   string
		x, y   *saferith.Int
		withSK bool
	}{
		{"random with CRT", nil, nil, true},
		{"random without secret key", nil, nil, false},
		{"negative x, y", zktest.IntOf(-12345), zktest.IntOf(-987654321), true},
		{"x = 2^ℓ, y = 2^ℓ'", zktest.PowerOfTwo(zk.L, false), zktest.PowerOfTwo(zk.LPrime, false), true},
		{"x = -2^ℓ, y = -2^ℓ'", zktest.PowerOfTwo(zk.L, true), zktest.PowerOfTwo(zk.LPrime, true), false},
		{"y = 0", nil, zktest.IntOf(0), true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t, tc.x, tc.y, tc.withSK)
			p := f.prove(t)
			require.NoError(t, f.verify(t, p))

			b, err := p.MarshalBinary()
			require.NoError(t, err)
			q, err := DecodeProof(f.pub, b)
			require.NoError(t, err)
			require.NoError(t, f.verify(t, q))
			b2, err := q.MarshalBinary()
			require.NoError(t, err)
			require.Equal(t, b, b2)
		})
	}
}

func TestTamperEachField(t *testing.T) {
	f, _ := shared(t)
	g := curve.Secp256k1().Generator()
	n0Sq, n1Sq := f.pub.N0.NSquared(), f.pub.N1.NSquared()
	nHat, n0, n1 := f.pub.Aux.N(), f.pub.N0.N(), f.pub.N1.N()
	plus1 := func(x *saferith.Int) *saferith.Int {
		return new(saferith.Int).Add(x, zktest.IntOf(1), -1)
	}
	tests := []struct {
		name   string
		tamper func(p *Proof)
	}{
		{"A", func(p *Proof) { p.A = zktest.Times4(p.A, n0Sq) }},
		{"Bx", func(p *Proof) { p.Bx = p.Bx.Add(g) }},
		{"By", func(p *Proof) { p.By = zktest.Times4(p.By, n1Sq) }},
		{"E", func(p *Proof) { p.E = zktest.Times4(p.E, nHat) }},
		{"S", func(p *Proof) { p.S = zktest.Times4(p.S, nHat) }},
		{"F", func(p *Proof) { p.F = zktest.Times4(p.F, nHat) }},
		{"T", func(p *Proof) { p.T = zktest.Times4(p.T, nHat) }},
		{"z1", func(p *Proof) { p.Z1 = plus1(p.Z1) }},
		{"z2", func(p *Proof) { p.Z2 = plus1(p.Z2) }},
		{"z3", func(p *Proof) { p.Z3 = plus1(p.Z3) }},
		{"z4", func(p *Proof) { p.Z4 = plus1(p.Z4) }},
		{"w", func(p *Proof) { p.W = zktest.Times4(p.W, n0) }},
		{"w_y", func(p *Proof) { p.WY = zktest.Times4(p.WY, n1) }},
		{"z1 negated", func(p *Proof) { p.Z1 = new(saferith.Int).SetInt(p.Z1).Neg(1) }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, p := shared(t)
			tc.tamper(p)
			require.ErrorIs(t, f.verify(t, p), zk.ErrVerify)
		})
	}
}

func TestWrongStatement(t *testing.T) {
	f, p := shared(t)
	other := newFixture(t, nil, nil, false)
	c := curve.Secp256k1()
	tests := []struct {
		name   string
		change func(pub *Public)
	}{
		{"C", func(pub *Public) { pub.C = other.pub.C }},
		{"D", func(pub *Public) { pub.D = other.pub.D }},
		{"Y", func(pub *Public) { pub.Y = other.pub.Y }},
		{"X", func(pub *Public) { pub.X = pub.X.Add(c.Generator()) }},
		{"N0 and N1 swapped", func(pub *Public) { pub.N0, pub.N1 = pub.N1, pub.N0 }},
		{"N1 another key", func(pub *Public) { pub.N1 = testfixtures.PaillierKey(t, 3).PublicKey() }},
		{"ring-Pedersen of another party", func(pub *Public) {
			pp, _, err := testfixtures.PaillierKey(t, 4).GeneratePedersen(nil)
			require.NoError(t, err)
			pub.Aux = pp
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			pub := f.pub
			tc.change(&pub)
			require.Error(t, verifyBoth(t, p, proverTranscript(), pub))
		})
	}
}

func TestInvalidWitness(t *testing.T) {
	f := newFixture(t, nil, nil, true)
	tests := []struct {
		name   string
		change func(priv *Private)
	}{
		{"x above 2^ℓ", func(priv *Private) {
			priv.X = new(saferith.Int).Add(zktest.PowerOfTwo(zk.L, false), zktest.IntOf(1), -1)
		}},
		{"y below -2^ℓ'", func(priv *Private) {
			priv.Y = new(saferith.Int).Add(zktest.PowerOfTwo(zk.LPrime, true), zktest.IntOf(-1), -1)
		}},
		{"x does not match X", func(priv *Private) { priv.X = zktest.IntOf(7) }},
		{"ρ zero", func(priv *Private) { priv.Rho = new(saferith.Nat) }},
		{"ρ_y not a unit", func(priv *Private) { priv.RhoY = f.sk1.P() }},
		{"secret key of N0", func(priv *Private) { priv.SecretKey = f.sk0 }},
		{"missing y", func(priv *Private) { priv.Y = nil }},
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

// A prover that uses a y outside ±2^(ℓ'+ε) (here: the witness check is
// skipped) produces a z2 the verifier refuses before any arithmetic.
func TestCheatingProverOutOfRange(t *testing.T) {
	f := newFixture(t, nil, nil, true)
	bigY := zktest.PowerOfTwo(zk.LPrime+zk.Epsilon, false)
	f.priv.Y = bigY
	rho := f.priv.Rho
	f.pub.D = f.pub.N0.Add(f.pub.N0.MulScalar(f.pub.C, f.priv.X), f.pub.N0.EncWithNonce(bigY, rho))
	f.pub.Y = f.pub.N1.EncWithNonce(bigY, f.priv.RhoY)
	st, err := newStatement(f.pub)
	require.NoError(t, err)
	p, err := prove(proverTranscript(), st, f.priv, bigint.Reader(nil))
	require.NoError(t, err)
	require.ErrorIs(t, f.verify(t, p), zk.ErrOutOfRange)
}

func TestRandomnessFailure(t *testing.T) {
	f := newFixture(t, nil, nil, true)
	_, err := NewProof(proverTranscript(), f.pub, f.priv, zktest.FailingReader{})
	require.ErrorIs(t, err, bigint.ErrRandom)
}

func TestMissingValues(t *testing.T) {
	f, p := shared(t)
	_, err := NewProof(nil, f.pub, f.priv, nil)
	require.ErrorIs(t, err, zk.ErrMalformed)
	require.ErrorIs(t, verifyBoth(t, p, nil, f.pub), zk.ErrMalformed)
	var nilProof *Proof
	require.ErrorIs(t, verifyBoth(t, nilProof, proverTranscript(), f.pub), zk.ErrMalformed)
	pub := f.pub
	pub.Aux = nil
	require.ErrorIs(t, verifyBoth(t, p, proverTranscript(), pub), zk.ErrMalformed)
	q := zktest.Clone(t, p)
	q.Bx = nil
	require.ErrorIs(t, f.verify(t, q), zk.ErrMalformed)
	q = zktest.Clone(t, p)
	q.Z3 = nil
	require.ErrorIs(t, f.verify(t, q), zk.ErrMalformed)
}

// The challenge must depend on every commitment: two proofs of one statement
// have different challenges, and swapping a commitment between them fails.
func TestCommitmentsBound(t *testing.T) {
	f, p := shared(t)
	q := f.prove(t)
	p.S = q.S
	require.ErrorIs(t, f.verify(t, p), zk.ErrVerify)
}
