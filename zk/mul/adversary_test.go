package mul

import (
	"bytes"
	"testing"
	"time"

	"github.com/cronokirby/saferith"
	"github.com/stretchr/testify/require"

	"github.com/mosaic-mpc/mosaic/internal/testfixtures"
	"github.com/mosaic-mpc/mosaic/internal/transcript"
	"github.com/mosaic-mpc/mosaic/paillier"
	"github.com/mosaic-mpc/mosaic/zk"
	"github.com/mosaic-mpc/mosaic/zk/internal/zktest"
)

// Case 11: an oversized z (or a huge modular value) is refused before any
// arithmetic; the bound is inclusive.
func TestAdversary11_OversizedResponses(t *testing.T) {
	f, _ := shared(t)
	zMax := zktest.PowerOfTwo(zk.L+zk.Epsilon, false)
	huge := zktest.PowerOfTwo(1_000_000, false)
	for _, tc := range []struct {
		name string
		set  func(p *Proof)
	}{
		{"z = 2^(ℓ+ε)+1", func(p *Proof) { p.Z = zktest.Plus(zMax, 1) }},
		{"z = -2^(ℓ+ε)-1", func(p *Proof) { p.Z = zktest.Plus(zktest.PowerOfTwo(zk.L+zk.Epsilon, true), -1) }},
		{"z of 10^6 bits", func(p *Proof) { p.Z = huge }},
		{"u of 10^6 bits", func(p *Proof) { p.U = huge.Abs() }},
		{"B of 10^6 bits", func(p *Proof) { p.B = huge.Abs() }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, p := shared(t)
			tc.set(p)
			start := time.Now()
			require.ErrorIs(t, f.verify(p), zk.ErrOutOfRange)
			require.Less(t, time.Since(start), time.Second)
		})
	}
	t.Run("boundary z = -2^(ℓ+ε)", func(t *testing.T) {
		_, p := shared(t)
		p.Z = zktest.PowerOfTwo(zk.L+zk.Epsilon, true)
		require.ErrorIs(t, f.verify(p), zk.ErrVerify)
	})
}

// Case 11: ciphertexts outside Z*_{N²} are refused, in the statement and in
// the proof.
func TestAdversary11_BadCiphertexts(t *testing.T) {
	f, _ := shared(t)
	pk := f.pub.N
	p := f.sk.P()
	nSq := pk.NSquared().Nat()
	other := testfixtures.PaillierKey(t, 0).PublicKey()
	gcdCt, err := paillier.NewCiphertext(other, p) // valid elsewhere, gcd(p, N) = p here
	require.NoError(t, err)
	for name, change := range map[string]func(*Public){
		"X": func(pub *Public) { pub.X = gcdCt },
		"Y": func(pub *Public) { pub.Y = gcdCt },
		"C": func(pub *Public) { pub.C = gcdCt },
	} {
		t.Run("statement "+name+" with gcd > 1", func(t *testing.T) {
			_, proof := shared(t)
			pub := f.pub
			change(&pub)
			require.ErrorIs(t, proof.Verify(proverTranscript(), pub), zk.ErrNotUnit)
			_, err := NewProof(proverTranscript(), pub, f.priv, nil)
			require.ErrorIs(t, err, zk.ErrNotUnit)
		})
	}
	for _, tc := range []struct {
		name string
		set  func(p *Proof)
		want error
	}{
		{"A = 0", func(q *Proof) { q.A = new(saferith.Nat) }, zk.ErrOutOfRange},
		{"A = N²", func(q *Proof) { q.A = nSq.Clone() }, zk.ErrOutOfRange},
		{"B = N²+1", func(q *Proof) { q.B = new(saferith.Nat).Add(nSq, new(saferith.Nat).SetUint64(1), -1) }, zk.ErrOutOfRange},
		{"A = p (gcd > 1)", func(q *Proof) { q.A = p }, zk.ErrNotUnit},
		{"B = N (gcd > 1)", func(q *Proof) { q.B = pk.NNat() }, zk.ErrNotUnit},
	} {
		t.Run("proof "+tc.name, func(t *testing.T) {
			_, q := shared(t)
			tc.set(q)
			require.ErrorIs(t, f.verify(q), tc.want)
			b, err := q.MarshalBinary()
			require.NoError(t, err)
			_, err = DecodeProof(f.pub, b)
			require.ErrorIs(t, err, tc.want)
		})
	}
}

// Case 12: degenerate values 0, 1, N−1, N (and above) in A, B, u, v, and a
// negative zero, are refused at decode.
func TestAdversary12_DegenerateValues(t *testing.T) {
	f, _ := shared(t)
	n, nSq := f.pub.N.N(), f.pub.N.NSquared()
	one := new(saferith.Nat).SetUint64(1)
	for _, fld := range []struct {
		name string
		mod  *saferith.Modulus
		set  func(p *Proof, v *saferith.Nat)
	}{
		{"A", nSq, func(p *Proof, v *saferith.Nat) { p.A = v }},
		{"B", nSq, func(p *Proof, v *saferith.Nat) { p.B = v }},
		{"u", n, func(p *Proof, v *saferith.Nat) { p.U = v }},
		{"v", n, func(p *Proof, v *saferith.Nat) { p.V = v }},
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
				require.ErrorIs(t, f.verify(p), zk.ErrOutOfRange)
			})
		}
	}
	t.Run("negative zero z", func(t *testing.T) {
		_, p := shared(t)
		enc, err := p.MarshalBinary()
		require.NoError(t, err)
		at := zOffset(t, enc)
		n := int(enc[at+1])<<8 | int(enc[at+2])
		bad := append(bytes.Clone(enc[:at]), 1, 0, 0)
		bad = append(bad, enc[at+3+n:]...)
		_, err = DecodeProof(f.pub, bad)
		require.ErrorIs(t, err, zk.ErrMalformed)
	})
}

// Case 14: a proof is bound to its session, prover and verifier.
func TestAdversary14_CrossSessionReplay(t *testing.T) {
	f, p := shared(t)
	require.NoError(t, p.Verify(proverTranscript(), f.pub))
	for _, tc := range []struct {
		name string
		t    func() *transcript.Transcript
	}{
		{"another session", func() *transcript.Transcript { return zktest.Transcript("other session", testProver, testVerifier) }},
		{"another prover", func() *transcript.Transcript { return zktest.Transcript(testSession, 3, testVerifier) }},
		{"another verifier", func() *transcript.Transcript { return zktest.Transcript(testSession, testProver, 1) }},
		{"no context", func() *transcript.Transcript { return transcript.New("mosaic/test/mul") }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			require.ErrorIs(t, p.Verify(tc.t(), f.pub), zk.ErrVerify)
		})
	}
}
