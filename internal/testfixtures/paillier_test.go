package testfixtures

// Independent check of the committed primes with math/big (test-only, public
// fixture values).

import (
	"math/big"
	"testing"

	"github.com/cronokirby/saferith"
	"github.com/stretchr/testify/require"

	"github.com/mosaic-mpc/mosaic/paillier"
)

func TestFixturesAreBlumSafePrimes(t *testing.T) {
	pairs := PrimePairs(t)
	counts := map[int]int{}
	seen := map[string]bool{}
	for _, pr := range pairs {
		counts[pr.Bits]++
		for _, x := range []*big.Int{pr.P.Big(), pr.Q.Big()} {
			require.Equal(t, pr.Bits/2, x.BitLen())
			require.Equal(t, uint(1), x.Bit(pr.Bits/2-2))
			require.Equal(t, big.Word(3), x.Bits()[0]&3)
			require.True(t, x.ProbablyPrime(2))
			require.True(t, new(big.Int).Rsh(x, 1).ProbablyPrime(2))
			require.False(t, seen[x.String()], "duplicate prime")
			seen[x.String()] = true
		}
	}
	require.GreaterOrEqual(t, counts[2048], 10)
	require.GreaterOrEqual(t, counts[3072], 10)
}

func TestPaillierKeys(t *testing.T) {
	ks := PaillierKeys(t, paillier.ModulusBits2048)
	require.GreaterOrEqual(t, len(ks), 10)
	require.Same(t, ks[0], PaillierKey(t, 0))
	require.Same(t, ks[1], PaillierKey(t, len(ks)+1))
	require.Same(t, ks[len(ks)-1], PaillierKey(t, -1))
	big := PaillierKeys(t, paillier.ModulusBits3072)
	require.Equal(t, paillier.ModulusBits3072, big[0].PublicKey().BitLen())
}

func TestParsePrimePairsRejects(t *testing.T) {
	for _, in := range []string{
		"2048 ab",
		"x ab cd",
		"64 c7 zz",
		"64 c7 f",
	} {
		_, err := ParsePrimePairs([]byte(in))
		require.Error(t, err, in)
	}
}

func TestGuard(t *testing.T) {
	require.Panics(t, func() { PaillierKey(nil, 0) })
}

func TestWeightExtremes(t *testing.T) {
	low, high := WeightExtremes(t)
	require.NotEqual(t, low, high, "the fixture keys must differ in weight")
	weight := func(i int) int {
		sk := PaillierKey(t, i)
		return ones(sk.P().Bytes()) + ones(sk.Q().Bytes())
	}
	for i := range PaillierKeys(t, paillier.ModulusBits2048) {
		require.LessOrEqual(t, weight(low), weight(i))
		require.GreaterOrEqual(t, weight(high), weight(i))
	}
}

func ones(b []byte) int {
	n := 0
	for _, x := range b {
		for ; x != 0; x &= x - 1 {
			n++
		}
	}
	return n
}

func TestExampleKey(t *testing.T) {
	for i := range 3 {
		require.Equal(t, saferith.Choice(1), ExampleKey(i).PublicKey().NNat().Eq(PaillierKey(t, i).PublicKey().NNat()))
	}
}
