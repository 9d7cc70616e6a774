package bigint

import (
	"crypto/rand"
	"fmt"
	"math/big"
	"testing"

	"github.com/stretchr/testify/require"
)

// PowerOfTwo against math/big (test-only) for every kernel size, moduli
// with the top bit set or not, the edge moduli, and exponents of several
// lengths including m−1 for a prime m (the Fermat test).
func TestPowerOfTwo(t *testing.T) {
	for _, n := range kernelLimbs {
		moduli := map[string]*big.Int{}
		for name, mb := range edgeModuli(n) {
			moduli[name] = mb
		}
		for _, bitLen := range []int{64 * n, 64*n - 1, 64*n - 40} {
			// Primes (slow to find) at the safe-prime search's sizes,
			// random odd moduli elsewhere.
			var m *big.Int
			var err error
			if n <= 24 {
				m, err = rand.Prime(rand.Reader, bitLen)
			} else {
				m, err = rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), uint(bitLen)))
				m.SetBit(m, bitLen-1, 1).SetBit(m, 0, 1)
			}
			require.NoError(t, err)
			moduli[fmt.Sprintf("m%d", bitLen)] = m
		}
		for name, mb := range moduli {
			t.Run(fmt.Sprintf("%d/%s", n, name), func(t *testing.T) {
				skipIfKernelsUnusable(t, n)
				exps := []*big.Int{big.NewInt(0), big.NewInt(1), big.NewInt(255), new(big.Int).Sub(mb, big.NewInt(1)), allOnes256}
				r, err := rand.Int(rand.Reader, mb)
				require.NoError(t, err)
				exps = append(exps, r)
				mBytes := mb.Bytes()
				// The kernels PowerOfTwo picks, and the MULX kernels
				// whatever the CPU has.
				never := func(int) bool { return false }
				for _, e := range exps {
					for _, pick := range []func(int) bool{ifmaPreferred, never} {
						got, ok := powerOfTwo(mBytes, e.Bytes(), pick)
						require.Equal(t, fastKernel(n), ok)
						if !ok {
							continue
						}
						want := new(big.Int).Exp(big.NewInt(2), e, mb)
						require.Len(t, got, len(mBytes))
						require.Zero(t, want.Cmp(new(big.Int).SetBytes(got)), "2^%v mod %s", e, name)
					}
				}
				if n <= 24 && mb.ProbablyPrime(10) {
					got, ok := PowerOfTwo(mBytes, new(big.Int).Sub(mb, big.NewInt(1)).Bytes())
					if ok {
						require.Zero(t, big.NewInt(1).Cmp(new(big.Int).SetBytes(got)))
					}
				}
			})
		}
	}
	for _, bad := range [][]byte{nil, {0}, {1}, {4}, {0, 0}} {
		_, ok := PowerOfTwo(bad, []byte{3})
		require.False(t, ok, "%x", bad)
	}
	// A size without a kernel (320 bits).
	m := make([]byte, 40)
	m[0], m[39] = 0x80, 1
	_, ok := PowerOfTwo(m, []byte{3})
	require.False(t, ok)
}
