package logstar

import (
	"bytes"
	"testing"
	"time"

	"github.com/cronokirby/saferith"
	"github.com/stretchr/testify/require"

	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/mosaic-mpc/mosaic/internal/testfixtures"
	"github.com/mosaic-mpc/mosaic/internal/transcript"
	"github.com/mosaic-mpc/mosaic/paillier"
	"github.com/mosaic-mpc/mosaic/zk"
	"github.com/mosaic-mpc/mosaic/zk/internal/zktest"
)

// Case 11: an oversized z1 (or z3, or a huge modular value) is refused
// before any arithmetic, at the exact boundary and far beyond it.
func TestAdversary11_OversizedResponses(t *testing.T) {
	f, _ := shared(t)
	z1Max := zktest.PowerOfTwo(zk.L+zk.Epsilon, false)
	z3Max := new(saferith.Int).SetNat(new(saferith.Nat).Lsh(f.pub.Aux.N().Nat(), zk.L+zk.Epsilon+1, -1))
	huge := zktest.PowerOfTwo(1_000_000, false)
	tests := []struct {
		name string
		set  func(p *Proof)
	}{
		{"z1 = 2^(ℓ+ε)+1", func(p *Proof) { p.Z1 = zktest.Plus(z1Max, 1) }},
		{"z1 = -2^(ℓ+ε)-1", func(p *Proof) { p.Z1 = zktest.Plus(zktest.PowerOfTwo(zk.L+zk.Epsilon, true), -1) }},
		{"z1 of 10^6 bits", func(p *Proof) { p.Z1 = huge }},
		{"z3 above 2^(ℓ+ε+1)·N̂", func(p *Proof) { p.Z3 = zktest.Plus(z3Max, 1) }},
		{"z3 of 10^6 bits", func(p *Proof) { p.Z3 = huge }},
		{"z2 of 10^6 bits", func(p *Proof) { p.Z2 = huge.Abs() }},
		{"A of 10^6 bits", func(p *Proof) { p.A = huge.Abs() }},
	}
	for _, tc := range tests {
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
		{"z1 = 2^(ℓ+ε)", func(p *Proof) { p.Z1 = z1Max }},
		{"z1 = -2^(ℓ+ε)", func(p *Proof) { p.Z1 = zktest.PowerOfTwo(zk.L+zk.Epsilon, true) }},
		{"z3 = 2^(ℓ+ε+1)·N̂", func(p *Proof) { p.Z3 = z3Max }},
	} {
		t.Run("boundary "+tc.name, func(t *testing.T) {
			_, p := shared(t)
			tc.set(p)
			require.ErrorIs(t, f.verify(t, p), zk.ErrVerify)
		})
	}
}

// Case 11: ciphertexts outside Z*_{N0²} are refused, in the statement and in
// the proof.
func TestAdversary11_BadCiphertexts(t *testing.T) {
	f, _ := shared(t)
	pk0 := f.pub.N0
	p0 := f.sk0.P()
	n0Sq := pk0.NSquared().Nat()
	otherKey := testfixtures.PaillierKey(t, 0).PublicKey()
	// p0 is a valid ciphertext under another key but shares a factor with N0.
	gcdCt, err := paillier.NewCiphertext(otherKey, p0)
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
		// Find a fixture key larger than N0: N0² + 2 is a valid ciphertext
		// under it.
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
		{"A = N0²+1", new(saferith.Nat).Add(n0Sq, new(saferith.Nat).SetUint64(1), -1), zk.ErrOutOfRange},
		{"A = p0 (gcd > 1)", p0, zk.ErrNotUnit},
		{"A = N0 (gcd > 1)", pk0.NNat(), zk.ErrNotUnit},
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

// Case 12: degenerate values 0, 1, N−1, N (and above) in every modular
// field, identity, off-curve and non-canonical points, and bad signs are
// refused at decode.
func TestAdversary12_DegenerateValues(t *testing.T) {
	f, _ := shared(t)
	mods := map[string]*saferith.Modulus{
		"S": f.pub.Aux.N(), "A": f.pub.N0.NSquared(), "D": f.pub.Aux.N(), "z2": f.pub.N0.N(),
	}
	field := func(p *Proof, name string) **saferith.Nat {
		switch name {
		case "S":
			return &p.S
		case "A":
			return &p.A
		case "D":
			return &p.D
		default:
			return &p.Z2
		}
	}
	one := new(saferith.Nat).SetUint64(1)
	for name, m := range mods {
		for vname, v := range map[string]*saferith.Nat{
			"0":   new(saferith.Nat),
			"1":   one.Clone(),
			"N-1": new(saferith.Nat).Sub(m.Nat(), one, m.BitLen()),
			"N":   m.Nat(),
			"N+1": new(saferith.Nat).Add(m.Nat(), one, -1),
		} {
			t.Run(name+"="+vname, func(t *testing.T) {
				_, p := shared(t)
				*field(p, name) = v
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
	yAt, z1At := offsets(t, enc)
	withY := func(y []byte) []byte {
		out := bytes.Clone(enc)
		copy(out[yAt:yAt+33], y)
		return out
	}
	offCurve := make([]byte, 33)
	offCurve[0], offCurve[32] = 0x02, 5 // x = 5 is not an x-coordinate
	xTooBig := bytes.Repeat([]byte{0xff}, 33)
	xTooBig[0] = 0x03
	badPrefix := bytes.Clone(enc[yAt : yAt+33])
	badPrefix[0] = 0x05
	for name, y := range map[string][]byte{
		"identity":    make([]byte, 33),
		"off-curve":   offCurve,
		"x ≥ p":       xTooBig,
		"prefix 0x05": badPrefix,
	} {
		t.Run("Y "+name, func(t *testing.T) {
			_, err := DecodeProof(f.pub, withY(y))
			require.ErrorIs(t, err, zk.ErrMalformed)
		})
	}
	t.Run("negative zero z1", func(t *testing.T) {
		n := int(enc[z1At+1])<<8 | int(enc[z1At+2])
		bad := append(bytes.Clone(enc[:z1At]), 1, 0, 0)
		bad = append(bad, enc[z1At+3+n:]...)
		_, err := DecodeProof(f.pub, bad)
		require.ErrorIs(t, err, zk.ErrMalformed)
	})
	t.Run("Y identity set directly", func(t *testing.T) {
		_, p := shared(t)
		p.Y = curve.Secp256k1().Identity()
		require.ErrorIs(t, f.verify(t, p), zk.ErrMalformed)
	})
	t.Run("Y on another curve", func(t *testing.T) {
		_, p := shared(t)
		p.Y = curve.Edwards25519().Generator()
		require.ErrorIs(t, f.verify(t, p), zk.ErrMalformed)
	})
	for name, change := range map[string]func(*Public){
		"statement X identity": func(pub *Public) { pub.X = curve.Secp256k1().Identity() },
		"statement g identity": func(pub *Public) { pub.G = curve.Secp256k1().Identity() },
		"statement g on another curve": func(pub *Public) {
			pub.G = curve.Edwards25519().Generator()
		},
	} {
		t.Run(name, func(t *testing.T) {
			_, p := shared(t)
			pub := f.pub
			change(&pub)
			require.ErrorIs(t, verifyBoth(t, p, proverTranscript(), pub), zk.ErrMalformed)
		})
	}
}

// Case 14: a proof is bound to its session, prover and verifier.
func TestAdversary14_CrossSessionReplay(t *testing.T) {
	f, p := shared(t)
	require.NoError(t, verifyBoth(t, p, proverTranscript(), f.pub))
	tests := []struct {
		name string
		t    func() *transcript.Transcript
	}{
		{"another session", func() *transcript.Transcript { return zktest.Transcript("other session", testProver, testVerifier) }},
		{"another prover", func() *transcript.Transcript { return zktest.Transcript(testSession, 3, testVerifier) }},
		{"another verifier", func() *transcript.Transcript { return zktest.Transcript(testSession, testProver, 3) }},
		{"prover and verifier swapped", func() *transcript.Transcript { return zktest.Transcript(testSession, testVerifier, testProver) }},
		{"no context", func() *transcript.Transcript { return transcript.New("mosaic/test/logstar") }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			require.ErrorIs(t, verifyBoth(t, p, tc.t(), f.pub), zk.ErrVerify)
		})
	}
}

// Ring-Pedersen parameters on the prover's own N0 are refused by every
// entry point, for the narrow and the wide statement: the prover would know
// the factors of N̂, and S, D would not bind it to x.
func TestProverModulusRefused(t *testing.T) {
	f, p := shared(t)
	b, err := p.MarshalBinary()
	require.NoError(t, err)
	for _, wide := range []bool{false, true} {
		pub := f.pub
		pub.Wide = wide
		pub.Aux = zktest.Pedersen(t, 1) // fixture key 1 is the prover's
		require.Equal(t, 0, pub.Aux.N().Big().Cmp(pub.N0.N().Big()))
		t.Run(map[bool]string{false: "narrow", true: "wide"}[wide], func(t *testing.T) {
			zktest.RequireProverModulusRefused(t, map[string]func() error{
				"NewProof":      func() error { _, err := NewProof(proverTranscript(), pub, f.priv, nil); return err },
				"Verify":        func() error { return p.Verify(proverTranscript(), pub) },
				"VerifyWithKey": func() error { return p.VerifyWithKey(proverTranscript(), pub, f.sk0) },
				"DecodeProof":   func() error { _, err := DecodeProof(pub, b); return err },
			})
		})
	}
}
