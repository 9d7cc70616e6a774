package dec

import (
	"bytes"
	"testing"
	"time"

	"github.com/cronokirby/saferith"
	"github.com/stretchr/testify/require"

	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/mosaic-mpc/mosaic/internal/bigint"
	"github.com/mosaic-mpc/mosaic/internal/testfixtures"
	"github.com/mosaic-mpc/mosaic/internal/transcript"
	"github.com/mosaic-mpc/mosaic/paillier"
	"github.com/mosaic-mpc/mosaic/zk"
	"github.com/mosaic-mpc/mosaic/zk/internal/zktest"
)

// Case 11: an oversized z1 or z2 (or a huge modular value) is refused
// before any arithmetic; the bounds are inclusive.
func TestAdversary11_OversizedResponses(t *testing.T) {
	f, _ := shared(t)
	z1Max := zktest.PowerOfTwo(MaskBits, false)
	z2Max := new(saferith.Int).SetNat(new(saferith.Nat).Lsh(f.pub.Aux.N().Nat(), zk.L+zk.Epsilon+1, -1))
	huge := zktest.PowerOfTwo(1_000_000, false)
	for _, tc := range []struct {
		name string
		set  func(p *Proof)
	}{
		{"z1 = 2^MaskBits+1", func(p *Proof) { p.Z1 = zktest.Plus(z1Max, 1) }},
		{"z1 = -2^MaskBits-1", func(p *Proof) { p.Z1 = zktest.Plus(zktest.PowerOfTwo(MaskBits, true), -1) }},
		{"z1 of 10^6 bits", func(p *Proof) { p.Z1 = huge }},
		{"z2 above 2^(ℓ+ε+1)·N̂", func(p *Proof) { p.Z2 = zktest.Plus(z2Max, 1) }},
		{"z2 of 10^6 bits", func(p *Proof) { p.Z2 = huge }},
		{"w of 10^6 bits", func(p *Proof) { p.W = huge.Abs() }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, p := shared(t)
			tc.set(p)
			start := time.Now()
			require.ErrorIs(t, f.verify(t, p), zk.ErrOutOfRange)
			require.Less(t, time.Since(start), time.Second)
		})
	}
	for _, tc := range []struct {
		name string
		set  func(p *Proof)
	}{
		{"z1 = 2^MaskBits", func(p *Proof) { p.Z1 = z1Max }},
		{"z2 = -2^(ℓ+ε+1)·N̂", func(p *Proof) { p.Z2 = new(saferith.Int).SetInt(z2Max).Neg(1) }},
	} {
		t.Run("boundary "+tc.name, func(t *testing.T) {
			_, p := shared(t)
			tc.set(p)
			require.ErrorIs(t, f.verify(t, p), zk.ErrVerify)
		})
	}
}

// Case 11, the reason for the z1 bound: a prover committed to y' = y + k·N0
// satisfies the Paillier equation (same ciphertext) and can pick k so that
// y' mod q is any x it wants. Every equation of Figure 30 then holds; only
// the range check on z1 refuses the proof.
func TestAdversary11_PlaintextWrapAround(t *testing.T) {
	f := newFixture(t, nil, true)
	c := curve.Secp256k1()
	n0 := f.pub.N0.N()
	// Claim x' = y + 1 mod q: y' = y + k·N0 with k = N0⁻¹ mod q.
	k := new(saferith.Nat).ModInverse(new(saferith.Nat).Mod(n0.Nat(), c.Order()), c.Order())
	kN0 := new(saferith.Int).SetNat(new(saferith.Nat).Mul(k, n0.Nat(), -1))
	yPrime := new(saferith.Int).Add(f.priv.Y, kN0, -1)
	f.pub.X = c.ScalarFromInt(f.priv.Y).Add(c.ScalarFromUint64(1))
	require.True(t, c.ScalarFromInt(yPrime).Equal(f.pub.X))
	f.priv.Y = yPrime

	_, err := NewProof(proverTranscript(), f.pub, f.priv, nil)
	require.ErrorIs(t, err, ErrInvalidWitness) // the honest API refuses y'

	st, err := newStatement(f.pub)
	require.NoError(t, err)
	p, err := prove(proverTranscript(), st, f.priv, bigint.Reader(nil))
	require.NoError(t, err)
	require.ErrorIs(t, f.verify(t, p), zk.ErrOutOfRange)

	// Without the range check, the forged proof would pass every equation.
	e := challenge(proverTranscript(), st, p)
	require.NoError(t, verifyEquationsVarTime(st, p, e))
}

// Case 11: ciphertexts outside Z*_{N0²} are refused, in the statement and in
// the proof.
func TestAdversary11_BadCiphertexts(t *testing.T) {
	f, _ := shared(t)
	pk0 := f.pub.N0
	p0 := f.sk0.P()
	n0Sq := pk0.NSquared().Nat()
	gcdCt, err := paillier.NewCiphertext(testfixtures.PaillierKey(t, 0).PublicKey(), p0)
	require.NoError(t, err)
	t.Run("statement C with gcd(C, N0) > 1", func(t *testing.T) {
		_, p := shared(t)
		pub := f.pub
		pub.C = gcdCt
		require.ErrorIs(t, verifyBoth(t, p, proverTranscript(), pub), zk.ErrNotUnit)
		_, err := NewProof(proverTranscript(), pub, f.priv, nil)
		require.ErrorIs(t, err, zk.ErrNotUnit)
	})
	t.Run("statement C ≥ N0²", func(t *testing.T) {
		var larger *paillier.PublicKey
		for i := range 8 {
			k := testfixtures.PaillierKey(t, i).PublicKey()
			if k.N().Big().Cmp(pk0.N().Big()) > 0 {
				larger = k
				break
			}
		}
		if larger == nil {
			t.Skip("no fixture key larger than N0")
		}
		ct, err := paillier.NewCiphertext(larger, new(saferith.Nat).Add(n0Sq, new(saferith.Nat).SetUint64(2), -1))
		require.NoError(t, err)
		_, p := shared(t)
		pub := f.pub
		pub.C = ct
		require.ErrorIs(t, verifyBoth(t, p, proverTranscript(), pub), zk.ErrOutOfRange)
	})
	for _, tc := range []struct {
		name string
		a    *saferith.Nat
		want error
	}{
		{"A = 0", new(saferith.Nat), zk.ErrOutOfRange},
		{"A = N0²", n0Sq.Clone(), zk.ErrOutOfRange},
		{"A = p0 (gcd > 1)", p0, zk.ErrNotUnit},
	} {
		t.Run("proof "+tc.name, func(t *testing.T) {
			_, p := shared(t)
			p.A = tc.a
			require.ErrorIs(t, f.verify(t, p), tc.want)
			b, err := p.MarshalBinary()
			require.NoError(t, err)
			_, err = DecodeProof(f.pub, b)
			require.ErrorIs(t, err, tc.want)
		})
	}
}

// Case 12: degenerate values 0, 1, N−1, N (and above) in S, T, A, w, a zero
// or non-canonical γ and a negative zero are refused at decode.
func TestAdversary12_DegenerateValues(t *testing.T) {
	f, _ := shared(t)
	nHat, n0Sq, n0 := f.pub.Aux.N(), f.pub.N0.NSquared(), f.pub.N0.N()
	one := new(saferith.Nat).SetUint64(1)
	for _, fld := range []struct {
		name string
		mod  *saferith.Modulus
		set  func(p *Proof, v *saferith.Nat)
	}{
		{"S", nHat, func(p *Proof, v *saferith.Nat) { p.S = v }},
		{"T", nHat, func(p *Proof, v *saferith.Nat) { p.T = v }},
		{"A", n0Sq, func(p *Proof, v *saferith.Nat) { p.A = v }},
		{"w", n0, func(p *Proof, v *saferith.Nat) { p.W = v }},
	} {
		m := fld.mod
		for vname, v := range map[string]*saferith.Nat{
			"0":   new(saferith.Nat),
			"1":   one.Clone(),
			"N-1": new(saferith.Nat).Sub(m.Nat(), one, m.BitLen()),
			"N":   m.Nat(),
			"N+1": new(saferith.Nat).Add(m.Nat(), one, -1),
		} {
			t.Run(fld.name+"="+vname, func(t *testing.T) {
				_, p := shared(t)
				fld.set(p, v)
				b, err := p.MarshalBinary()
				require.NoError(t, err)
				_, err = DecodeProof(f.pub, b)
				require.ErrorIs(t, err, zk.ErrOutOfRange)
				require.ErrorIs(t, f.verify(t, p), zk.ErrOutOfRange)
			})
		}
	}

	_, p := shared(t)
	enc, err := p.MarshalBinary()
	require.NoError(t, err)
	gammaAt, z1At := offsets(t, enc)
	withGamma := func(g []byte) []byte {
		out := bytes.Clone(enc)
		copy(out[gammaAt:gammaAt+32], g)
		return out
	}
	t.Run("gamma zero", func(t *testing.T) {
		_, err := DecodeProof(f.pub, withGamma(make([]byte, 32)))
		require.ErrorIs(t, err, zk.ErrOutOfRange)
	})
	t.Run("gamma = q (non-canonical)", func(t *testing.T) {
		_, err := DecodeProof(f.pub, withGamma(curve.Secp256k1().Order().Bytes()))
		require.ErrorIs(t, err, zk.ErrMalformed)
	})
	t.Run("gamma = 2^256-1", func(t *testing.T) {
		_, err := DecodeProof(f.pub, withGamma(bytes.Repeat([]byte{0xff}, 32)))
		require.ErrorIs(t, err, zk.ErrMalformed)
	})
	t.Run("gamma on another curve", func(t *testing.T) {
		_, p := shared(t)
		p.Gamma = curve.Edwards25519().ScalarFromUint64(5)
		require.ErrorIs(t, f.verify(t, p), zk.ErrMalformed)
	})
	t.Run("negative zero z1", func(t *testing.T) {
		n := int(enc[z1At+1])<<8 | int(enc[z1At+2])
		bad := append(bytes.Clone(enc[:z1At]), 1, 0, 0)
		bad = append(bad, enc[z1At+3+n:]...)
		_, err := DecodeProof(f.pub, bad)
		require.ErrorIs(t, err, zk.ErrMalformed)
	})
}

// Case 14: a proof is bound to its session, prover and verifier.
func TestAdversary14_CrossSessionReplay(t *testing.T) {
	f, p := shared(t)
	require.NoError(t, verifyBoth(t, p, proverTranscript(), f.pub))
	for _, tc := range []struct {
		name string
		t    func() *transcript.Transcript
	}{
		{"another session", func() *transcript.Transcript { return zktest.Transcript("other session", testProver, testVerifier) }},
		{"another prover", func() *transcript.Transcript { return zktest.Transcript(testSession, 3, testVerifier) }},
		{"another verifier", func() *transcript.Transcript { return zktest.Transcript(testSession, testProver, 3) }},
		{"prover and verifier swapped", func() *transcript.Transcript { return zktest.Transcript(testSession, testVerifier, testProver) }},
		{"no context", func() *transcript.Transcript { return transcript.New("mosaic/test/dec") }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			require.ErrorIs(t, verifyBoth(t, p, tc.t(), f.pub), zk.ErrVerify)
		})
	}
}

// Ring-Pedersen parameters on the prover's own N0 are refused by every
// entry point: the prover would know the factors of N̂, and S, T would not
// bind it to y.
func TestProverModulusRefused(t *testing.T) {
	f, p := shared(t)
	pub := f.pub
	pub.Aux = zktest.Pedersen(t, 1) // fixture key 1 is the prover's
	require.Equal(t, 0, pub.Aux.N().Big().Cmp(pub.N0.N().Big()))
	b, err := p.MarshalBinary()
	require.NoError(t, err)
	zktest.RequireProverModulusRefused(t, map[string]func() error{
		"NewProof":      func() error { _, err := NewProof(proverTranscript(), pub, f.priv, nil); return err },
		"Verify":        func() error { return p.Verify(proverTranscript(), pub) },
		"VerifyWithKey": func() error { return p.VerifyWithKey(proverTranscript(), pub, f.sk0) },
		"DecodeProof":   func() error { _, err := DecodeProof(pub, b); return err },
	})
}
