package cggmp

// The malicious party's Πmod forgeries (SECURITY.md cases 3, 4 and 6):
// public test values only (math/big), as in adversary_attacker_test.go.

import (
	"encoding/binary"
	"math/big"
	"testing"

	"github.com/mosaic-mpc/mosaic/internal/transcript"
	"github.com/mosaic-mpc/mosaic/zk"
)

// modRep is one Πmod repetition.
type modRep struct {
	x, z *big.Int
	a, b bool
}

// modChallenges rebuilds zk/mod's challenges y_i (zk/mod/challenge.go).
func modChallenges(tr *transcript.Transcript, n, w *big.Int, m int) []*big.Int {
	zk.StartProof(tr, "mosaic/zk/mod/v1")
	nm := modulusOf(n)
	tr.AppendModulus("N", nm)
	tr.AppendUint64("m", uint64(m))
	tr.AppendNat("w", natOf(w))
	ys := make([]*big.Int, m)
	for i := range ys {
		tr.AppendUint64("i", uint64(i))
		ys[i] = tr.ChallengeNat("y", nm).Big()
	}
	return ys
}

// encodeMod is zk/mod's wire format: version 1 | m | width | w | m × (x | z
// | flags).
func encodeMod(width int, w *big.Int, reps []modRep) []byte {
	out := []byte{1, 0, 0, 0, 0}
	binary.BigEndian.PutUint16(out[1:], uint16(len(reps)))
	binary.BigEndian.PutUint16(out[3:], uint16(width))
	out = append(out, fixedBytes(w, width)...)
	for _, r := range reps {
		out = append(out, fixedBytes(r.x, width)...)
		out = append(out, fixedBytes(r.z, width)...)
		var flags byte
		if r.a {
			flags |= 1
		}
		if r.b {
			flags |= 2
		}
		out = append(out, flags)
	}
	return out
}

// modEquationsHold checks z^N = y and x^4 = (−1)^a·w^b·y (mod N) for every
// repetition: the attacker's own check that its forgery is sound apart from
// the property under test.
func modEquationsHold(n, w *big.Int, ys []*big.Int, reps []modRep) bool {
	for i, r := range reps {
		if new(big.Int).Exp(r.z, n, n).Cmp(ys[i]) != 0 {
			return false
		}
		lhs := new(big.Int).Exp(r.x, big.NewInt(4), n)
		rhs := new(big.Int).Set(ys[i])
		if r.b {
			rhs.Mul(rhs, w).Mod(rhs, n)
		}
		if r.a {
			rhs.Sub(n, rhs)
		}
		if lhs.Cmp(rhs) != 0 {
			return false
		}
	}
	return true
}

// gcdModulus is the N = P·Q1⋯Q7 of SECURITY.md case 3, of exactly 2048
// bits: P a 1024-bit Blum prime, Q1..Q6 147-bit primes and Q7 chosen to
// fill the size, each with gcd(N, Qi − 1) = 1 so that N-th roots exist.
func gcdModulus(t testing.TB, bigP *big.Int) (*big.Int, []*big.Int) {
	for {
		primes := []*big.Int{bigP}
		m := new(big.Int).Set(bigP)
		for range 6 {
			q := randPrime(t, 147)
			primes = append(primes, q)
			m.Mul(m, q)
		}
		lo := new(big.Int).Lsh(bigOne, 2047)
		lo.Div(lo, m).Add(lo, bigOne)
		hi := new(big.Int).Lsh(bigOne, 2048)
		hi.Div(hi, m)
		q7 := primeIn(t, lo, hi)
		primes = append(primes, q7)
		n := m.Mul(m, q7)
		ok := n.BitLen() == 2048
		for _, r := range primes {
			rm1 := new(big.Int).Sub(r, bigOne)
			ok = ok && new(big.Int).GCD(nil, nil, n, rm1).Cmp(bigOne) == 0
		}
		if ok {
			return n, primes
		}
	}
}

// forgeModGCD forges Πmod for N = P·Q1⋯Q7 (primes[0] = P ≡ 3 mod 4) with
// w ≡ 1 (mod P), w ≡ 0 (mod Qi): every x_i ≡ 0 (mod Qi) makes x^4 ≡ w·y ≡ 0
// there, and modulo P the ordinary Blum fourth root works. All 128
// repetitions hold; only gcd(w, N) = 1 refuses it.
func forgeModGCD(tr *transcript.Transcript, n *big.Int, primes []*big.Int) (w *big.Int, ys []*big.Int, reps []modRep) {
	bigP := primes[0]
	residues := []*big.Int{big.NewInt(1)}
	for range primes[1:] {
		residues = append(residues, new(big.Int))
	}
	w = crt(residues, primes)
	ys = modChallenges(tr, n, w, zk.Repetitions)
	// (P+1)/4 squared: the principal fourth root modulo a Blum prime.
	k := new(big.Int).Add(bigP, bigOne)
	k.Rsh(k, 2)
	k.Mul(k, k)
	for _, y := range ys {
		yP := new(big.Int).Mod(y, bigP)
		a := big.Jacobi(yP, bigP) != 1
		if a {
			yP.Sub(bigP, yP)
		}
		xRes := []*big.Int{new(big.Int).Exp(yP, k, bigP)}
		zRes := make([]*big.Int, len(primes))
		for i, r := range primes {
			if i > 0 {
				xRes = append(xRes, new(big.Int))
			}
			d := new(big.Int).ModInverse(n, new(big.Int).Sub(r, bigOne))
			zRes[i] = new(big.Int).Exp(new(big.Int).Mod(y, r), d, r)
		}
		reps = append(reps, modRep{x: crt(xRes, primes), z: crt(zRes, primes), a: a, b: true})
	}
	return w, ys, reps
}

// trivialMod is a Πmod proof of small in-range values (w = 2, x = z = 1):
// it passes every range check, so the statement checks on N (even, prime,
// square) are what refuse it.
func trivialMod(n *big.Int) []byte {
	reps := make([]modRep, zk.Repetitions)
	for i := range reps {
		reps[i] = modRep{x: big.NewInt(1), z: big.NewInt(1)}
	}
	return encodeMod(byteLen(n.BitLen()), big.NewInt(2), reps)
}

// blumResponse answers one Πmod challenge y for N = p·q (Blum primes) with
// the factors: the a, b with (−1)^a·w^b·y a square modulo both primes, its
// principal fourth root x and the N-th root z of y.
func blumResponse(p, q, w, y *big.Int) modRep {
	n := new(big.Int).Mul(p, q)
	phi := new(big.Int).Mul(new(big.Int).Sub(p, bigOne), new(big.Int).Sub(q, bigOne))
	z := new(big.Int).Exp(y, new(big.Int).ModInverse(n, phi), n)
	for _, a := range []bool{false, true} {
		for _, b := range []bool{false, true} {
			v := new(big.Int).Set(y)
			if b {
				v.Mul(v, w).Mod(v, n)
			}
			if a {
				v.Sub(n, v)
			}
			if big.Jacobi(v, p) != 1 || big.Jacobi(v, q) != 1 {
				continue
			}
			root := func(r *big.Int) *big.Int {
				k := new(big.Int).Add(r, bigOne)
				k.Rsh(k, 2)
				return new(big.Int).Exp(new(big.Int).Exp(v, k, r), k, r)
			}
			return modRep{x: crt([]*big.Int{root(p), root(q)}, []*big.Int{p, q}), z: z, a: a, b: b}
		}
	}
	panic("no quadratic residue among ±y, ±w·y: w is not a Jacobi −1 non-residue")
}

// forgeModOneChallenge is a Πmod made by the bug of SECURITY.md case 6 (all
// challenges drawn from one hash state, hence equal): with the factors, it
// answers the first challenge y_1 correctly in every repetition. It is a
// valid proof for a verifier whose challenges are all y_1, and fails the
// second repetition of a verifier that derives each y_i on its own.
func forgeModOneChallenge(tr *transcript.Transcript, p, q *big.Int) []byte {
	n := new(big.Int).Mul(p, q)
	w := big.NewInt(2)
	for big.Jacobi(w, n) != -1 {
		w.Add(w, bigOne)
	}
	y1 := modChallenges(tr, n, w, zk.Repetitions)[0]
	reps := make([]modRep, zk.Repetitions)
	answer := blumResponse(p, q, w, y1)
	for i := range reps {
		reps[i] = answer
	}
	return encodeMod(byteLen(n.BitLen()), w, reps)
}
