package dec

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

// The parameters keep the bounds of the package documentation: zero
// knowledge to 2^−128, soundness below 2^−110 for the smallest accepted N0
// (the 112-bit level of 2048-bit moduli) and below 2^−128 for 3072 bits.
func TestParameters(t *testing.T) {
	require.GreaterOrEqual(t, zk.StatBits, 128)
	soundnessBits := func(n0Bits int) int { return n0Bits - (PlaintextBits + zk.StatBits + 2) }
	require.GreaterOrEqual(t, soundnessBits(MinModulusBits), 110)
	require.GreaterOrEqual(t, soundnessBits(3072), 128)
	require.Equal(t, PlaintextBits+zk.L+zk.StatBits, MaskBits)
}

func TestCompleteness(t *testing.T) {
	tests := []struct {
		name   string
		y      *saferith.Int
		withSK bool
	}{
		{"identification-sized y, CRT", nil, true},
		{"identification-sized y, public key only", nil, false},
		{"small negative y", zktest.IntOf(-5), true},
		{"y = 0", zktest.IntOf(0), false},
		{"y = q", new(saferith.Int).SetNat(curve.Secp256k1().Order().Nat()), true},
		{"y = 2^PlaintextBits", zktest.PowerOfTwo(PlaintextBits, false), true},
		{"y = -2^PlaintextBits", zktest.PowerOfTwo(PlaintextBits, true), false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t, tc.y, tc.withSK)
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
	c := curve.Secp256k1()
	nHat, n0Sq, n0 := f.pub.Aux.N(), f.pub.N0.NSquared(), f.pub.N0.N()
	qInt := new(saferith.Int).SetNat(c.Order().Nat())
	tests := []struct {
		name   string
		tamper func(p *Proof)
	}{
		{"S", func(p *Proof) { p.S = zktest.Times4(p.S, nHat) }},
		{"T", func(p *Proof) { p.T = zktest.Times4(p.T, nHat) }},
		{"A", func(p *Proof) { p.A = zktest.Times4(p.A, n0Sq) }},
		{"gamma", func(p *Proof) { p.Gamma = p.Gamma.Add(c.ScalarFromUint64(1)) }},
		{"z1", func(p *Proof) { p.Z1 = zktest.Plus(p.Z1, 1) }},
		{"z1 + q (same residue mod q)", func(p *Proof) { p.Z1 = new(saferith.Int).Add(p.Z1, qInt, -1) }},
		{"z2", func(p *Proof) { p.Z2 = zktest.Plus(p.Z2, 1) }},
		{"w", func(p *Proof) { p.W = zktest.Times4(p.W, n0) }},
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
	other := newFixture(t, nil, false)
	c := curve.Secp256k1()
	tests := []struct {
		name   string
		change func(pub *Public)
	}{
		{"C", func(pub *Public) { pub.C = other.pub.C }},
		{"x + 1", func(pub *Public) { pub.X = pub.X.Add(c.ScalarFromUint64(1)) }},
		{"x negated", func(pub *Public) { pub.X = pub.X.Negate() }},
		{"N0 another key", func(pub *Public) { pub.N0 = testfixtures.PaillierKey(t, 3).PublicKey() }},
		{"ring-Pedersen of another party", func(pub *Public) {
			pp, _, err := testfixtures.PaillierKey(t, 4).GeneratePedersen(nil)
			require.NoError(t, err)
			pub.Aux = pp
		}},
		{"x on another curve", func(pub *Public) { pub.X = curve.Edwards25519().ScalarFromUint64(3) }},
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
	f := newFixture(t, nil, true)
	tests := []struct {
		name   string
		change func(priv *Private)
	}{
		{"y above 2^PlaintextBits", func(priv *Private) { priv.Y = zktest.Plus(zktest.PowerOfTwo(PlaintextBits, false), 1) }},
		{"y ≠ x mod q", func(priv *Private) { priv.Y = zktest.Plus(priv.Y, 1) }},
		{"ρ zero", func(priv *Private) { priv.Rho = new(saferith.Nat) }},
		{"ρ not a unit", func(priv *Private) { priv.Rho = f.sk0.P() }},
		{"another secret key", func(priv *Private) { priv.SecretKey = testfixtures.PaillierKey(t, 0) }},
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

func TestRandomnessFailure(t *testing.T) {
	f := newFixture(t, nil, true)
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
	pub.X = nil
	require.ErrorIs(t, verifyBoth(t, p, proverTranscript(), pub), zk.ErrMalformed)
	q := zktest.Clone(t, p)
	q.Gamma = nil
	require.ErrorIs(t, f.verify(t, q), zk.ErrMalformed)
	q = zktest.Clone(t, p)
	q.Z2 = nil
	require.ErrorIs(t, f.verify(t, q), zk.ErrMalformed)
}

func TestCommitmentsBound(t *testing.T) {
	f, p := shared(t)
	q := f.prove(t)
	p.S = q.S
	require.ErrorIs(t, f.verify(t, p), zk.ErrVerify)
}
