package bigint

// Edge-case tests of the Montgomery code at every size the assembly
// kernels cover, against the portable reference and math/big (test-only).

import (
	"fmt"
	"math/big"
	"testing"

	"github.com/cronokirby/saferith"
	"github.com/stretchr/testify/require"
)

// kernelLimbs are the operand sizes, in 64-bit limbs, that have an
// assembly kernel (mont_amd64.go).
var kernelLimbs = []int{16, 24, 32, 48, 64, 96}

// montRowsRunsAssembly reports whether montRows at an n-limb size calls an
// assembly kernel.
func montRowsRunsAssembly(n int) bool { return assemblyBuild && kernelSize(n) }

func kernelSize(n int) bool {
	for _, k := range kernelLimbs {
		if n == k {
			return true
		}
	}
	return false
}

// skipWithoutKernels skips a test that calls the assembly kernels directly
// on a CPU that cannot run them (amd64 without ADX or BMI2, where they
// would fault). Such CPUs never reach the kernels through the package's
// API: fastKernel turns them off.
func skipWithoutKernels(t testing.TB) {
	t.Helper()
	if !kernelsRunnable() {
		t.Skip("this CPU has no ADX/BMI2 (or is not amd64): the assembly kernels cannot run here, so the tests that call them directly are skipped")
	}
}

// skipIfKernelsUnusable skips a test that runs montRows (or montgomery's
// mul and exp) at an n-limb size where montRows calls an assembly kernel
// that this CPU cannot run.
func skipIfKernelsUnusable(t testing.TB, n int) {
	t.Helper()
	if montRowsRunsAssembly(n) && !kernelsRunnable() {
		t.Skipf("this CPU has no ADX/BMI2: montRows at %d limbs would run an assembly kernel it cannot execute", n)
	}
}

// edgeWords are single limbs that stress carries: 0, 1, all ones, top bit,
// alternating bits both ways, all ones but the top bit, and all ones but 1.
var edgeWords = []uint64{
	0, 1, ^uint64(0), 1 << 63, 0xaaaaaaaaaaaaaaaa, 0x5555555555555555,
	1<<63 - 1, ^uint64(1),
}

// edgeLimbs returns n-limb operands with extreme carry behaviour: zero, one,
// all ones, every limb the top bit, alternating limbs of all ones and zero,
// alternating bit patterns, all ones but a zero low limb, and a top-bit-only
// value.
func edgeLimbs(n int) [][]uint64 {
	fill := func(f func(i int) uint64) []uint64 {
		out := make([]uint64, n)
		for i := range out {
			out[i] = f(i)
		}
		return out
	}
	return [][]uint64{
		fill(func(int) uint64 { return 0 }),
		fill(func(i int) uint64 { return uint64(1 - min(i, 1)) }),
		fill(func(int) uint64 { return ^uint64(0) }),
		fill(func(int) uint64 { return 1 << 63 }),
		fill(func(i int) uint64 { return ^uint64(0) * uint64(i&1) }),
		fill(func(i int) uint64 { return 0xaaaaaaaaaaaaaaaa >> (i & 1) }),
		fill(func(i int) uint64 { return ^uint64(0) * uint64(min(i, 1)) }),
		fill(func(i int) uint64 {
			if i == n-1 {
				return 1 << 63
			}
			return 0
		}),
	}
}

// edgeModuli returns the k-bit moduli 2^k−1, 2^k−3 and 2^(k−1)+1 for
// k = 64n: all-ones limbs, all ones but one bit, and the top and bottom
// bits only.
func edgeModuli(n int) map[string]*big.Int {
	one := big.NewInt(1)
	k := uint(64 * n)
	pow := new(big.Int).Lsh(one, k)
	return map[string]*big.Int{
		"2^k-1":     new(big.Int).Sub(pow, one),
		"2^k-3":     new(big.Int).Sub(pow, big.NewInt(3)),
		"2^(k-1)+1": new(big.Int).Add(new(big.Int).Lsh(one, k-1), one),
	}
}

// montRows (the kernels where there are any) against montRowsGeneric on
// the extreme limb patterns, with the m0inv of each edge modulus and with
// the all-ones m0inv that maximises every row's multiple of m.
func TestMontRowsEdgeCarries(t *testing.T) {
	for _, n := range kernelLimbs {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			skipIfKernelsUnusable(t, n)
			var moduli [][]uint64
			var m0invs []uint64
			for _, mb := range edgeModuli(n) {
				mt := newMontgomery(modulusFromBig(mb))
				moduli = append(moduli, mt.m)
				m0invs = append(m0invs, mt.m0inv)
			}
			moduli = append(moduli, edgeLimbs(n)[2], edgeLimbs(n)[3])
			m0invs = append(m0invs, ^uint64(0))
			for _, m := range moduli {
				for _, m0inv := range m0invs {
					for ai, a := range edgeLimbs(n) {
						for bi, b := range edgeLimbs(n) {
							t1 := make([]uint64, 2*n+1)
							t2 := make([]uint64, 2*n+1)
							c1 := montRows(t1, a, b, m, m0inv)
							c2 := montRowsGeneric(t2, a, b, m, m0inv)
							require.Equal(t, c2, c1, "a=%d b=%d m0inv=%#x: carry", ai, bi, m0inv)
							require.Equal(t, t2, t1, "a=%d b=%d m0inv=%#x: rows", ai, bi, m0inv)
						}
					}
				}
			}
		})
	}
}

// Montgomery multiplication and exponentiation at every kernel size, modulo
// 2^k−1, 2^k−3 and 2^(k−1)+1, on the inputs 0, 1, m−1 and m−2, against
// math/big; and the same through OddModulus, which routes to the kernels
// on a CPU that has them.
func TestMontgomeryEdgeModuli(t *testing.T) {
	for _, n := range kernelLimbs {
		for name, mb := range edgeModuli(n) {
			t.Run(fmt.Sprintf("%d/%s", n, name), func(t *testing.T) {
				skipIfKernelsUnusable(t, n)
				m := modulusFromBig(mb)
				mt := newMontgomery(m)
				k := uint(64 * n)
				rInv := new(big.Int).ModInverse(new(big.Int).Lsh(big.NewInt(1), k), mb)
				require.NotNil(t, rInv)
				inputs := []*big.Int{
					big.NewInt(0), big.NewInt(1),
					new(big.Int).Sub(mb, big.NewInt(1)), new(big.Int).Sub(mb, big.NewInt(2)),
				}
				// Short exponents, and 2^256−1, whose every 4-bit window
				// selects the last table entry.
				exps := []*big.Int{big.NewInt(0), big.NewInt(1), big.NewInt(2), big.NewInt(65537), allOnes256}
				scratch := make([]uint64, 2*n+1)
				for _, a := range inputs {
					for _, b := range inputs {
						z := make([]uint64, n)
						mt.mul(z, natToLimbs(natFromBig(a), n), natToLimbs(natFromBig(b), n), scratch)
						want := new(big.Int).Mul(a, b)
						want.Mul(want, rInv).Mod(want, mb)
						require.Equal(t, 0, want.Cmp(limbsBig(z)), "mul %v·%v", a, b)
					}
					for _, e := range exps {
						want := new(big.Int).Exp(a, e, mb)
						got := limbsBig(mt.exp(natToLimbs(natFromBig(a), n), e.Bytes()))
						require.Equal(t, 0, want.Cmp(got), "exp %v^%v", a, e)
					}
				}
				o, err := NewOddModulus(m)
				require.NoError(t, err)
				require.Equal(t, fastKernel(n), o.mt != nil)
				for _, a := range inputs {
					want := new(big.Int).Exp(a, allOnes256, mb)
					require.Equal(t, 0, want.Cmp(o.Exp(natFromBig(a), natFromBig(allOnes256)).Big()), "OddModulus.Exp %v", a)
				}
			})
		}
	}
}

var allOnes256 = new(big.Int).Sub(new(big.Int).Lsh(big.NewInt(1), 256), big.NewInt(1))

func modulusFromBig(m *big.Int) *saferith.Modulus { return saferith.ModulusFromNat(natFromBig(m)) }
