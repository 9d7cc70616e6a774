package mod

// Malicious provers of SECURITY.md cases 3 to 7. The attackers' arithmetic
// uses math/big: their "secrets" are test values, never a party's key.

import (
	"fmt"
	"math/big"
	"testing"

	"github.com/cronokirby/saferith"
	"github.com/stretchr/testify/require"

	"github.com/mosaic-mpc/mosaic/internal/transcript"
	"github.com/mosaic-mpc/mosaic/zk"
	"github.com/mosaic-mpc/mosaic/zk/internal/wire"
	"github.com/mosaic-mpc/mosaic/zk/internal/zktest"
)

// nonBlumPrime is a 1024-bit prime ≡ 5 (mod 8), generated for these tests
// with crypto/rand.Prime. Test value only.
const nonBlumPrime = "F81FFE5B3C93B5DEA9C52B63F496D9BD5F966C067FAD778EA5A908A6A61ADB1024DA8242F34B7642276BEED8A8515A807C6A541C6D7A4FBDCE76F437122335853A9CEE163F9E99243DEBEBA7E68BB5425867B85358D80EC5526BFC74646E0BE1B4BF5E05753D12BD938E63C4684E37ADC343CAF864463533B77AEA6A78EB2D6D"

// smallPrimes are seven 147-bit primes (crypto/rand.Prime) for the
// N = P·Q1⋯Q7 attack of case 3. Test values only.
var smallPrimes = [7]string{
	"6CB25FFF71F524A31F2AC5E54289DB9427B1B",
	"7415023854F55A5FEDABFC0E8C307C657D17D",
	"6A1829E5D51C1F4E9776DE509EEBBAE10AC4B",
	"6C539B21C03A667152D2923F76739853980AD",
	"60C4D00B03025EF4C9253A076D47106144FDD",
	"6776CF1F43BF0478C2E25D1A1D88BFD647587",
	"67327676346FC1D330D6893F642A415283BEB",
}

func bigHex(s string) *big.Int {
	v, ok := new(big.Int).SetString(s, 16)
	if !ok {
		panic("bad hex " + s)
	}
	return v
}

func toNat(x *big.Int) *saferith.Nat {
	return new(saferith.Nat).SetBytes(x.Bytes())
}

// crt returns the x mod ∏ moduli with x ≡ residues[i] (mod moduli[i]).
func crt(residues, moduli []*big.Int) *big.Int {
	n := big.NewInt(1)
	for _, m := range moduli {
		n.Mul(n, m)
	}
	x := new(big.Int)
	for i, m := range moduli {
		ni := new(big.Int).Div(n, m)
		inv := new(big.Int).ModInverse(ni, m)
		term := new(big.Int).Mul(residues[i], ni)
		term.Mul(term, inv)
		x.Add(x, term)
	}
	return x.Mod(x, n)
}

// fourthRootBlum returns y^(((r+1)/4)²) mod r for a prime r ≡ 3 (mod 4), the
// principal fourth root of a square y.
func fourthRootBlum(y, r *big.Int) *big.Int {
	k := new(big.Int).Add(r, big.NewInt(1))
	k.Rsh(k, 2)
	e := new(big.Int).Mul(k, k)
	return new(big.Int).Exp(y, e, r)
}

func isSquare(y, r *big.Int) bool { return big.Jacobi(y, r) == 1 }

// nthRoots returns y^(N⁻¹ mod (r−1)) mod r for each prime r: the N-th root
// of y modulo each prime, which exists when gcd(N, r−1) = 1.
func nthRoot(y, n *big.Int, primes []*big.Int) *big.Int {
	res := make([]*big.Int, len(primes))
	for i, r := range primes {
		rm1 := new(big.Int).Sub(r, big.NewInt(1))
		d := new(big.Int).ModInverse(n, rm1)
		if d == nil {
			panic("gcd(N, r−1) ≠ 1")
		}
		res[i] = new(big.Int).Exp(y, d, r)
	}
	return crt(res, primes)
}

// SECURITY.md case 3. N = P·Q1⋯Q7 and w ≡ 1 (mod P), w ≡ 0 (mod Qi): with
// b_i = 1 every x_i^4 ≡ 0 ≡ w·y_i (mod Qi) trivially and modulo P the
// ordinary Blum fourth root works, so all 128 equations hold for a modulus
// with eight prime factors. A verifier without the gcd(w, N) check (one
// library's CVE) accepted this; ours refuses it at that check.
func TestAdversary03_GCD(t *testing.T) {
	_, fixture := testKey(t, 0)
	bigP := fixture.P.Big() // a Blum prime: ≡ 3 (mod 4)
	primes := []*big.Int{bigP}
	n := new(big.Int).Set(bigP)
	for _, s := range smallPrimes {
		q := bigHex(s)
		primes = append(primes, q)
		n.Mul(n, q)
	}
	residues := []*big.Int{big.NewInt(1)}
	for range smallPrimes {
		residues = append(residues, big.NewInt(0))
	}
	w := crt(residues, primes)

	pub := Public{N: saferith.ModulusFromNat(toNat(n))}
	proof := &Proof{width: wire.ByteLen(n.BitLen()), w: toNat(w), reps: make([]repetition, zk.Repetitions)}
	ys := challenges(zktest.Transcript("gcd", 3, 1), pub.N, proof.w, zk.Repetitions)
	for i, yNat := range ys {
		y := yNat.Big()
		yP := new(big.Int).Mod(y, bigP)
		a := !isSquare(yP, bigP) // then −y is a square mod P (P ≡ 3 mod 4)
		if a {
			yP.Sub(bigP, yP)
		}
		xRes := []*big.Int{fourthRootBlum(yP, bigP)}
		for range smallPrimes {
			xRes = append(xRes, big.NewInt(0))
		}
		x := crt(xRes, primes)
		z := nthRoot(y, n, primes)
		// The forgery satisfies every equation of the repetition...
		require.True(t, checkRepetition(n, w, y, x, new(big.Int).Exp(z, n, n), a, true), "repetition %d", i)
		proof.reps[i] = repetition{x: toNat(x), z: toNat(z), a: a, b: true}
	}

	// ...but gcd(w, N) = Q1⋯Q7 ≠ 1.
	err := proof.Verify(zktest.Transcript("gcd", 3, 1), pub)
	require.ErrorIs(t, err, zk.ErrNotUnit)
	require.ErrorContains(t, err, "gcd(w, N)")

	// Defence in depth: with w repaired, x_i ≡ 0 (mod Qi) is caught by the
	// unit check of the responses.
	proof.w = toNat(crt(append([]*big.Int{big.NewInt(1)}, primes[1:]...), primes))
	err = proof.Verify(zktest.Transcript("gcd", 3, 1), pub)
	require.Error(t, err)
}

// SECURITY.md case 4: the statement checks on N and w.
func TestAdversary04_BadModulusOrW(t *testing.T) {
	pub, priv := testKey(t, 0)
	p := priv.P.Big()
	validPub, valid := validProof(t)
	_ = validPub

	// trivialProof has small values that pass every range check for any N
	// of at least MinModulusBits bits, so the statement check is what fails.
	trivialProof := func(n *big.Int) *Proof {
		pr := &Proof{width: wire.ByteLen(n.BitLen()), w: new(saferith.Nat).SetUint64(2), reps: make([]repetition, zk.Repetitions)}
		for i := range pr.reps {
			pr.reps[i] = repetition{x: new(saferith.Nat).SetUint64(1), z: new(saferith.Nat).SetUint64(1)}
		}
		return pr
	}
	even := new(big.Int).Add(pub.N.Big(), big.NewInt(1))
	square := new(big.Int).Mul(p, p)
	for _, tc := range []struct {
		name string
		n    *big.Int
		want string
	}{
		{"N even", even, "even"},
		{"N prime", p, "prime"},
		{"N a perfect square", square, "perfect square"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := trivialProof(tc.n).Verify(zktest.Transcript("s", 1, 2), Public{N: saferith.ModulusFromNat(toNat(tc.n))})
			require.ErrorIs(t, err, zk.ErrVerify)
			require.ErrorContains(t, err, tc.want)
		})
	}

	t.Run("Jacobi(w, N) = +1", func(t *testing.T) {
		// w² is a unit with Jacobi symbol +1.
		w2 := new(big.Int).Mul(valid.w.Big(), valid.w.Big())
		w2.Mod(w2, pub.N.Big())
		valid.w = toNat(w2)
		err := valid.Verify(zktest.Transcript("s", 1, 2), pub)
		require.ErrorIs(t, err, zk.ErrVerify)
		require.ErrorContains(t, err, "Jacobi")
	})
}

// SECURITY.md case 5: any count but zk.Repetitions is refused before the
// loop, before the transcript is even touched.
func TestAdversary05_RepetitionCount(t *testing.T) {
	pub, _ := testKey(t, 0)
	for _, count := range []int{0, 1, zk.Repetitions - 1, zk.Repetitions + 1, 2 * zk.Repetitions} {
		t.Run(fmt.Sprint(count), func(t *testing.T) {
			_, p := validProof(t)
			for len(p.reps) < count {
				p.reps = append(p.reps, p.reps[0])
			}
			p.reps = p.reps[:count]

			tr := zktest.Transcript("s", 1, 2)
			untouched := tr.Clone()
			err := p.Verify(tr, pub)
			require.ErrorIs(t, err, zk.ErrMalformed)
			require.ErrorContains(t, err, "repetitions")
			require.Equal(t, untouched.ChallengeBytes("probe", 32), tr.ChallengeBytes("probe", 32),
				"Verify absorbed into the transcript before refusing the count")

			// The decoder refuses the count as well.
			enc, err := p.MarshalBinary()
			require.NoError(t, err)
			_, err = DecodeProof(enc)
			require.ErrorIs(t, err, zk.ErrMalformed)
		})
	}
}

// SECURITY.md case 6: the m challenges of one proof are pairwise distinct
// (a library that squeezed them all from one hash state made them equal).
func TestAdversary06_ChallengeIndependence(t *testing.T) {
	pub, p := validProof(t)
	ys := challenges(zktest.Transcript("s", 1, 2), pub.N, p.w, zk.Repetitions)
	require.Len(t, ys, zk.Repetitions)
	seen := make(map[string]int, len(ys))
	for i, y := range ys {
		require.True(t, y.TrueLen() <= pub.N.BitLen())
		key := string(y.Bytes())
		j, dup := seen[key]
		require.False(t, dup, "challenges %d and %d are equal", j, i)
		seen[key] = i
	}
	// The same inputs give the same challenges (prover and verifier agree),
	// and a different w gives different ones.
	again := challenges(zktest.Transcript("s", 1, 2), pub.N, p.w, zk.Repetitions)
	other := challenges(zktest.Transcript("s", 1, 2), pub.N, new(saferith.Nat).SetUint64(2), zk.Repetitions)
	for i := range ys {
		require.Equal(t, 1, int(ys[i].Eq(again[i])))
		require.Equal(t, 0, int(ys[i].Eq(other[i])))
	}
}

// cGuessForger plays a prover for N = p·q with p ≡ 5 (mod 8), which is not a
// Blum integer: −1 is a square modulo p and only half of the squares are
// fourth powers there. With w a non-square mod p and a square mod q,
// exactly one of ±y, ±w·y is a square modulo both primes; it has a fourth
// root modulo p with probability 1/2, so each repetition is answered with
// probability about 1/2 (and z_i always exists, gcd(N, φ(N)) = 1). For
// repetitions it cannot answer it sends x_i = 1.
type cGuessForger struct {
	p, q, n *big.Int
	w       *big.Int
}

func newCGuessForger(t *testing.T) *cGuessForger {
	_, fixture := testKey(t, 0)
	f := &cGuessForger{p: bigHex(nonBlumPrime), q: fixture.Q.Big()}
	f.n = new(big.Int).Mul(f.p, f.q)
	// The smallest w > 1 that is a non-square mod p and a square mod q.
	for w := int64(2); ; w++ {
		wb := big.NewInt(w)
		if !isSquare(wb, f.p) && isSquare(wb, f.q) {
			f.w = wb
			return f
		}
	}
}

func (f *cGuessForger) pub() Public { return Public{N: saferith.ModulusFromNat(toNat(f.n))} }

// forge makes a proof with m repetitions on transcript t.
func (f *cGuessForger) forge(t *transcript.Transcript, m int) *Proof {
	pub := f.pub()
	proof := &Proof{width: wire.ByteLen(f.n.BitLen()), w: toNat(f.w), reps: make([]repetition, m)}
	ys := challenges(t, pub.N, proof.w, m)
	for i, yNat := range ys {
		y := yNat.Big()
		var a, b bool
		yp := new(big.Int)
	search:
		for _, bb := range []bool{false, true} {
			for _, aa := range []bool{false, true} {
				yp.Set(y)
				if bb {
					yp.Mul(yp, f.w)
				}
				if aa {
					yp.Neg(yp)
				}
				yp.Mod(yp, f.n)
				if isSquare(yp, f.p) && isSquare(yp, f.q) {
					a, b = aa, bb
					break search
				}
			}
		}
		x := big.NewInt(1)
		// A fourth root mod p exists iff a square root of y' mod p is itself a
		// square (both roots ±r agree, −1 being a square mod p).
		if r := new(big.Int).ModSqrt(new(big.Int).Mod(yp, f.p), f.p); r != nil && isSquare(r, f.p) {
			xp := new(big.Int).ModSqrt(r, f.p)
			xq := fourthRootBlum(new(big.Int).Mod(yp, f.q), f.q)
			x = crt([]*big.Int{xp, xq}, []*big.Int{f.p, f.q})
		}
		z := nthRoot(y, f.n, []*big.Int{f.p, f.q})
		proof.reps[i] = repetition{x: toNat(x), z: toNat(z), a: a, b: b}
	}
	return proof
}

// SECURITY.md case 7 (c-guess, TSSHOCK): with the repetition count cut to
// one, a prover for a non-Blum modulus succeeds about half the time; the
// production verifier (zk.Repetitions, a constant) rejects every such proof,
// and a full-length forgery fails (probability 2^-128 of success).
func TestAdversary07_CGuess(t *testing.T) {
	f := newCGuessForger(t)
	pub := f.pub()
	require.Equal(t, 2048, pub.N.BitLen())

	const tries = 200
	successes := 0
	var forged *Proof
	var forgedSession string
	for i := range tries {
		session := fmt.Sprintf("c-guess %d", i)
		proof := f.forge(zktest.Transcript(session, 3, 1), 1)
		if verifyWithRepetitions(zktest.Transcript(session, 3, 1), pub, proof, 1) == nil {
			successes++
			forged, forgedSession = proof, session
		}
	}
	t.Logf("one-repetition forgeries accepted: %d of %d", successes, tries)
	require.GreaterOrEqual(t, successes, tries*30/100)
	require.LessOrEqual(t, successes, tries*70/100)

	// The production verifier refuses the accepted one-repetition forgery
	// before looking at it, and the decoder refuses its encoding.
	require.NotNil(t, forged)
	err := forged.Verify(zktest.Transcript(forgedSession, 3, 1), pub)
	require.ErrorIs(t, err, zk.ErrMalformed)
	enc, err := forged.MarshalBinary()
	require.NoError(t, err)
	_, err = DecodeProof(enc)
	require.ErrorIs(t, err, zk.ErrMalformed)

	// A forgery with the full count fails an equation.
	full := f.forge(zktest.Transcript("c-guess full", 3, 1), zk.Repetitions)
	err = full.Verify(zktest.Transcript("c-guess full", 3, 1), pub)
	require.ErrorIs(t, err, zk.ErrVerify)
}
