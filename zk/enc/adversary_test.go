package enc

import (
	"encoding/binary"
	"fmt"
	"math/big"
	"testing"

	"github.com/cronokirby/saferith"
	"github.com/stretchr/testify/require"

	"github.com/mosaic-mpc/mosaic/internal/transcript"
	"github.com/mosaic-mpc/mosaic/paillier"
	"github.com/mosaic-mpc/mosaic/zk"
	"github.com/mosaic-mpc/mosaic/zk/internal/zktest"
)

// Case 10: K encrypts a value beyond 2^(ℓ+ε). The honest prover's code,
// run on that plaintext, yields z1 = α + e·k far outside ±2^(ℓ+ε), and the
// verifier refuses it with ErrOutOfRange before touching the equations (the
// protocol then sends no MtA share to that party). NewProof itself refuses
// the witness.
func TestAdversary10_EncOutOfRange(t *testing.T) {
	f := getFixture(t)
	st0, err := newStatement(f.public())
	require.NoError(t, err)
	one := big.NewInt(1)
	limit := new(big.Int).Lsh(one, zk.L+zk.Epsilon)
	halfN := new(big.Int).Rsh(st0.n0.Big(), 1)
	for _, v := range []struct {
		name string
		k    *big.Int
	}{
		{"2^(ℓ+ε)+1", new(big.Int).Add(limit, one)},
		{"-(2^(ℓ+ε)+1)", new(big.Int).Neg(new(big.Int).Add(limit, one))},
		{"2^(ℓ+ε+100)", new(big.Int).Lsh(limit, 100)},
		{"(N0-1)/2", halfN},
		{"-(N0-1)/2", new(big.Int).Neg(halfN)},
	} {
		t.Run(v.name, func(t *testing.T) {
			k := zktest.IntFromBig(v.k)
			ct, rho, err := f.sk.Enc(zktest.Seeded("11"), k)
			require.NoError(t, err)
			pub := Public{N0: f.sk.PublicKey(), K: ct.Nat(), Aux: f.aux1}
			priv := Private{Plaintext: k, Nonce: rho, SecretKey: f.sk}

			_, err = NewProof(zktest.Transcript(testSession, testProver, testVerifier), pub, priv, nil)
			require.ErrorIs(t, err, ErrInvalidWitness)

			st, err := newStatement(pub)
			require.NoError(t, err)
			for i := range zktest.Retries() {
				proof, err := prove(zktest.Transcript(testSession, testProver, testVerifier), st, priv, zktest.Seeded(fmt.Sprint(20+i)))
				require.NoError(t, err)
				err = verifyBoth(t, proof, zktest.Transcript(testSession, testProver, testVerifier), pub)
				require.ErrorIs(t, err, zk.ErrOutOfRange)
				require.ErrorContains(t, err, "z1")

				// The wire decoder refuses it as well.
				if b, err := proof.MarshalBinary(); err == nil {
					_, err = DecodeProof(pub, b)
					require.ErrorIs(t, err, zk.ErrOutOfRange)
				} else {
					require.ErrorIs(t, err, zk.ErrOutOfRange) // z1 beyond the encoding cap
				}
			}
		})
	}

	// z1 out of bounds on an otherwise honest proof.
	p := zktest.Clone(t, f.proof)
	p.Z1 = zktest.IntFromBig(new(big.Int).Add(limit, one))
	require.ErrorIs(t, verifyBoth(t, p, zktest.Transcript(testSession, testProver, testVerifier), f.public()), zk.ErrOutOfRange)
}

// Case 11 style: a degenerate ciphertext K (0, N0², above N0², sharing a
// factor with N0) is refused before any arithmetic, by the prover and the
// verifier alike.
func TestAdversary11_DegenerateCiphertext(t *testing.T) {
	f := getFixture(t)
	n0 := f.sk.PublicKey().N().Big()
	n0Sq := f.sk.PublicKey().NSquared().Big()
	p := f.sk.P().Big()
	for _, v := range []struct {
		name string
		k    *big.Int
		want error
	}{
		{"0", big.NewInt(0), zk.ErrOutOfRange},
		{"N0²", n0Sq, zk.ErrOutOfRange},
		{"N0²+1", new(big.Int).Add(n0Sq, big.NewInt(1)), zk.ErrOutOfRange},
		{"2^20000", new(big.Int).Lsh(big.NewInt(1), 20000), zk.ErrOutOfRange},
		{"N0", n0, zk.ErrNotUnit},
		{"p", p, zk.ErrNotUnit},
		{"K·p mod N0²", new(big.Int).Mod(new(big.Int).Mul(f.ct.Nat().Big(), p), n0Sq), zk.ErrNotUnit},
	} {
		t.Run(v.name, func(t *testing.T) {
			pub := f.public()
			pub.K = zktest.NatFromBig(v.k)
			require.ErrorIs(t, verifyBoth(t, f.proof, zktest.Transcript(testSession, testProver, testVerifier), pub), v.want)
			b, err := f.proof.MarshalBinary()
			require.NoError(t, err)
			_, err = DecodeProof(pub, b)
			require.ErrorIs(t, err, v.want)
			_, err = NewProof(zktest.Transcript(testSession, testProver, testVerifier), pub, f.private(), nil)
			require.ErrorIs(t, err, v.want)
		})
	}
}

// Case 12: degenerate values (0, 1, N−1, N, above N, a multiple of a factor)
// in S, C (mod N̂), A (mod N0²) and z2 (mod N0) are refused at decode.
func TestAdversary12_DegenerateValues(t *testing.T) {
	f := getFixture(t)
	type modulus struct {
		n      *big.Int
		factor *big.Int
	}
	hat := modulus{f.aux1.N().Big(), f.hat1.P().Big()}
	sq := modulus{f.sk.PublicKey().NSquared().Big(), f.sk.Q().Big()}
	n0 := modulus{f.sk.PublicKey().N().Big(), f.sk.P().Big()}
	fields := []struct {
		name string
		mod  modulus
		set  func(p *Proof, v *saferith.Nat)
	}{
		{"S", hat, func(p *Proof, v *saferith.Nat) { p.S = v }},
		{"A", sq, func(p *Proof, v *saferith.Nat) { p.A = v }},
		{"C", hat, func(p *Proof, v *saferith.Nat) { p.C = v }},
		{"z2", n0, func(p *Proof, v *saferith.Nat) { p.Z2 = v }},
	}
	one := big.NewInt(1)
	for _, fd := range fields {
		for _, v := range []struct {
			name string
			x    *big.Int
			want error
		}{
			{"0", big.NewInt(0), zk.ErrOutOfRange},
			{"1", one, zk.ErrOutOfRange},
			{"N-1", new(big.Int).Sub(fd.mod.n, one), zk.ErrOutOfRange},
			{"N", fd.mod.n, zk.ErrOutOfRange},
			{"N+1", new(big.Int).Add(fd.mod.n, one), zk.ErrOutOfRange},
			{"factor", fd.mod.factor, zk.ErrNotUnit},
		} {
			t.Run(fd.name+"="+v.name, func(t *testing.T) {
				p := zktest.Clone(t, f.proof)
				fd.set(p, zktest.NatFromBig(v.x))
				b, err := p.MarshalBinary()
				require.NoError(t, err)
				_, err = DecodeProof(f.public(), b)
				require.ErrorIs(t, err, v.want)
				require.ErrorIs(t, verifyBoth(t, p, zktest.Transcript(testSession, testProver, testVerifier), f.public()), v.want)
			})
		}
	}
	// z1 and z3 may be negative; S, A, C, z2 have no sign in the wire
	// format, so a "negative" one cannot even be expressed: a sign byte in
	// front of S shifts every field and the decoder refuses the result.
	b, err := f.proof.MarshalBinary()
	require.NoError(t, err)
	_, err = DecodeProof(f.public(), append([]byte{b[0], b[1], 1}, b[2:]...))
	require.Error(t, err)
}

// fieldSpans returns the [start, end) byte ranges of the six fields and
// where each one's length prefix is.
func fieldSpans(t *testing.T, b []byte) (spans [][2]int, lenAt []int) {
	t.Helper()
	signed := []bool{false, false, false, true, false, true}
	pos := 2
	for _, s := range signed {
		start := pos
		if s {
			pos++
		}
		lenAt = append(lenAt, pos)
		n := int(binary.BigEndian.Uint16(b[pos:]))
		pos += 2 + n
		spans = append(spans, [2]int{start, pos})
	}
	require.Equal(t, len(b), pos)
	return spans, lenAt
}

// Case 13: moving a byte from one field to the next (same bytes, rewritten
// length prefixes) breaks the encoding or gives other values whose challenge
// differs, and the proof fails.
func TestAdversary13_EncodingInjectivity(t *testing.T) {
	f := getFixture(t)
	b, err := f.proof.MarshalBinary()
	require.NoError(t, err)
	spans, lenAt := fieldSpans(t, b)
	names := []string{"S", "A", "C", "z1", "z2", "z3"}
	st, err := newStatement(f.public())
	require.NoError(t, err)
	for i := 0; i+1 < len(spans); i++ {
		t.Run(names[i]+"→"+names[i+1], func(t *testing.T) {
			li, lj := lenAt[i], lenAt[i+1]
			ni := binary.BigEndian.Uint16(b[li:])
			nj := binary.BigEndian.Uint16(b[lj:])
			last := b[spans[i][1]-1]
			var out []byte
			out = append(out, b[:li]...)
			out = binary.BigEndian.AppendUint16(out, ni-1)
			out = append(out, b[li+2:spans[i][1]-1]...)
			out = append(out, b[spans[i+1][0]:lj]...)
			out = binary.BigEndian.AppendUint16(out, nj+1)
			out = append(out, last)
			out = append(out, b[lj+2:]...)
			require.Len(t, out, len(b))

			q := new(Proof)
			if err := q.UnmarshalBinary(out); err != nil {
				require.ErrorIs(t, err, zk.ErrMalformed)
				return
			}
			if i < 2 { // S, A, C are hashed: the challenge moves
				e0 := challenge(zktest.Transcript(testSession, testProver, testVerifier), st, f.proof)
				e1 := challenge(zktest.Transcript(testSession, testProver, testVerifier), st, q)
				require.NotEqual(t, 1, e0.Eq(e1), "challenge unchanged")
			}
			require.Error(t, verifyBoth(t, q, zktest.Transcript(testSession, testProver, testVerifier), f.public()))
		})
	}
}

// Case 9/10 companion: a proof made for verifier 1 is refused by verifier 2
// (other ring-Pedersen parameters and id), and a proof is bound to N0.
func TestReplayToOtherVerifier(t *testing.T) {
	f := getFixture(t)
	cases := []struct {
		name     string
		pub      Public
		verifier uint32
	}{
		{"party 2", Public{N0: f.sk.PublicKey(), K: f.ct.Nat(), Aux: f.aux2}, 2},
		{"party 2's parameters, party 1's id", Public{N0: f.sk.PublicKey(), K: f.ct.Nat(), Aux: f.aux2}, testVerifier},
		{"party 1's parameters, party 2's id", f.public(), 2},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			err := verifyBoth(t, f.proof, zktest.Transcript(testSession, testProver, tc.verifier), tc.pub)
			require.ErrorIs(t, err, zk.ErrVerify)
		})
	}
	// Another N0 (K re-validated against it).
	other := Public{N0: f.other.PublicKey(), K: f.ct.Nat(), Aux: f.aux1}
	require.Error(t, verifyBoth(t, f.proof, zktest.Transcript(testSession, testProver, testVerifier), other))
	var pk *paillier.PublicKey
	require.ErrorIs(t, verifyBoth(t, f.proof, zktest.Transcript(testSession, testProver, testVerifier), Public{N0: pk, K: f.ct.Nat(), Aux: f.aux1}), zk.ErrMalformed)
}

// Case 14: the proof is bound to the session id.
func TestAdversary14_CrossSession(t *testing.T) {
	f := getFixture(t)
	for _, sid := range []string{"", "sid2", "sid\x00", "si"} {
		err := verifyBoth(t, f.proof, zktest.Transcript(sid, testProver, testVerifier), f.public())
		require.ErrorIs(t, err, zk.ErrVerify, "session %q", sid)
	}
}

// Case 15: party 3 re-sends party 2's proof for the same K as its own.
func TestAdversary15_Transplant(t *testing.T) {
	f := getFixture(t)
	fromParty2, err := NewProof(zktest.Transcript(testSession, 2, testVerifier), f.public(), f.private(), zktest.Seeded("7"))
	require.NoError(t, err)
	require.NoError(t, verifyBoth(t, fromParty2, zktest.Transcript(testSession, 2, testVerifier), f.public()))
	require.ErrorIs(t, verifyBoth(t, fromParty2, zktest.Transcript(testSession, 3, testVerifier), f.public()), zk.ErrVerify)
	require.ErrorIs(t, verifyBoth(t, fromParty2, zktest.Transcript(testSession, 0, testVerifier), f.public()), zk.ErrVerify)
}

// A missing or empty proof is an error everywhere.
func TestMissingProof(t *testing.T) {
	f := getFixture(t)
	var nilProof *Proof
	require.ErrorIs(t, verifyBoth(t, nilProof, zktest.Transcript(testSession, testProver, testVerifier), f.public()), zk.ErrMalformed)
	require.ErrorIs(t, new(Proof).Verify(zktest.Transcript(testSession, testProver, testVerifier), f.public()), zk.ErrMalformed)
	_, err := nilProof.MarshalBinary()
	require.ErrorIs(t, err, zk.ErrMalformed)
	for _, b := range [][]byte{nil, {}, {encodingVersion}, {encodingVersion, encodingKind}} {
		_, err := DecodeProof(f.public(), b)
		require.ErrorIs(t, err, zk.ErrMalformed)
	}
	require.ErrorIs(t, nilProof.UnmarshalBinary([]byte{1}), zk.ErrMalformed)
}

// Ring-Pedersen parameters on the prover's own N0 are refused by every
// entry point: the prover would know the factors of N̂, and S, C would not
// bind it to k.
func TestProverModulusRefused(t *testing.T) {
	f := getFixture(t)
	pub := f.public()
	pub.Aux = zktest.Pedersen(t, 0) // fixture key 0 is the prover's
	require.Equal(t, 0, pub.Aux.N().Big().Cmp(pub.N0.N().Big()))
	b, err := f.proof.MarshalBinary()
	require.NoError(t, err)
	tr := func() *transcript.Transcript { return zktest.Transcript(testSession, testProver, testVerifier) }
	zktest.RequireProverModulusRefused(t, map[string]func() error{
		"NewProof":      func() error { _, err := NewProof(tr(), pub, f.private(), nil); return err },
		"Verify":        func() error { return f.proof.Verify(tr(), pub) },
		"VerifyWithKey": func() error { return f.proof.VerifyWithKey(tr(), pub, f.sk) },
		"DecodeProof":   func() error { _, err := DecodeProof(pub, b); return err },
	})
}
