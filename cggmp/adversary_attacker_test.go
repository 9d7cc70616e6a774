package cggmp

// The malicious party's arithmetic for the protocol-level adversarial tests
// (SECURITY.md cases 1-16). Variable time: every value here is an
// attacker's test value or public, never an honest party's secret, so this
// file uses math/big.
//
// The forgers rebuild the Fiat–Shamir challenges of zk/prm, zk/mod and
// zk/enc from those packages' documented transcripts, so that a forged proof
// satisfies every equation the verifier checks and only the check under test
// can reject it. Each forger has a sanity test (TestForgersAreSound) showing
// that, fed a legitimate statement, its output verifies.

import (
	"crypto/rand"
	"encoding/binary"
	"math/big"
	"testing"

	"github.com/cronokirby/saferith"
	"github.com/mosaic-mpc/mosaic/internal/bigint"
	"github.com/mosaic-mpc/mosaic/internal/transcript"
	"github.com/mosaic-mpc/mosaic/paillier"
	"github.com/mosaic-mpc/mosaic/zk"
	"github.com/mosaic-mpc/mosaic/zk/enc"
	"github.com/mosaic-mpc/mosaic/zk/mod"
	"github.com/mosaic-mpc/mosaic/zk/prm"
	"github.com/stretchr/testify/require"
)

var (
	bigOne = big.NewInt(1)
	bigTwo = big.NewInt(2)
)

func natOf(x *big.Int) *saferith.Nat { return new(saferith.Nat).SetBytes(x.Bytes()) }

func modulusOf(x *big.Int) *saferith.Modulus { return saferith.ModulusFromNat(natOf(x)) }

func intOf(x *big.Int) *saferith.Int {
	v := new(saferith.Int).SetNat(natOf(new(big.Int).Abs(x)))
	if x.Sign() < 0 {
		v.Neg(1)
	}
	return v
}

func bigOfInt(x *saferith.Int) *big.Int {
	v := x.Abs().Big()
	if x.IsNegative() == 1 {
		v.Neg(v)
	}
	return v
}

// randBelow returns a uniform value in [0, n).
func randBelow(t testing.TB, n *big.Int) *big.Int {
	v, err := rand.Int(rand.Reader, n)
	require.NoError(t, err)
	return v
}

// randSigned returns a uniform value in [-2^bits, 2^bits].
func randSigned(t testing.TB, bits uint) *big.Int {
	span := new(big.Int).Lsh(bigOne, bits+1)
	v := randBelow(t, span.Add(span, bigOne))
	return v.Sub(v, new(big.Int).Lsh(bigOne, bits))
}

// randUnit returns a uniform element of Z*_n.
func randUnit(t testing.TB, n *big.Int) *big.Int {
	for {
		v := randBelow(t, n)
		if v.Sign() > 0 && new(big.Int).GCD(nil, nil, v, n).Cmp(bigOne) == 0 {
			return v
		}
	}
}

// randPrime returns a random prime of exactly bits bits.
func randPrime(t testing.TB, bits int) *big.Int {
	p, err := rand.Prime(rand.Reader, bits)
	require.NoError(t, err)
	return p
}

// primeIn returns a prime in [lo, hi), searching upwards from a random start.
func primeIn(t testing.TB, lo, hi *big.Int) *big.Int {
	for {
		p := new(big.Int).Add(lo, randBelow(t, new(big.Int).Sub(hi, lo)))
		p.SetBit(p, 0, 1)
		for ; p.Cmp(hi) < 0; p.Add(p, bigTwo) {
			if p.ProbablyPrime(20) {
				return p
			}
		}
	}
}

// fixedPowers returns e ↦ base^e mod n for 0 ≤ e < 2^maxBits, on the
// attacker's public values. The forgers raise one base to 128 exponents: a
// fixed-base table from internal/bigint does that several times faster
// than math/big where it has a kernel for n (odd, of a supported size);
// elsewhere (an even n, say) math/big does the work.
func fixedPowers(tb testing.TB, base, n *big.Int, maxBits int) func(e *big.Int) *big.Int {
	if o, err := bigint.NewOddModulusFromNat(natOf(n)); err == nil {
		if fb, err := o.NewFixedBase(natOf(new(big.Int).Mod(base, n)), maxBits); err == nil {
			return func(e *big.Int) *big.Int {
				v, err := fb.Exp(natOf(e))
				require.NoError(tb, err)
				return v.Big()
			}
		}
	}
	return func(e *big.Int) *big.Int { return new(big.Int).Exp(base, e, n) }
}

func fixedBytes(x *big.Int, width int) []byte {
	return x.FillBytes(make([]byte, width))
}

// pkBytes is the paillier.PublicKey encoding (tag 'P', version 1, size in
// bits, N in bits/8 bytes) of any integer, valid or not.
func pkBytes(bits int, n *big.Int) []byte {
	out := []byte{'P', 1, 0, 0}
	binary.BigEndian.PutUint16(out[2:], uint16(bits))
	return append(out, fixedBytes(n, bits/8)...)
}

// pedBytes is the paillier.PedersenParams encoding (tag 'R') of any (N, s, t).
func pedBytes(bits int, n, s, tt *big.Int) []byte {
	out := []byte{'R', 1, 0, 0}
	binary.BigEndian.PutUint16(out[2:], uint16(bits))
	for _, v := range []*big.Int{n, s, tt} {
		out = append(out, fixedBytes(v, bits/8)...)
	}
	return out
}

// ringPedersen picks t = τ² and s = t^λ mod n with λ < n/4, as an attacker
// who does not know φ(n) can.
func ringPedersen(t testing.TB, n *big.Int) (s, tt, lambda *big.Int) {
	tau := randUnit(t, n)
	tt = new(big.Int).Exp(tau, bigTwo, n)
	lambda = randBelow(t, new(big.Int).Rsh(n, 2))
	s = new(big.Int).Exp(tt, lambda, n)
	return s, tt, lambda
}

func byteLen(bits int) int { return (bits + 7) / 8 }

// prmChallenges rebuilds zk/prm's challenge bits (zk/prm/challenge.go).
func prmChallenges(tr *transcript.Transcript, n, s, tt *big.Int, a []*big.Int) []byte {
	zk.StartProof(tr, "mosaic/zk/prm/v1")
	tr.AppendModulus("N", modulusOf(n))
	tr.AppendNat("s", natOf(s))
	tr.AppendNat("t", natOf(tt))
	tr.AppendUint64("m", uint64(len(a)))
	for _, ai := range a {
		tr.AppendNat("A", natOf(ai))
	}
	return tr.ChallengeBits("e", len(a))
}

// encodePrm is zk/prm's wire format: version 1 | m | width | A_1..A_m |
// z_1..z_m.
func encodePrm(width int, a, z []*big.Int) []byte {
	out := []byte{1, 0, 0, 0, 0}
	binary.BigEndian.PutUint16(out[1:], uint16(len(a)))
	binary.BigEndian.PutUint16(out[3:], uint16(width))
	for _, v := range append(append([]*big.Int{}, a...), z...) {
		out = append(out, fixedBytes(v, width)...)
	}
	return out
}

// forgePrm makes a Πprm proof for (n, s, t) without the factors of n. With
// s = t^λ and λ < n/4 it answers z = a + e·λ over the integers (a < n/4, so
// z < n), which satisfies t^z = A·s^e for any n: a valid proof. With lambda
// nil (s ∉ ⟨t⟩) it plays the best attack, guessing each challenge bit:
// A = t^z·s^(−g), which passes a repetition only when e = g.
func forgePrm(t testing.TB, tr *transcript.Transcript, n, s, tt, lambda *big.Int) []byte {
	m := zk.Repetitions
	a := make([]*big.Int, m)
	z := make([]*big.Int, m)
	nonces := make([]*big.Int, m)
	guess := make([]uint, m)
	sInv := new(big.Int).ModInverse(s, n)
	powT := fixedPowers(t, tt, n, n.BitLen())
	for i := range m {
		if lambda != nil {
			nonces[i] = randBelow(t, new(big.Int).Rsh(n, 2))
			a[i] = powT(nonces[i])
			continue
		}
		z[i] = randBelow(t, n)
		a[i] = powT(z[i])
		guess[i] = randBelow(t, bigTwo).Bit(0)
		if guess[i] == 1 && sInv != nil {
			a[i].Mul(a[i], sInv).Mod(a[i], n)
		}
	}
	e := prmChallenges(tr, n, s, tt, a)
	if lambda != nil {
		for i := range m {
			z[i] = new(big.Int).Set(nonces[i])
			if e[i] == 1 {
				z[i].Add(z[i], lambda)
			}
		}
	}
	return encodePrm(byteLen(n.BitLen()), a, z)
}

func crt(residues, moduli []*big.Int) *big.Int {
	n := big.NewInt(1)
	for _, m := range moduli {
		n.Mul(n, m)
	}
	x := new(big.Int)
	for i, m := range moduli {
		ni := new(big.Int).Div(n, m)
		term := new(big.Int).ModInverse(ni, m)
		term.Mul(term, ni).Mul(term, residues[i])
		x.Add(x, term)
	}
	return x.Mod(x, n)
}

// encChallenge rebuilds zk/enc's challenge e ∈ ±2^ℓ (zk/enc/transcript.go).
func encChallenge(tr *transcript.Transcript, n0, k *big.Int, aux *paillier.PedersenParams, s, a, c *big.Int) *big.Int {
	zk.StartProof(tr, enc.ProofName)
	tr.AppendModulus("N0", modulusOf(n0))
	tr.AppendNat("K", natOf(k))
	tr.AppendModulus("Nhat", aux.N())
	tr.AppendNat("s", aux.S())
	tr.AppendNat("t", aux.T())
	tr.AppendNat("S", natOf(s))
	tr.AppendNat("A", natOf(a))
	tr.AppendNat("C", natOf(c))
	return bigOfInt(tr.ChallengeInt("e", zk.L))
}

// encodeEnc is zk/enc's wire format (zk/enc/wire.go) without its size caps:
// version 1 | kind 'e' | S | A | C | z1 | z2 | z3, naturals as len(2) |
// magnitude and integers as sign(1) | len(2) | magnitude.
func encodeEnc(s, a, c, z1, z2, z3 *big.Int) []byte {
	out := []byte{1, 'e'}
	nat := func(x *big.Int) {
		out = binary.BigEndian.AppendUint16(out, uint16(len(x.Bytes())))
		out = append(out, x.Bytes()...)
	}
	integer := func(x *big.Int) {
		sign := byte(0)
		if x.Sign() < 0 {
			sign = 1
		}
		out = append(out, sign)
		nat(new(big.Int).Abs(x))
	}
	nat(s)
	nat(a)
	nat(c)
	integer(z1)
	nat(z2)
	integer(z3)
	return out
}

// forgeEnc runs Figure 14's prover honestly on any plaintext k, in or out
// of range, where zk/enc's NewProof refuses an out-of-range witness: K =
// (1+N0)^k·ρ^N0, against the verifier's parameters aux.
func forgeEnc(t testing.TB, tr *transcript.Transcript, n0, k, kCipher, rho *big.Int, aux *paillier.PedersenParams) []byte {
	nHat := aux.N().Big()
	sB, tB := aux.S().Big(), aux.T().Big()
	n0Sq := new(big.Int).Mul(n0, n0)
	alpha := randSigned(t, zk.L+zk.Epsilon)
	mu := new(big.Int).Mul(randSigned(t, zk.L), nHat)
	r := randUnit(t, n0)
	gamma := new(big.Int).Mul(randSigned(t, zk.L+zk.Epsilon), nHat)
	ped := func(x, y *big.Int) *big.Int {
		v := new(big.Int).Exp(sB, x, nHat)
		return v.Mul(v, new(big.Int).Exp(tB, y, nHat)).Mod(v, nHat)
	}
	S := ped(k, mu)
	gen := new(big.Int).Add(n0, bigOne)
	A := new(big.Int).Exp(gen, alpha, n0Sq)
	A.Mul(A, new(big.Int).Exp(r, n0, n0Sq)).Mod(A, n0Sq)
	C := ped(alpha, gamma)
	e := encChallenge(tr, n0, kCipher, aux, S, A, C)
	z1 := new(big.Int).Add(alpha, new(big.Int).Mul(e, k))
	z2 := new(big.Int).Exp(rho, e, n0)
	z2.Mul(z2, r).Mod(z2, n0)
	z3 := new(big.Int).Add(gamma, new(big.Int).Mul(e, mu))
	return encodeEnc(S, A, C, z1, z2, z3)
}

// paillierEnc returns (1+N)^m·ρ^N mod N² with a fresh ρ, for any integer m.
func paillierEnc(t testing.TB, n, m *big.Int) (c, rho *big.Int) {
	n2 := new(big.Int).Mul(n, n)
	rho = randUnit(t, n)
	c = new(big.Int).Exp(new(big.Int).Add(n, bigOne), new(big.Int).Mod(m, n), n2)
	c.Mul(c, new(big.Int).Exp(rho, n, n2)).Mod(c, n2)
	return c, rho
}

// The forgers are only meaningful if, fed a legitimate statement, what they
// make verifies: then the protocol tests' rejections come from the check
// under test, not from a broken forgery.
func TestForgersAreSound(t *testing.T) {
	t.Parallel()
	sec := fixtureAuxSecret(t, 3)
	pk := sec.Paillier.PublicKey()
	n := pk.N().Big()
	ctx := func() *transcript.Transcript {
		tr := transcript.New("mosaic/cggmp/test/forgers")
		zk.BindContext(tr, []byte("session"), 3, 1)
		return tr
	}

	t.Run("Πprm without the factors", func(t *testing.T) {
		t.Parallel()
		s, tt, lambda := ringPedersen(t, n)
		p, err := prm.DecodeProof(forgePrm(t, ctx(), n, s, tt, lambda))
		require.NoError(t, err)
		require.NoError(t, p.Verify(ctx(), prm.Public{N: pk.N(), S: natOf(s), T: natOf(tt)}))
	})

	t.Run("Πmod for P·Q1⋯Q7", func(t *testing.T) {
		t.Parallel()
		gn, primes := gcdModulus(t, gcdPrime(t))
		w, ys, reps := forgeModGCD(ctx(), gn, primes)
		require.True(t, modEquationsHold(gn, w, ys, reps))
		// The encoding decodes, and the verifier derives the same
		// challenges: it gets as far as the gcd check.
		p, err := mod.DecodeProof(encodeMod(256, w, reps))
		require.NoError(t, err)
		err = p.Verify(ctx(), mod.Public{N: modulusOf(gn)})
		require.ErrorIs(t, err, zk.ErrNotUnit)
		require.ErrorContains(t, err, "gcd(w, N)")
	})

	t.Run("Πmod answering one challenge", func(t *testing.T) {
		t.Parallel()
		// Valid for a verifier whose 128 challenges would all be y_1: the
		// equations hold for the repeated challenge.
		p, q := sec.Paillier.P().Big(), sec.Paillier.Q().Big()
		raw := forgeModOneChallenge(ctx(), p, q)
		proof, err := mod.DecodeProof(raw)
		require.NoError(t, err)
		w := new(big.Int).SetBytes(raw[5 : 5+256])
		y1 := modChallenges(ctx(), n, w, zk.Repetitions)[0]
		ys := make([]*big.Int, zk.Repetitions)
		for i := range ys {
			ys[i] = y1
		}
		reps := make([]modRep, zk.Repetitions)
		answer := blumResponse(p, q, w, y1)
		for i := range reps {
			reps[i] = answer
		}
		require.True(t, modEquationsHold(n, w, ys, reps))
		require.ErrorIs(t, proof.Verify(ctx(), mod.Public{N: pk.N()}), zk.ErrVerify)
	})

	t.Run("Πenc on an in-range plaintext", func(t *testing.T) {
		t.Parallel()
		aux := fixtureAuxSecret(t, 4).Pedersen
		k := randSigned(t, zk.L)
		kc, rho := paillierEnc(t, n, k)
		pub := enc.Public{N0: pk, K: natOf(kc), Aux: aux}
		p, err := enc.DecodeProof(pub, forgeEnc(t, ctx(), n, k, kc, rho, aux))
		require.NoError(t, err)
		require.NoError(t, p.Verify(ctx(), pub))
	})
}
