package logstar

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
		name              string
		x                 *saferith.Int
		withSK, generator bool
	}{
		{"random base, CRT", nil, true, false},
		{"random base, public key only", nil, false, false},
		{"generator", nil, true, true},
		{"negative x", zktest.IntOf(-424242), true, false},
		{"x = 2^ℓ", zktest.PowerOfTwo(zk.L, false), false, false},
		{"x = -2^ℓ", zktest.PowerOfTwo(zk.L, true), true, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t, tc.x, tc.withSK, tc.generator)
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
	n0Sq, nHat, n0 := f.pub.N0.NSquared(), f.pub.Aux.N(), f.pub.N0.N()
	tests := []struct {
		name   string
		tamper func(p *Proof)
	}{
		{"S", func(p *Proof) { p.S = zktest.Times4(p.S, nHat) }},
		{"A", func(p *Proof) { p.A = zktest.Times4(p.A, n0Sq) }},
		{"Y", func(p *Proof) { p.Y = p.Y.Add(g) }},
		{"D", func(p *Proof) { p.D = zktest.Times4(p.D, nHat) }},
		{"z1", func(p *Proof) { p.Z1 = zktest.Plus(p.Z1, 1) }},
		{"z1 + q", func(p *Proof) {
			p.Z1 = new(saferith.Int).Add(p.Z1, new(saferith.Int).SetNat(curve.Secp256k1().Order().Nat()), -1)
		}},
		{"z2", func(p *Proof) { p.Z2 = zktest.Times4(p.Z2, n0) }},
		{"z3", func(p *Proof) { p.Z3 = zktest.Plus(p.Z3, 1) }},
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
	other := newFixture(t, nil, false, false)
	c := curve.Secp256k1()
	tests := []struct {
		name   string
		change func(pub *Public)
	}{
		{"C", func(pub *Public) { pub.C = other.pub.C }},
		{"X", func(pub *Public) { pub.X = pub.X.Add(pub.G) }},
		{"g", func(pub *Public) { pub.G = c.Generator() }},
		{"N0 another key", func(pub *Public) { pub.N0 = testfixtures.PaillierKey(t, 3).PublicKey() }},
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
	f := newFixture(t, nil, true, false)
	tests := []struct {
		name   string
		change func(priv *Private)
	}{
		{"x above 2^ℓ", func(priv *Private) { priv.X = zktest.Plus(zktest.PowerOfTwo(zk.L, false), 1) }},
		{"x does not match X", func(priv *Private) { priv.X = zktest.IntOf(7) }},
		{"ρ zero", func(priv *Private) { priv.Rho = new(saferith.Nat) }},
		{"ρ not a unit", func(priv *Private) { priv.Rho = f.sk0.Q() }},
		{"another secret key", func(priv *Private) { priv.SecretKey = testfixtures.PaillierKey(t, 0) }},
		{"missing x", func(priv *Private) { priv.X = nil }},
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

// A prover whose x is beyond ±2^(ℓ+ε) (witness check skipped) produces a z1
// that the verifier refuses before any arithmetic.
func TestCheatingProverOutOfRange(t *testing.T) {
	f := newFixture(t, nil, true, false)
	x := zktest.PowerOfTwo(zk.L+zk.Epsilon, false)
	f.priv.X = x
	f.pub.C = f.pub.N0.EncWithNonce(x, f.priv.Rho)
	f.pub.X = f.pub.G.ScalarMult(curve.Secp256k1().ScalarFromInt(x))
	st, err := newStatement(f.pub)
	require.NoError(t, err)
	p, err := prove(proverTranscript(), st, f.priv, bigint.Reader(nil))
	require.NoError(t, err)
	require.ErrorIs(t, f.verify(t, p), zk.ErrOutOfRange)
}

func TestRandomnessFailure(t *testing.T) {
	f := newFixture(t, nil, true, false)
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
	for name, change := range map[string]func(*Public){
		"Aux": func(pub *Public) { pub.Aux = nil },
		"G":   func(pub *Public) { pub.G = nil },
		"C":   func(pub *Public) { pub.C = nil },
	} {
		pub := f.pub
		change(&pub)
		require.ErrorIs(t, verifyBoth(t, p, proverTranscript(), pub), zk.ErrMalformed, name)
	}
	q := zktest.Clone(t, p)
	q.Y = nil
	require.ErrorIs(t, f.verify(t, q), zk.ErrMalformed)
	q = zktest.Clone(t, p)
	q.Z3 = nil
	require.ErrorIs(t, f.verify(t, q), zk.ErrMalformed)
}

func TestCommitmentsBound(t *testing.T) {
	f, p := shared(t)
	q := f.prove(t)
	p.S = q.S
	require.ErrorIs(t, f.verify(t, p), zk.ErrVerify)
}

// The wide statement (identification after a failed S check): witnesses of
// up to WideBits bits prove and verify; a wide proof is not a narrow one,
// nor the other way round; a witness beyond WideBits is refused.
func TestWide(t *testing.T) {
	tests := []struct {
		name   string
		x      *saferith.Int
		withSK bool
		ok     bool
	}{
		{"x = 2^WideBits, CRT", zktest.PowerOfTwo(WideBits, false), true, true},
		{"x = -2^WideBits, public key only", zktest.PowerOfTwo(WideBits, true), false, true},
		{"x = 2^1500 + 7", zktest.Plus(zktest.PowerOfTwo(1500, false), 7), true, true},
		{"small x", zktest.IntOf(-99), true, true},
		{"x = 2^(WideBits+1)", zktest.PowerOfTwo(WideBits+1, false), true, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t, tc.x, tc.withSK, false)
			f.pub.Wide = true
			p, err := NewProof(proverTranscript(), f.pub, f.priv, nil)
			if !tc.ok {
				require.ErrorIs(t, err, ErrInvalidWitness)
				return
			}
			require.NoError(t, err)
			require.NoError(t, f.verify(t, p))
			b, err := p.MarshalBinary()
			require.NoError(t, err)
			_, err = DecodeProof(f.pub, b)
			require.NoError(t, err)

			narrow := f.pub
			narrow.Wide = false
			require.Error(t, verifyBoth(t, p, proverTranscript(), narrow))
		})
	}

	t.Run("narrow proof under the wide statement", func(t *testing.T) {
		f, p := shared(t)
		wide := f.pub
		wide.Wide = true
		require.ErrorIs(t, verifyBoth(t, p, proverTranscript(), wide), zk.ErrVerify)
	})

	t.Run("oversized z1", func(t *testing.T) {
		f := newFixture(t, zktest.PowerOfTwo(1700, false), true, false)
		f.pub.Wide = true
		p, err := NewProof(proverTranscript(), f.pub, f.priv, nil)
		require.NoError(t, err)
		p.Z1 = zktest.PowerOfTwo(WideMaskBits+1, false)
		require.ErrorIs(t, f.verify(t, p), zk.ErrOutOfRange)
	})
}
