package safeprime

// Tests cross-check with math/big's ProbablyPrime: test-only, on values that
// are thrown away.

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"math/big"
	"sync/atomic"
	"testing"

	"filippo.io/bigmod"
	"github.com/cronokirby/saferith"
	"github.com/stretchr/testify/require"
)

func checkSafePrime(t *testing.T, p *saferith.Nat, bits int) {
	t.Helper()
	pb := p.Big()
	require.Equal(t, bits, pb.BitLen())
	require.Equal(t, uint(1), pb.Bit(bits-2), "second top bit set")
	require.Equal(t, int64(3), new(big.Int).Mod(pb, big.NewInt(4)).Int64())
	require.True(t, pb.ProbablyPrime(20))
	q := new(big.Int).Rsh(pb, 1)
	require.True(t, q.ProbablyPrime(20))
	require.Equal(t, bits, p.AnnouncedLen())
	require.NoError(t, Verify(nil, p, bits))
}

func TestGenerate(t *testing.T) {
	generateSizes(t, 32, 33, 64, 100, 256, 512)
}

// generateSizes generates and checks one safe prime of each size. The
// 1024-bit one, whose time varies by seconds from draw to draw, is in
// TestSlowGenerate (build tag slow).
func generateSizes(t *testing.T, sizes ...int) {
	for _, bits := range sizes {
		t.Run(big.NewInt(int64(bits)).String(), func(t *testing.T) {
			p, err := Generate(context.Background(), nil, bits)
			require.NoError(t, err)
			checkSafePrime(t, p, bits)
		})
	}
}

func TestGenerateSingleWorkerSmallSieve(t *testing.T) {
	var calls atomic.Int64
	p, err := Generate(context.Background(), rand.Reader, 256,
		WithWorkers(1), WithSieveLimit(1000), WithWindow(128),
		WithProgress(func(Progress) { calls.Add(1) }))
	require.NoError(t, err)
	checkSafePrime(t, p, 256)
}

func TestGenerateProgress(t *testing.T) {
	var last Progress
	p, err := Generate(context.Background(), nil, 512, WithWindow(1024), WithProgress(func(pr Progress) {
		require.GreaterOrEqual(t, pr.Sieved, last.Sieved)
		last = pr
	}))
	require.NoError(t, err)
	checkSafePrime(t, p, 512)
	require.NotZero(t, last.Sieved)
}

func TestGenerateCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := Generate(ctx, nil, 1024)
	require.ErrorIs(t, err, context.Canceled)
}

type failingReader struct{}

func (failingReader) Read([]byte) (int, error) { return 0, errors.New("boom") }

func TestGenerateRandomFailure(t *testing.T) {
	_, err := Generate(context.Background(), failingReader{}, 256)
	require.ErrorIs(t, err, ErrRandom)
}

func TestGenerateBadSize(t *testing.T) {
	_, err := Generate(context.Background(), nil, 16)
	require.ErrorIs(t, err, ErrBitLength)
}

func TestVerifyRejects(t *testing.T) {
	// 2^61−1 is prime but (p−1)/2 is not; 1019 = 2·509+1 is a safe prime but
	// too small for MinBits. Values built from known primes.
	mersenne := new(big.Int).Sub(new(big.Int).Lsh(big.NewInt(1), 61), big.NewInt(1))
	// A 64-bit safe prime found by Generate, perturbed.
	p, err := Generate(context.Background(), nil, 64)
	require.NoError(t, err)
	pb := p.Big()
	tests := []struct {
		name string
		v    *big.Int
		bits int
	}{
		{"prime not safe", mersenne, 61},
		{"p plus 4", new(big.Int).Add(pb, big.NewInt(4)), 64},
		{"p plus 12", new(big.Int).Add(pb, big.NewInt(12)), 64},
		{"product", new(big.Int).Mul(big.NewInt(4294967291), big.NewInt(4294967279)), 64},
		{"1 mod 4", new(big.Int).Sub(pb, big.NewInt(2)), 64},
		{"wrong size", pb, 65},
		{"carmichael-like", mustBig("3825123056546413051"), 62}, // strong pseudoprime to bases 2..23 (OEIS A014233)
		// p prime, p' = 272537·1635217 a strong pseudoprime to the bases 2,
		// 3, 11 and 23: the base-2 round and Pocklington pass, the random
		// bases reject. Found by a search over p' = r·(6(r−1)+1), r prime,
		// with math/big.
		{"p prime, p' a strong pseudoprime to base 2", big.NewInt(2*272537*1635217 + 1), 40},
		// p' = 2^61−1 is prime, p = 2^62−1 = 3·715827883·2147483647: only
		// Pocklington rejects it, and with 3 | p (no trial division by 3).
		{"p' prime, p composite with factor 3", new(big.Int).Lsh(mersenne, 1).Add(new(big.Int).Lsh(mersenne, 1), big.NewInt(1)), 62},
		{"p prime, p' with factor 3", safeLikeWithComposite(t, big.NewInt(3), 40), 40},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			n := new(saferith.Nat).SetBig(tc.v, tc.v.BitLen())
			require.ErrorIs(t, Verify(nil, n, tc.bits), ErrNotSafePrime)
		})
	}
	require.NoError(t, Verify(nil, p, 64))
}

// The crafted cases of TestVerifyRejects are what they claim to be.
func TestVerifyRejectsInputs(t *testing.T) {
	spsp := big.NewInt(272537 * 1635217)
	require.True(t, big.NewInt(272537).ProbablyPrime(20))
	require.True(t, big.NewInt(1635217).ProbablyPrime(20))
	for _, a := range []int64{2, 3, 11, 23} {
		require.True(t, strongProbablePrimeRef(spsp, big.NewInt(a)), "base %d", a)
	}
	require.True(t, new(big.Int).Add(new(big.Int).Lsh(spsp, 1), big.NewInt(1)).ProbablyPrime(20))
	ok, err := millerRabin(rand.Reader, spsp.Bytes(), 0, true)
	require.NoError(t, err)
	require.True(t, ok, "base 2 alone is fooled")
	pp := new(big.Int).Sub(new(big.Int).Lsh(big.NewInt(1), 61), big.NewInt(1))
	require.True(t, pp.ProbablyPrime(20))
	ok, err = pocklington2(new(big.Int).Add(new(big.Int).Lsh(pp, 1), big.NewInt(1)).Bytes(), pp.Bytes())
	require.NoError(t, err)
	require.False(t, ok)
}

// safeLikeWithComposite returns a prime p of the given size with
// p' = (p−1)/2 = f·m for the factor f: the first m that works.
func safeLikeWithComposite(t *testing.T, f *big.Int, bits int) *big.Int {
	t.Helper()
	one := big.NewInt(1)
	m := new(big.Int).Lsh(one, uint(bits-2))
	m.Div(m, f).Add(m, one)
	for ; ; m.Add(m, one) {
		pp := new(big.Int).Mul(f, m)
		if pp.Bit(0) == 0 {
			continue
		}
		p := new(big.Int).Lsh(pp, 1)
		p.Add(p, one)
		if p.BitLen() == bits && p.ProbablyPrime(20) {
			return p
		}
	}
}

// safePrimeWithTwoAdicity returns the first safe prime p of the given size
// (p' = 1 + 2^s·d, d odd, searched upwards from the smallest such p' of
// bits−1 bits) whose p' − 1 has exactly s trailing zero bits: the number
// of squarings the textbook Miller–Rabin loop may run. Test-only (math/big).
func safePrimeWithTwoAdicity(tb testing.TB, bits, s int) *big.Int {
	tb.Helper()
	one := big.NewInt(1)
	d := new(big.Int).Lsh(one, uint(bits-2-s))
	d.Add(d, one)
	step := big.NewInt(2)
	for ; ; d.Add(d, step) {
		pp := new(big.Int).Lsh(d, uint(s))
		pp.Add(pp, one)
		p := new(big.Int).Lsh(pp, 1)
		p.Add(p, one)
		if p.BitLen() != bits {
			tb.Fatalf("no %d-bit safe prime with s = %d", bits, s)
		}
		if pp.ProbablyPrime(20) && p.ProbablyPrime(20) {
			return p
		}
	}
}

// Verify accepts safe primes whatever the s of p' − 1, below, at and above
// the padding of the Miller–Rabin rounds (mrPaddedS).
func TestVerifyTwoAdicity(t *testing.T) {
	for _, s := range []int{1, 2, 3, 63, mrPaddedS, mrPaddedS + 1, 100} {
		t.Run(fmt.Sprint("s=", s), func(t *testing.T) {
			p := safePrimeWithTwoAdicity(t, 128, s)
			pp := new(big.Int).Rsh(p, 1)
			require.Equal(t, uint(s), new(big.Int).Sub(pp, big.NewInt(1)).TrailingZeroBits())
			c, err := newMRCandidate(pp.Bytes())
			require.NoError(t, err)
			require.Equal(t, s, c.s)
			require.NoError(t, Verify(nil, new(saferith.Nat).SetBig(p, 128), 128))
		})
	}
}

// strongProbablePrimeRef is the textbook strong probable-prime test in
// math/big (variable time; test-only).
func strongProbablePrimeRef(n, a *big.Int) bool {
	nm1 := new(big.Int).Sub(n, big.NewInt(1))
	s := nm1.TrailingZeroBits()
	d := new(big.Int).Rsh(nm1, s)
	y := new(big.Int).Exp(a, d, n)
	if y.Cmp(big.NewInt(1)) == 0 || y.Cmp(nm1) == 0 {
		return true
	}
	for range s - 1 {
		y.Mul(y, y).Mod(y, n)
		if y.Cmp(nm1) == 0 {
			return true
		}
		if y.Cmp(big.NewInt(1)) == 0 {
			return false
		}
	}
	return false
}

// The constant-time round gives the textbook verdict on primes, composites
// that fool some bases (strong pseudoprimes, Carmichael numbers) and
// candidates of every s up to past the padding.
func TestStrongProbablePrime(t *testing.T) {
	one := big.NewInt(1)
	var ns []*big.Int
	for _, v := range []string{
		"5", "7", "2047", "561", "1105", "41041", "3215031751", "3825123056546413051",
		"445657135529", "18446744073709551557", "170141183460469231731687303715884105727",
	} {
		ns = append(ns, mustBig(v))
	}
	for _, s := range []int{1, 2, 5, 17, 63, 64, 65, 70, 130} {
		// n = 1 + 2^s·d: a random odd d, and a prime of this shape.
		d, err := rand.Int(rand.Reader, new(big.Int).Lsh(one, 100))
		require.NoError(t, err)
		d.SetBit(d, 0, 1)
		ns = append(ns, new(big.Int).Add(new(big.Int).Lsh(d, uint(s)), one))
		for d.SetBit(d, 100, 1); ; d.Add(d, big.NewInt(2)) {
			n := new(big.Int).Add(new(big.Int).Lsh(d, uint(s)), one)
			if n.ProbablyPrime(20) {
				ns = append(ns, n)
				break
			}
		}
	}
	for range 20 {
		n, err := rand.Int(rand.Reader, new(big.Int).Lsh(one, 200))
		require.NoError(t, err)
		ns = append(ns, n.SetBit(n, 0, 1).SetBit(n, 199, 1))
	}
	for _, n := range ns {
		c, err := newMRCandidate(n.Bytes())
		require.NoError(t, err)
		nm1 := new(big.Int).Sub(n, one)
		bases := []*big.Int{big.NewInt(2), big.NewInt(3), big.NewInt(1), nm1}
		for range 8 {
			a, err := rand.Int(rand.Reader, new(big.Int).Sub(n, big.NewInt(3)))
			require.NoError(t, err)
			bases = append(bases, a.Add(a, big.NewInt(2)))
		}
		for _, a := range bases {
			an, err := bigmod.NewNat().SetBytes(a.Bytes(), c.m)
			require.NoError(t, err)
			require.Equal(t, strongProbablePrimeRef(n, a), c.strongProbablePrime(an), "n=%v a=%v", n, a)
		}
	}
}

func mustBig(s string) *big.Int {
	v, ok := new(big.Int).SetString(s, 10)
	if !ok {
		panic(s)
	}
	return v
}

func TestMillerRabinPseudoprime(t *testing.T) {
	// 3825123056546413051 passes base 2 but is composite (OEIS A014233 entry).
	n := mustBig("3825123056546413051")
	ok, err := millerRabin(rand.Reader, n.Bytes(), 0, true)
	require.NoError(t, err)
	require.True(t, ok, "strong pseudoprime to base 2")
	ok, err = millerRabin(rand.Reader, n.Bytes(), 20, true)
	require.NoError(t, err)
	require.False(t, ok)
}

func TestHelpers(t *testing.T) {
	require.Equal(t, 3, trailingZerosCT([]byte{0x01, 0x08}))
	require.Equal(t, 9, trailingZerosCT([]byte{0x02, 0x00}))
	require.Equal(t, 16, trailingZerosCT([]byte{0x00, 0x00}))
	require.Equal(t, 0, trailingZerosCT([]byte{0x80, 0x01}))
	require.Equal(t, []byte{0x00, 0x81}, shiftRight([]byte{0x01, 0x02}, 1))
	require.Equal(t, []byte{0x00, 0x10}, shiftRight([]byte{0x10, 0x00}, 8))
	for s := 0; s <= 24; s++ {
		b := []byte{0xa5, 0x5a, 0xff}
		require.Equal(t, shiftRight(b, s), shiftRightCT(b, s), "s=%d", s)
	}
	for _, ab := range [][2]int{{0, 0}, {0, 1}, {1, 0}, {5, 64}, {64, 64}, {65, 64}} {
		want := uint(0)
		if ab[0] < ab[1] {
			want = 1
		}
		require.Equal(t, want, lessCT(ab[0], ab[1]), "%v", ab)
	}
	for _, r := range []uint32{5, 7, 11, 13, 65521, 4194301} {
		require.Equal(t, uint64(1), uint64(modInverse32(12%r, r))*12%uint64(r), "r=%d", r)
		require.Equal(t, modInverse32(12%r, r), inverse12(r), "r=%d", r)
	}
}

func BenchmarkGenerate1024(b *testing.B) {
	if testing.Short() {
		b.Skip("slow")
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Generate(context.Background(), nil, 1024); err != nil {
			b.Fatal(err)
		}
	}
}
