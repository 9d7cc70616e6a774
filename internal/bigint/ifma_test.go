package bigint

// The IFMA Montgomery code (mont_ifma.go and its kernels) against math/big
// and against the radix-2^64 code (test-only).

import (
	"crypto/rand"
	"fmt"
	"math/big"
	"testing"

	"github.com/stretchr/testify/require"
)

func skipWithoutIFMA(t testing.TB, n int) {
	t.Helper()
	if !ifmaKernel(n) {
		t.Skipf("no IFMA kernel for %d limbs on this CPU (it needs AVX-512F and AVX-512 IFMA)", n)
	}
}

// ifmaModuli returns the edge moduli of edgeModuli, a random modulus with
// the top bit set, and one a bit shorter than n limbs (same limb count).
func ifmaModuli(t *testing.T, n int) map[string]*big.Int {
	out := edgeModuli(n)
	for name, bitLen := range map[string]int{"random": 64 * n, "short": 64*n - 5} {
		mb, err := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), uint(bitLen)))
		require.NoError(t, err)
		mb.SetBit(mb, bitLen-1, 1)
		mb.SetBit(mb, 0, 1)
		out[name] = mb
	}
	return out
}

// ifmaInputs returns values below 2m that stress the digits and carries:
// 0, 1, m−1, m, m+1, 2m−1, powers of two at digit and limb edges, and
// random values below m and below 2m.
func ifmaInputs(t *testing.T, mb *big.Int) []*big.Int {
	one := big.NewInt(1)
	twoM := new(big.Int).Lsh(mb, 1)
	vals := []*big.Int{
		big.NewInt(0), one,
		new(big.Int).Sub(mb, one), new(big.Int).Set(mb), new(big.Int).Add(mb, one),
		new(big.Int).Sub(twoM, one), new(big.Int).Sub(twoM, big.NewInt(2)),
		new(big.Int).Lsh(one, digitBits), new(big.Int).Sub(new(big.Int).Lsh(one, digitBits), one),
		new(big.Int).Lsh(one, 64), new(big.Int).Sub(new(big.Int).Lsh(one, uint(mb.BitLen()-1)), one),
	}
	for range 4 {
		r, err := rand.Int(rand.Reader, mb)
		require.NoError(t, err)
		r2, err := rand.Int(rand.Reader, twoM)
		require.NoError(t, err)
		vals = append(vals, r, r2)
	}
	var out []*big.Int
	for _, v := range vals {
		if v.Cmp(twoM) < 0 {
			out = append(out, v)
		}
	}
	return out
}

func digitsBig(x []uint64) *big.Int {
	out := new(big.Int)
	for i := len(x) - 1; i >= 0; i-- {
		out.Lsh(out, digitBits)
		out.Add(out, new(big.Int).SetUint64(x[i]))
	}
	return out
}

func bigDigits(t *testing.T, x *big.Int, lanes int) []uint64 {
	out := make([]uint64, lanes)
	v := new(big.Int).Set(x)
	mask := big.NewInt(digitMask)
	for i := range out {
		out[i] = new(big.Int).And(v, mask).Uint64()
		v.Rsh(v, digitBits)
	}
	require.Zero(t, v.Sign(), "value wider than the lanes")
	return out
}

// The kernel's product for inputs below 2m: normalised digits, a value
// below 2m, congruent to a·b·2^(−52k); the shape matches the generator's.
func TestIFMAMulAgainstBig(t *testing.T) {
	for _, n := range kernelLimbs {
		for name, mb := range ifmaModuli(t, n) {
			t.Run(fmt.Sprintf("%d/%s", n, name), func(t *testing.T) {
				skipWithoutIFMA(t, n)
				mt := newMontgomeryIFMA(modulusFromBig(mb))
				k, lanes := ifmaShape(n)
				require.Equal(t, lanes, mt.n)
				require.Greater(t, digitBits*k, mb.BitLen()+1, "R > 4m")
				rInv := new(big.Int).ModInverse(new(big.Int).Lsh(big.NewInt(1), uint(digitBits*k)), mb)
				require.NotNil(t, rInv)
				twoM := new(big.Int).Lsh(mb, 1)
				scratch := make([]uint64, 2*mt.n+1)
				inputs := ifmaInputs(t, mb)
				for _, a := range inputs {
					for _, b := range inputs {
						z := make([]uint64, mt.n)
						mt.mul(z, bigDigits(t, a, lanes), bigDigits(t, b, lanes), scratch)
						for i, d := range z {
							require.LessOrEqual(t, d, uint64(digitMask), "digit %d", i)
						}
						got := digitsBig(z)
						require.Negative(t, got.Cmp(twoM), "%v·%v not below 2m", a, b)
						want := new(big.Int).Mul(a, b)
						want.Mul(want, rInv).Mod(want, mb)
						require.Zero(t, new(big.Int).Mod(got, mb).Cmp(want), "%v·%v", a, b)
						// Aliasing the output with an input changes nothing.
						za := bigDigits(t, a, lanes)
						mt.mul(za, za, bigDigits(t, b, lanes), scratch)
						require.Equal(t, z, za)
					}
				}
			})
		}
	}
}

// Conversions, and the IFMA context against the radix-2^64 one through
// every exponentiation shape, on the same bases and exponents.
func TestIFMAMatchesMULX(t *testing.T) {
	for _, n := range kernelLimbs {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			skipWithoutIFMA(t, n)
			skipIfKernelsUnusable(t, n)
			mb := ifmaModuli(t, n)["random"]
			m := modulusFromBig(mb)
			mi, mx := newMontgomeryIFMA(m), newMontgomery(m)
			bits := mb.BitLen()
			var xs [3]*big.Int
			for i := range xs {
				v, err := rand.Int(rand.Reader, mb)
				require.NoError(t, err)
				xs[i] = v
				require.Zero(t, v.Cmp(mi.toNat(mi.fromNat(natFromBig(v)), bits).Big()), "round trip")
			}
			// toNat reduces a value in [m, 2m).
			top := new(big.Int).Add(mb, xs[0])
			if top.BitLen() <= digitBits*mi.n {
				require.Zero(t, xs[0].Cmp(mi.toNat(bigDigits(t, top, mi.n), bits).Big()))
			}
			es := [][]byte{big.NewInt(0).Bytes(), {1}, allOnes256.Bytes(), mb.Bytes()}
			for _, e := range es {
				for _, x := range xs {
					a := mi.toNat(mi.exp(mi.fromNat(natFromBig(x)), e), bits)
					b := limbsToNat(mx.exp(mx.fromNat(natFromBig(x)), e), bits)
					require.Equal(t, 1, int(a.Eq(b)), "exp")
				}
			}
			conv := func(mt *montgomery) [][]uint64 {
				out := make([][]uint64, len(xs))
				for i, x := range xs {
					out[i] = mt.fromNat(natFromBig(x))
				}
				return out
			}
			ex := [][]byte{allOnes256.Bytes(), mb.Bytes(), {7}}
			pub := []bool{false, true, true}
			xi, xx := conv(mi), conv(mx)
			pairs := []struct{ a, b []uint64 }{
				{mi.exp2(xi[0], ex[0], xi[1], ex[1]), mx.exp2(xx[0], ex[0], xx[1], ex[1])},
				{mi.expMulti(xi, ex), mx.expMulti(xx, ex)},
				{mi.expMultiMixed(xi, ex, pub), mx.expMultiMixed(xx, ex, pub)},
			}
			for i, p := range pairs {
				require.Equal(t, 1, int(mi.toNat(p.a, bits).Eq(limbsToNat(p.b, bits))), "shape %d", i)
			}
		})
	}
}
