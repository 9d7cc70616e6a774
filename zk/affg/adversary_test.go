package affg

import (
	"bytes"
	"testing"
	"time"

	"github.com/cronokirby/saferith"
	"github.com/stretchr/testify/require"

	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/mosaic-mpc/mosaic/internal/transcript"
	"github.com/mosaic-mpc/mosaic/paillier"
	"github.com/mosaic-mpc/mosaic/zk"
	"github.com/mosaic-mpc/mosaic/zk/internal/zktest"
)

func scaledBound(bits int, m *saferith.Modulus) *saferith.Int {
	return new(saferith.Int).SetNat(new(saferith.Nat).Lsh(m.Nat(), uint(bits), -1))
}

// Case 11: oversized z1, z2 (and z3, z4) are refused before any arithmetic,
// at the exact boundary and far beyond it.
func TestAdversary11_OversizedResponses(t *testing.T) {
	f, _ := shared(t)
	nHat := f.pub.Aux.N()
	z1Max := zktest.PowerOfTwo(zk.L+zk.Epsilon, false)
	z2Max := zktest.PowerOfTwo(zk.LPrime+zk.Epsilon, false)
	z34Max := scaledBound(zk.L+zk.Epsilon+1, nHat)
	huge := zktest.PowerOfTwo(1_000_000, false)
	tests := []struct {
		name string
		set  func(p *Proof)
	}{
		{"z1 = 2^(ℓ+ε)+1", func(p *Proof) { p.Z1 = zktest.Plus(z1Max, 1) }},
		{"z1 = -2^(ℓ+ε)-1", func(p *Proof) { p.Z1 = zktest.Plus(zktest.PowerOfTwo(zk.L+zk.Epsilon, true), -1) }},
		{"z1 of 10^6 bits", func(p *Proof) { p.Z1 = huge }},
		{"z2 = 2^(ℓ'+ε)+1", func(p *Proof) { p.Z2 = zktest.Plus(z2Max, 1) }},
		{"z2 = -2^(ℓ'+ε)-1", func(p *Proof) { p.Z2 = zktest.Plus(zktest.PowerOfTwo(zk.LPrime+zk.Epsilon, true), -1) }},
		{"z2 of 10^6 bits", func(p *Proof) { p.Z2 = huge }},
		{"z3 above 2^(ℓ+ε+1)·N̂", func(p *Proof) { p.Z3 = zktest.Plus(z34Max, 1) }},
		{"z4 above 2^(ℓ+ε+1)·N̂", func(p *Proof) { p.Z4 = zktest.Plus(z34Max, 1) }},
		{"z4 of 10^6 bits", func(p *Proof) { p.Z4 = huge }},
		{"w of 10^6 bits", func(p *Proof) { p.W = huge.Abs() }},
		{"A of 10^6 bits", func(p *Proof) { p.A = huge.Abs() }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, p := shared(t)
			tc.set(p)
			start := time.Now()
			require.ErrorIs(t, f.verify(t, p), zk.ErrOutOfRange)
			// Refused before any exponentiation: far below one 2048-bit
			// modular exponentiation of a 10^6-bit exponent (seconds).
			require.Less(t, time.Since(start), time.Second)
		})
	}
	// The bounds are inclusive: a response exactly at the bound passes the
	// range check and fails only the equations.
	for _, tc := range []struct {
		name string
		set  func(p *Proof)
	}{
		{"z1 = 2^(ℓ+ε)", func(p *Proof) { p.Z1 = z1Max }},
		{"z2 = -2^(ℓ'+ε)", func(p *Proof) { p.Z2 = zktest.PowerOfTwo(zk.LPrime+zk.Epsilon, true) }},
		{"z3 = 2^(ℓ+ε+1)·N̂", func(p *Proof) { p.Z3 = z34Max }},
	} {
		t.Run("boundary "+tc.name, func(t *testing.T) {
			_, p := shared(t)
			tc.set(p)
			require.ErrorIs(t, f.verify(t, p), zk.ErrVerify)
		})
	}
}

// Case 11: ciphertexts outside Z*_{N²} (zero, ≥ N², sharing a factor with N)
// are refused, in the statement and in the proof.
func TestAdversary11_BadCiphertexts(t *testing.T) {
	f, _ := shared(t)
	pk0, pk1 := f.pub.N0, f.pub.N1
	p0 := f.sk0.P() // a factor of N0
	n0Sq := pk0.NSquared().Nat()
	n1Sq := pk1.NSquared().Nat()

	// Statement ciphertexts: paillier.Ciphertext is validated against some
	// key, not necessarily the one the statement names. p0 is a valid
	// ciphertext under N1 but shares a factor with N0.
	underN1, err := paillier.NewCiphertext(pk1, p0)
	require.NoError(t, err)
	p1 := f.sk1.P()
	underN0, err := paillier.NewCiphertext(pk0, p1)
	require.NoError(t, err)
	// A value ≥ N0² that is a valid ciphertext under the larger key.
	small, large := pk0, pk1
	if pk0.N().Big().Cmp(pk1.N().Big()) > 0 {
		small, large = pk1, pk0
	}
	tooBig, err := paillier.NewCiphertext(large, new(saferith.Nat).Add(small.NSquared().Nat(), new(saferith.Nat).SetUint64(2), -1))
	require.NoError(t, err)

	stmt := []struct {
		name   string
		change func(pub *Public)
		want   error
	}{
		{"C with gcd(C, N0) > 1", func(pub *Public) { pub.C = underN1 }, zk.ErrNotUnit},
		{"D with gcd(D, N0) > 1", func(pub *Public) { pub.D = underN1 }, zk.ErrNotUnit},
		{"Y with gcd(Y, N1) > 1", func(pub *Public) { pub.Y = underN0 }, zk.ErrNotUnit},
		{"ciphertext ≥ N²", func(pub *Public) {
			if small == pk0 {
				pub.C = tooBig
			} else {
				pub.Y = tooBig
			}
		}, zk.ErrOutOfRange},
	}
	for _, tc := range stmt {
		t.Run("statement "+tc.name, func(t *testing.T) {
			_, p := shared(t)
			pub := f.pub
			tc.change(&pub)
			require.ErrorIs(t, verifyBoth(t, p, proverTranscript(), pub), tc.want)
			_, err := NewProof(proverTranscript(), pub, f.priv, nil)
			require.ErrorIs(t, err, tc.want)
		})
	}

	plusOne := func(x *saferith.Nat) *saferith.Nat {
		return new(saferith.Nat).Add(x, new(saferith.Nat).SetUint64(1), -1)
	}
	proofCases := []struct {
		name string
		set  func(p *Proof)
		want error
	}{
		{"A = 0", func(p *Proof) { p.A = new(saferith.Nat) }, zk.ErrOutOfRange},
		{"A = N0²", func(p *Proof) { p.A = n0Sq.Clone() }, zk.ErrOutOfRange},
		{"A = N0²+1", func(p *Proof) { p.A = plusOne(n0Sq) }, zk.ErrOutOfRange},
		{"A = p0 (gcd > 1)", func(p *Proof) { p.A = p0 }, zk.ErrNotUnit},
		{"By = 0", func(p *Proof) { p.By = new(saferith.Nat) }, zk.ErrOutOfRange},
		{"By = N1²", func(p *Proof) { p.By = n1Sq.Clone() }, zk.ErrOutOfRange},
		{"By = N1 (gcd > 1)", func(p *Proof) { p.By = pk1.NNat() }, zk.ErrNotUnit},
	}
	for _, tc := range proofCases {
		t.Run("proof "+tc.name, func(t *testing.T) {
			_, p := shared(t)
			tc.set(p)
			require.ErrorIs(t, f.verify(t, p), tc.want)
			b, err := p.MarshalBinary()
			require.NoError(t, err)
			_, err = DecodeProof(f.pub, b)
			require.ErrorIs(t, err, tc.want)
		})
	}
}

// Case 12: degenerate values 0, 1, N−1, N (and above) in every modular field,
// the identity, off-curve and non-canonical points, and negative or
// malformed integers are refused at decode.
func TestAdversary12_DegenerateValues(t *testing.T) {
	f, _ := shared(t)
	mods := map[string]*saferith.Modulus{
		"A": f.pub.N0.NSquared(), "By": f.pub.N1.NSquared(),
		"E": f.pub.Aux.N(), "S": f.pub.Aux.N(), "F": f.pub.Aux.N(), "T": f.pub.Aux.N(),
		"w": f.pub.N0.N(), "w_y": f.pub.N1.N(),
	}
	field := func(p *Proof, name string) **saferith.Nat {
		switch name {
		case "A":
			return &p.A
		case "By":
			return &p.By
		case "E":
			return &p.E
		case "S":
			return &p.S
		case "F":
			return &p.F
		case "T":
			return &p.T
		case "w":
			return &p.W
		default:
			return &p.WY
		}
	}
	one := new(saferith.Nat).SetUint64(1)
	for name, m := range mods {
		values := map[string]*saferith.Nat{
			"0":   new(saferith.Nat),
			"1":   one.Clone(),
			"N-1": new(saferith.Nat).Sub(m.Nat(), one, m.BitLen()),
			"N":   m.Nat(),
			"N+1": new(saferith.Nat).Add(m.Nat(), one, -1),
		}
		for vname, v := range values {
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

	// Points: B_x follows version, curve id and A in the encoding.
	_, p := shared(t)
	enc, err := p.MarshalBinary()
	require.NoError(t, err)
	aLen := int(enc[3])<<8 | int(enc[4])
	bxAt := 5 + aLen
	withBx := func(bx []byte) []byte {
		out := bytes.Clone(enc)
		copy(out[bxAt:bxAt+33], bx)
		return out
	}
	offCurve := make([]byte, 33)
	offCurve[0] = 0x02
	offCurve[32] = 5 // x = 5: x³+7 = 132 is not a square mod p
	xTooBig := bytes.Repeat([]byte{0xff}, 33)
	xTooBig[0] = 0x02
	badPrefix := bytes.Clone(enc[bxAt : bxAt+33])
	badPrefix[0] = 0x04
	for name, bx := range map[string][]byte{
		"identity":       make([]byte, 33),
		"off-curve":      offCurve,
		"x ≥ p":          xTooBig,
		"prefix 0x04":    badPrefix,
		"prefix 0x00 ≠0": append([]byte{0}, enc[bxAt+1:bxAt+33]...),
	} {
		t.Run("Bx "+name, func(t *testing.T) {
			_, err := DecodeProof(f.pub, withBx(bx))
			require.ErrorIs(t, err, zk.ErrMalformed)
		})
	}

	t.Run("Bx identity set directly", func(t *testing.T) {
		_, p := shared(t)
		p.Bx = curve.Secp256k1().Identity()
		require.ErrorIs(t, f.verify(t, p), zk.ErrMalformed)
	})
	t.Run("Bx on another curve", func(t *testing.T) {
		_, p := shared(t)
		p.Bx = curve.Edwards25519().Generator()
		require.ErrorIs(t, f.verify(t, p), zk.ErrMalformed)
		b, err := p.MarshalBinary()
		require.NoError(t, err)
		_, err = DecodeProof(f.pub, b)
		require.ErrorIs(t, err, zk.ErrMalformed)
	})
	t.Run("statement X identity", func(t *testing.T) {
		_, p := shared(t)
		pub := f.pub
		pub.X = curve.Secp256k1().Identity()
		require.ErrorIs(t, verifyBoth(t, p, proverTranscript(), pub), zk.ErrMalformed)
	})
	t.Run("negative zero integer", func(t *testing.T) {
		_, p := shared(t)
		b, err := p.MarshalBinary()
		require.NoError(t, err)
		// Rewrite z1 (the first signed field) as sign 1 with an empty
		// magnitude: "−0" has no valid encoding.
		off := z1Offset(t, b)
		bad := append(bytes.Clone(b[:off]), 1, 0, 0)
		bad = append(bad, b[off+3+int(b[off+1])<<8|int(b[off+2]):]...)
		_, err = DecodeProof(f.pub, bad)
		require.ErrorIs(t, err, zk.ErrMalformed)
	})
}

// z1Offset returns the offset of z1's sign byte in an encoding.
func z1Offset(t *testing.T, b []byte) int {
	t.Helper()
	off := 3
	skipNat := func() { off += 2 + (int(b[off])<<8 | int(b[off+1])) }
	skipNat()     // A
	off += 33     // Bx
	for range 5 { // By, E, S, F, T
		skipNat()
	}
	require.Less(t, off, len(b))
	return off
}

// Case 14: a proof is bound to its session, prover and verifier.
func TestAdversary14_CrossSessionReplay(t *testing.T) {
	f, p := shared(t)
	require.NoError(t, verifyBoth(t, p, proverTranscript(), f.pub))
	unbound := func() *transcript.Transcript { return transcript.New("mosaic/test/affg") }
	tests := []struct {
		name string
		t    func() *transcript.Transcript
	}{
		{"another session", func() *transcript.Transcript { return zktest.Transcript("other session", testProver, testVerifier) }},
		{"another prover", func() *transcript.Transcript { return zktest.Transcript(testSession, 3, testVerifier) }},
		{"another verifier", func() *transcript.Transcript { return zktest.Transcript(testSession, testProver, 3) }},
		{"prover and verifier swapped", func() *transcript.Transcript { return zktest.Transcript(testSession, testVerifier, testProver) }},
		{"no context", unbound},
		{"another protocol domain", func() *transcript.Transcript {
			t := transcript.New("mosaic/test/other")
			zk.BindContext(t, []byte(testSession), testProver, testVerifier)
			return t
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			require.ErrorIs(t, verifyBoth(t, p, tc.t(), f.pub), zk.ErrVerify)
		})
	}
}

// Ring-Pedersen parameters on the prover's own N1 are refused by every
// entry point: the prover would know the factors of N̂, and E, S, F, T
// would not bind it to x and y. N̂ = N0, the verifier's own Paillier
// modulus, is CGGMP21's normal case and is accepted.
func TestProverModulusRefused(t *testing.T) {
	f, p := shared(t)
	pub := f.pub
	pub.Aux = zktest.Pedersen(t, 1) // fixture key 1 is the prover's N1
	require.Equal(t, 0, pub.Aux.N().Big().Cmp(pub.N1.N().Big()))
	b, err := p.MarshalBinary()
	require.NoError(t, err)
	zktest.RequireProverModulusRefused(t, map[string]func() error{
		"NewProof":      func() error { _, err := NewProof(proverTranscript(), pub, f.priv, nil); return err },
		"Verify":        func() error { return p.Verify(proverTranscript(), pub) },
		"VerifyWithKey": func() error { return p.VerifyWithKey(proverTranscript(), pub, f.sk1) },
		"DecodeProof":   func() error { _, err := DecodeProof(pub, b); return err },
	})

	t.Run("N̂ = N0 accepted", func(t *testing.T) {
		pub := f.pub
		pub.Aux = zktest.Pedersen(t, 0) // the verifier's key is N0
		require.Equal(t, 0, pub.Aux.N().Big().Cmp(pub.N0.N().Big()))
		p, err := NewProof(proverTranscript(), pub, f.priv, nil)
		require.NoError(t, err)
		require.NoError(t, verifyBoth(t, p, proverTranscript(), pub))
	})
}
