package fac

import (
	"encoding/binary"
	"fmt"
	"math/big"
	"testing"

	"github.com/cronokirby/saferith"
	"github.com/stretchr/testify/require"

	"github.com/mosaic-mpc/mosaic/paillier"
	"github.com/mosaic-mpc/mosaic/zk"
	"github.com/mosaic-mpc/mosaic/zk/internal/zktest"
)

// Sixteen 15-bit primes (the first primes above 2^14+2^13) and a 1814-bit
// prime q, made once with math/big (Go's crypto/rand.Prime), so that
// N = p1·…·p16·q has exactly 2048 bits: the BitForge shape of a Paillier
// modulus whose key leaks x mod p_i in every MtA.
var (
	smoothPrimes = []int64{24593, 24611, 24623, 24631, 24659, 24671, 24677, 24683,
		24691, 24697, 24709, 24733, 24749, 24763, 24767, 24781}
	smoothQHex = "378fad83cf94d7bc7a99cfd637933ca971d337b984a51411bc78082ccc323a65a9d0aa4a7c86c98441e53f2b07ecf1ec3fdff0b57bbc0bfa0bcb7079bc62533d585c89d592e9d516619cf14442b4b4e79cd249f9be1ca0cf10bc045ffd1ead5dcd533a2206d6c2a46a37dc4f561469815d81cf19af674fd643a23692e9f244d63f9a7995796346f97c1089d68b3b6422fdd7d681c7e6ee13aa00deadb99a1b780e9cf499fdfb205f834cc7ec4d78f4cfc771d920bbe45816e6e05743f997a362513d5f0ed1e1dda9b6dbcd4cd714ad0317a1e1798bb6baf1bc5a06ecd6c70d3a26dd75"
)

// smoothModulus returns S = p1·…·p16, q and the public key N = S·q.
func smoothModulus(t *testing.T) (*big.Int, *big.Int, *paillier.PublicKey) {
	t.Helper()
	s := big.NewInt(1)
	for _, p := range smoothPrimes {
		require.True(t, big.NewInt(p).ProbablyPrime(20))
		s.Mul(s, big.NewInt(p))
	}
	q, ok := new(big.Int).SetString(smoothQHex, 16)
	require.True(t, ok)
	require.True(t, q.ProbablyPrime(20))
	n := new(big.Int).Mul(s, q)
	require.Equal(t, 2048, n.BitLen())
	// The modulus passes every cheap check (odd, exact size, no prime factor
	// below 1000): only Πfac (with Πmod) can catch it.
	pk, err := paillier.NewPublicKey(zktest.NatFromBig(n), paillier.WithLevel(paillier.Level112))
	require.NoError(t, err)
	return s, q, pk
}

// Case 2: N = p1…p16·q. The only ways to split N into two factors put q
// (1814 bits) in one of them, which is far above 2^(ℓ+ε)·√N = 2^1792, so no
// prover can answer in range. Our own prover, fed the fake factorisation
// p = p1·…·p16, produces a proof that Verify rejects; NewProof refuses the
// witness outright.
func TestAdversary02_SmoothModulus(t *testing.T) {
	f := getFixture(t)
	s, q, pk := smoothModulus(t)
	pub := Public{N0: pk, Aux: f.aux1}
	st, err := newStatement(pub)
	require.NoError(t, err)

	for _, w := range []struct {
		name string
		priv Private
	}{
		{"p=p1…p16", Private{P: zktest.NatFromBig(s), Q: zktest.NatFromBig(q)}},
		{"q=p1…p16", Private{P: zktest.NatFromBig(q), Q: zktest.NatFromBig(s)}},
	} {
		t.Run(w.name, func(t *testing.T) {
			_, err := NewProof(zktest.Transcript(testSession, testProver, testVerifier), pub, w.priv, nil)
			require.ErrorIs(t, err, ErrInvalidWitness)

			for i := range zktest.Retries() {
				proof, err := prove(zktest.Transcript(testSession, testProver, testVerifier), st, w.priv, zktest.Seeded(fmt.Sprint(100+i)))
				require.NoError(t, err)
				err = proof.Verify(zktest.Transcript(testSession, testProver, testVerifier), pub)
				require.ErrorIs(t, err, zk.ErrOutOfRange)

				// Also through the wire: the decoder already refuses it.
				b, err := proof.MarshalBinary()
				require.NoError(t, err)
				_, err = DecodeProof(pub, b)
				require.ErrorIs(t, err, zk.ErrOutOfRange)
			}
		})
	}

	// An honest proof for another modulus does not carry over either.
	require.Error(t, f.proof.Verify(zktest.Transcript(testSession, testProver, testVerifier), pub))
}

// Case 2, second half: a missing or empty Πfac is an error everywhere; there
// is no "accept without proof" path.
func TestAdversary02_MissingProof(t *testing.T) {
	f := getFixture(t)
	var nilProof *Proof
	require.ErrorIs(t, nilProof.Verify(zktest.Transcript(testSession, testProver, testVerifier), f.public()), zk.ErrMalformed)
	require.ErrorIs(t, new(Proof).Verify(zktest.Transcript(testSession, testProver, testVerifier), f.public()), zk.ErrMalformed)
	_, err := nilProof.MarshalBinary()
	require.ErrorIs(t, err, zk.ErrMalformed)
	_, err = new(Proof).MarshalBinary()
	require.ErrorIs(t, err, zk.ErrMalformed)

	for _, b := range [][]byte{nil, {}, {encodingVersion}, {encodingVersion, encodingKind}} {
		_, err := DecodeProof(f.public(), b)
		require.ErrorIs(t, err, zk.ErrMalformed)
		require.ErrorIs(t, new(Proof).UnmarshalBinary(b), zk.ErrMalformed)
	}
	require.ErrorIs(t, nilProof.UnmarshalBinary([]byte{1}), zk.ErrMalformed)

	// A proof with one field missing.
	p := zktest.Clone(t, f.proof)
	p.V = nil
	require.ErrorIs(t, p.Verify(zktest.Transcript(testSession, testProver, testVerifier), f.public()), zk.ErrMalformed)
}

// Case 9: the proof is bound to N0 and to the verifier (its ring-Pedersen
// parameters and its id). Replaying party 1's proof to party 2, or changing
// N0, is rejected.
func TestAdversary09_Binding(t *testing.T) {
	f := getFixture(t)
	cases := []struct {
		name     string
		pub      Public
		verifier uint32
	}{
		{"replayed to party 2", Public{N0: f.sk.PublicKey(), Aux: f.aux2}, 2},
		{"party 2's parameters, party 1's id", Public{N0: f.sk.PublicKey(), Aux: f.aux2}, testVerifier},
		{"party 1's parameters, party 2's id", f.public(), 2},
		{"N0 altered", Public{N0: f.other.PublicKey(), Aux: f.aux1}, testVerifier},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			err := f.proof.Verify(zktest.Transcript(testSession, testProver, tc.verifier), tc.pub)
			zktest.RequireErrorIs(t, err, zk.ErrVerify, zk.ErrOutOfRange)
		})
	}
	// The prover's own parameters are refused as a statement
	// (TestAdversary09_ProverModulus), before any equation.
	err := f.proof.Verify(zktest.Transcript(testSession, testProver, testVerifier), Public{N0: f.sk.PublicKey(), Aux: f.auxProver})
	require.ErrorIs(t, err, zk.ErrProverModulus)
	// The same proof is still fine for its own verifier.
	require.NoError(t, f.proof.Verify(zktest.Transcript(testSession, testProver, testVerifier), f.public()))
}

// Case 12: degenerate commitments (0, 1, N̂−1, N̂, a multiple of a factor of
// N̂, above N̂) are refused at decode.
func TestAdversary12_DegenerateValues(t *testing.T) {
	f := getFixture(t)
	nHat := f.aux1.N().Big()
	one := big.NewInt(1)
	values := []struct {
		name string
		x    *big.Int
		want error
	}{
		{"0", big.NewInt(0), zk.ErrOutOfRange},
		{"1", one, zk.ErrOutOfRange},
		{"N-1", new(big.Int).Sub(nHat, one), zk.ErrOutOfRange},
		{"N", nHat, zk.ErrOutOfRange},
		{"N+1", new(big.Int).Add(nHat, one), zk.ErrOutOfRange},
		{"factor of N", f.hat1.P().Big(), zk.ErrNotUnit},
		{"2·factor of N", new(big.Int).Lsh(f.hat1.Q().Big(), 1), zk.ErrNotUnit},
	}
	fields := []struct {
		name string
		set  func(p *Proof, v *saferith.Nat)
	}{
		{"P", func(p *Proof, v *saferith.Nat) { p.P = v }},
		{"Q", func(p *Proof, v *saferith.Nat) { p.Q = v }},
		{"A", func(p *Proof, v *saferith.Nat) { p.A = v }},
		{"B", func(p *Proof, v *saferith.Nat) { p.B = v }},
		{"T", func(p *Proof, v *saferith.Nat) { p.T = v }},
	}
	for _, fd := range fields {
		for _, v := range values {
			t.Run(fd.name+"="+v.name, func(t *testing.T) {
				p := zktest.Clone(t, f.proof)
				fd.set(p, zktest.NatFromBig(v.x))
				b, err := p.MarshalBinary()
				require.NoError(t, err)
				_, err = DecodeProof(f.public(), b)
				require.ErrorIs(t, err, v.want)
				require.ErrorIs(t, p.Verify(zktest.Transcript(testSession, testProver, testVerifier), f.public()), v.want)
			})
		}
	}
	// Negative integers are legal for responses but not representable for the
	// commitments: the wire format of a natural has no sign byte, so a sign
	// byte in front of P shifts every field and the decoder refuses it.
	b, err := f.proof.MarshalBinary()
	require.NoError(t, err)
	bad := append([]byte{b[0], b[1], 1}, b[2:]...)
	_, err = DecodeProof(f.public(), bad)
	require.Error(t, err)
}

// fieldSpans returns the [start, end) byte ranges of the eleven fields of an
// encoded proof (length prefix and sign included).
func fieldSpans(t *testing.T, b []byte) [][2]int {
	t.Helper()
	pos := 2
	var spans [][2]int
	for i := range 11 {
		start := pos
		if i >= 5 {
			pos++ // sign byte
		}
		n := int(binary.BigEndian.Uint16(b[pos:]))
		pos += 2 + n
		spans = append(spans, [2]int{start, pos})
	}
	require.Equal(t, len(b), pos)
	return spans
}

// Case 13: moving a byte from one field to the next (the bytes stay, only
// the length prefixes change) either breaks the encoding or yields another
// statement whose challenge differs, so the proof fails.
func TestAdversary13_EncodingInjectivity(t *testing.T) {
	f := getFixture(t)
	b, err := f.proof.MarshalBinary()
	require.NoError(t, err)
	spans := fieldSpans(t, b)
	names := []string{"P", "Q", "A", "B", "T", "sigma", "z1", "z2", "w1", "w2", "v"}
	for i := 0; i+1 < len(spans); i++ {
		t.Run(names[i]+"→"+names[i+1], func(t *testing.T) {
			// Move the last byte of field i to the front of field i+1's
			// magnitude by rewriting the two length prefixes in place.
			mut := append([]byte(nil), b...)
			lenAt := func(j int) int {
				if j >= 5 {
					return spans[j][0] + 1
				}
				return spans[j][0]
			}
			li, lj := lenAt(i), lenAt(i+1)
			ni := binary.BigEndian.Uint16(mut[li:])
			nj := binary.BigEndian.Uint16(mut[lj:])
			// The moved byte must jump over field i+1's prefix: rebuild.
			last := mut[spans[i][1]-1]
			var out []byte
			out = append(out, mut[:li]...)
			out = binary.BigEndian.AppendUint16(out, ni-1)
			out = append(out, mut[li+2:spans[i][1]-1]...)
			out = append(out, mut[spans[i+1][0]:lj]...) // sign byte, if any
			out = binary.BigEndian.AppendUint16(out, nj+1)
			out = append(out, last)
			out = append(out, mut[lj+2:]...)
			require.Len(t, out, len(b))
			require.NotEqual(t, b, out)

			q := new(Proof)
			if err := q.UnmarshalBinary(out); err != nil {
				require.ErrorIs(t, err, zk.ErrMalformed) // e.g. a leading zero byte
				return
			}
			st, err := newStatement(f.public())
			require.NoError(t, err)
			e0 := challenge(zktest.Transcript(testSession, testProver, testVerifier), st, f.proof)
			e1 := challenge(zktest.Transcript(testSession, testProver, testVerifier), st, q)
			if i < 6 { // fields up to σ are hashed: the challenge moves
				require.NotEqual(t, 1, e0.Eq(e1), "challenge unchanged")
			}
			err = q.Verify(zktest.Transcript(testSession, testProver, testVerifier), f.public())
			require.Error(t, err)
			t.Logf("rejected: %v", err)
		})
	}
}

// Case 14: the proof is bound to the session id.
func TestAdversary14_CrossSession(t *testing.T) {
	f := getFixture(t)
	for _, sid := range []string{"", "sid2", "sid\x00", "si"} {
		err := f.proof.Verify(zktest.Transcript(sid, testProver, testVerifier), f.public())
		require.ErrorIs(t, err, zk.ErrVerify, "session %q", sid)
	}
}

// Case 15: party 3 re-sends party 2's proof (same N0) as its own: the prover
// id in the transcript differs and the proof fails.
func TestAdversary15_Transplant(t *testing.T) {
	f := getFixture(t)
	fromParty2, err := NewProof(zktest.Transcript(testSession, 2, testVerifier), f.public(), f.private(), zktest.Seeded("7"))
	require.NoError(t, err)
	require.NoError(t, fromParty2.Verify(zktest.Transcript(testSession, 2, testVerifier), f.public()))
	require.ErrorIs(t, fromParty2.Verify(zktest.Transcript(testSession, 3, testVerifier), f.public()), zk.ErrVerify)
	require.ErrorIs(t, fromParty2.Verify(zktest.Transcript(testSession, 0, testVerifier), f.public()), zk.ErrVerify)
}

// Case 9, the statement itself: ring-Pedersen parameters on the prover's
// own N0 are refused by every entry point, prover and verifiers alike, so
// no caller can make or accept such a proof by mistake.
func TestAdversary09_ProverModulus(t *testing.T) {
	f := getFixture(t)
	pub := Public{N0: f.sk.PublicKey(), Aux: f.auxProver}
	require.Equal(t, 0, pub.Aux.N().Big().Cmp(pub.N0.N().Big()))
	b, err := f.proof.MarshalBinary()
	require.NoError(t, err)
	zktest.RequireProverModulusRefused(t, map[string]func() error{
		"NewProof": func() error {
			_, err := NewProof(zktest.Transcript(testSession, testProver, testVerifier), pub, f.private(), nil)
			return err
		},
		"Verify": func() error { return f.proof.Verify(zktest.Transcript(testSession, testProver, testVerifier), pub) },
		"VerifyWithKey": func() error {
			return f.proof.VerifyWithKey(zktest.Transcript(testSession, testProver, testVerifier), pub, f.sk)
		},
		"DecodeProof": func() error { _, err := DecodeProof(pub, b); return err },
	})
}

// balancedSmoothModulus builds the balanced BitForge modulus N = S·q of
// SECURITY.md case 2: S is the product of the first sixteen primes above
// 2^63 + 2^62 (64-bit primes, S about 2^1017) and q the first prime above
// ⌈2^2047 / S⌉ (about 2^1030), so that N has exactly 2048 bits and both
// S and q are within 2^7 of √N. Deterministic, public test values
// (math/big), a fraction of a second to build; the same modulus is built
// in cggmp's TestProtocolAdversary02_SmoothModulus.
func balancedSmoothModulus(t *testing.T) (primes []*big.Int, s, q *big.Int, pk *paillier.PublicKey) {
	t.Helper()
	one := big.NewInt(1)
	s = big.NewInt(1)
	for r := new(big.Int).SetUint64(1<<63 + 1<<62 + 1); len(primes) < 16; r.Add(r, big.NewInt(2)) {
		if r.ProbablyPrime(20) {
			primes = append(primes, new(big.Int).Set(r))
			s.Mul(s, r)
		}
	}
	q = new(big.Int).Lsh(one, 2047)
	q.Add(q, new(big.Int).Sub(s, one)).Div(q, s)
	for q.SetBit(q, 0, 1); !q.ProbablyPrime(20); q.Add(q, big.NewInt(2)) {
	}
	n := new(big.Int).Mul(s, q)
	require.Equal(t, 2048, n.BitLen())
	pk, err := paillier.NewPublicKey(zktest.NatFromBig(n), paillier.WithLevel(paillier.Level112))
	require.NoError(t, err)
	return primes, s, q, pk
}

// Case 2, what Πfac does NOT rule out: a modulus made of sixteen 64-bit
// primes and one 1030-bit prime, split as S·q into two factors of about
// √N each. Πfac proves a split N = p·q with |p|, |q| ≤ 2^(ℓ+ε+1)·√N (so
// both at least √N/2^(ℓ+ε+1)), not that p and q are prime, so an honest
// Πfac prover with the witness (S, q) makes a proof every verifier
// accepts. A key like this leaks the share modulo each 64-bit prime in
// every MtA (BitForge). Πmod, which shows that N has exactly two prime
// factors, is what rejects it (cggmp's TestProtocolAdversary02_SmoothModulus
// runs it at protocol level).
func TestAdversary02_FacAcceptsBalancedSmoothModulus(t *testing.T) {
	f := getFixture(t)
	primes, s, q, pk := balancedSmoothModulus(t)
	for _, r := range primes {
		require.Equal(t, 64, r.BitLen())
	}
	require.InDelta(t, 1024, s.BitLen(), 7, "S is about √N")
	require.InDelta(t, 1024, q.BitLen(), 7, "q is about √N")
	require.False(t, s.ProbablyPrime(1), "S is composite")
	pub := Public{N0: pk, Aux: f.aux1}
	priv := Private{P: zktest.NatFromBig(s), Q: zktest.NatFromBig(q)}
	proof, err := NewProof(zktest.Transcript(testSession, testProver, testVerifier), pub, priv, nil)
	require.NoError(t, err)
	b, err := proof.MarshalBinary()
	require.NoError(t, err)
	decoded, err := DecodeProof(pub, b)
	require.NoError(t, err)
	require.NoError(t, decoded.Verify(zktest.Transcript(testSession, testProver, testVerifier), pub))
	require.NoError(t, decoded.VerifyWithKey(zktest.Transcript(testSession, testProver, testVerifier), pub, f.hat1))
}
