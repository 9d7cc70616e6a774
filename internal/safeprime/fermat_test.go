package safeprime

// The base-2 filters (fermat2, pocklington2) at the sizes where they run on
// internal/bigint's PowerOfTwo against math/big, and the constant-time
// comparisons (test-only).

import (
	"crypto/rand"
	"fmt"
	"math/big"
	"testing"

	"filippo.io/bigmod"
	"github.com/stretchr/testify/require"
)

func TestBase2FiltersAgainstBig(t *testing.T) {
	for _, bits := range []int{64, 1024, 1536} {
		t.Run(fmt.Sprint(bits), func(t *testing.T) {
			p, err := rand.Prime(rand.Reader, bits)
			require.NoError(t, err)
			composite := new(big.Int).Mul(p, big.NewInt(7)) // odd, 3 bits longer
			odd, err := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), uint(bits)))
			require.NoError(t, err)
			odd.SetBit(odd, bits-1, 1).SetBit(odd, 0, 1)
			for _, n := range []*big.Int{p, composite, odd} {
				nm1 := new(big.Int).Sub(n, big.NewInt(1))
				want := new(big.Int).Exp(big.NewInt(2), nm1, n).Cmp(big.NewInt(1)) == 0
				got, err := fermat2(n.Bytes())
				require.NoError(t, err)
				require.Equal(t, want, got, "fermat2(%v)", n)
				// pocklington2(n, (n−1)/2): 2^((n−1)/2) ≡ ±1.
				half := new(big.Int).Rsh(n, 1)
				r := new(big.Int).Exp(big.NewInt(2), half, n)
				want = r.Cmp(big.NewInt(1)) == 0 || r.Cmp(nm1) == 0
				got, err = pocklington2(n.Bytes(), half.FillBytes(make([]byte, len(n.Bytes()))))
				require.NoError(t, err)
				require.Equal(t, want, got, "pocklington2(%v)", n)
			}
		})
	}
}

func TestByteComparisonsCT(t *testing.T) {
	m := []byte{0x80, 0x00, 0x07}
	for _, c := range []struct {
		b          []byte
		one, minus uint
	}{
		{[]byte{0, 0, 1}, 1, 0},
		{[]byte{0, 0, 0}, 0, 0},
		{[]byte{1, 0, 1}, 0, 0},
		{[]byte{0, 0, 3}, 0, 0},
		{[]byte{0x80, 0x00, 0x06}, 0, 1},
		{[]byte{0x80, 0x01, 0x06}, 0, 0},
		{[]byte{0x80, 0x00, 0x07}, 0, 0},
	} {
		require.Equal(t, c.one, isOneCT(c.b), "%x", c.b)
		require.Equal(t, c.minus, isMinusOneCT(c.b, m), "%x", c.b)
	}
}

// BenchmarkFermat2 times the base-2 Fermat filter, most of the search's
// work, at the candidate sizes of 2048 and 3072-bit keys: as fermat2 runs
// it, and on bigmod alone (the code before internal/bigint's PowerOfTwo).
func BenchmarkFermat2(b *testing.B) {
	for _, bits := range []int{1024, 1536} {
		n, err := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), uint(bits)))
		require.NoError(b, err)
		n.SetBit(n, bits-1, 1).SetBit(n, 0, 1)
		nb := n.Bytes()
		b.Run(fmt.Sprintf("bits=%d", bits), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := fermat2(nb); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(fmt.Sprintf("bits=%d/bigmod", bits), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				m, err := bigmod.NewModulus(nb)
				if err != nil {
					b.Fatal(err)
				}
				two := bigmod.NewNat().SetUint(2).ExpandFor(m)
				bigmod.NewNat().Exp(two, decrementOdd(nb), m)
			}
		})
	}
}
