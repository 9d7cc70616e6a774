package bigint

// Differential tests against math/big (test-only reference).

import (
	"crypto/rand"
	"fmt"
	"math/big"
	"testing"

	"filippo.io/bigmod"
	"github.com/cronokirby/saferith"
	"github.com/stretchr/testify/require"
)

func TestMontgomeryExp(t *testing.T) {
	for _, bitsN := range []int{64, 65, 127, 1024, 2047, 3072, 4096, 4095, 6144} {
		if montRowsRunsAssembly((bitsN+63)/64) && !kernelsRunnable() {
			t.Logf("%d bits skipped: this CPU has no ADX/BMI2 for the assembly kernel", bitsN)
			continue
		}
		nb, _ := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), uint(bitsN)))
		nb.SetBit(nb, bitsN-1, 1)
		nb.SetBit(nb, 0, 1)
		m := saferith.ModulusFromNat(natFromBig(nb))
		mt := newMontgomery(m)
		for _, ebits := range []int{0, 1, 8, 200, bitsN} {
			xb, _ := rand.Int(rand.Reader, nb)
			eb, _ := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), uint(ebits)))
			ebytes := eb.Bytes()
			got := limbsToNat(mt.exp(natToLimbs(natFromBig(xb), mt.n), ebytes), bitsN).Big()
			want := new(big.Int).Exp(xb, eb, nb)
			require.Equal(t, 0, want.Cmp(got), "bits %d ebits %d", bitsN, ebits)
		}
		// Edge values: 0, 1, m−1.
		for _, xb := range []*big.Int{big.NewInt(0), big.NewInt(1), new(big.Int).Sub(nb, big.NewInt(1))} {
			eb := big.NewInt(65537)
			got := limbsToNat(mt.exp(natToLimbs(natFromBig(xb), mt.n), eb.Bytes()), bitsN).Big()
			require.Equal(t, 0, new(big.Int).Exp(xb, eb, nb).Cmp(got))
		}
	}
}

func TestAddMulVVW(t *testing.T) {
	for _, n := range []int{1, 3, 4, 5, 8, 48, 64, 67, 96} {
		kernel := addMulVVW
		z := make([]uint64, n)
		x := make([]uint64, n)
		for i := range z {
			z[i] = ^uint64(0) - uint64(i)
			x[i] = ^uint64(0) - 3*uint64(i)
		}
		zb, xb := limbsBig(z), limbsBig(x)
		y := ^uint64(0) - 5
		c := kernel(z, x, y)
		want := new(big.Int).Add(zb, new(big.Int).Mul(xb, new(big.Int).SetUint64(y)))
		got := new(big.Int).Add(limbsBig(z), new(big.Int).Lsh(new(big.Int).SetUint64(c), uint(64*n)))
		require.Equal(t, 0, want.Cmp(got), "n=%d", n)
	}
}

func limbsBig(x []uint64) *big.Int {
	out := new(big.Int)
	for i := len(x) - 1; i >= 0; i-- {
		out.Lsh(out, 64)
		out.Or(out, new(big.Int).SetUint64(x[i]))
	}
	return out
}

func BenchmarkMontExp2048(b *testing.B) {
	skipIfKernelsUnusable(b, 32)
	nb, _ := rand.Prime(rand.Reader, 2048)
	m := saferith.ModulusFromNat(natFromBig(nb))
	mt := newMontgomery(m)
	o, _ := NewOddModulus(m)
	xb, _ := rand.Int(rand.Reader, nb)
	eb, _ := rand.Int(rand.Reader, nb)
	x := natToLimbs(natFromBig(xb), mt.n)
	e := new(saferith.Nat).SetBig(eb, 2048).Bytes()
	b.Run("mont", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			mt.exp(x, e)
		}
	})
	b.Run("bigmod", func(b *testing.B) {
		bx := o.toBigmod(natFromBig(xb))
		b.ReportAllocs()
		for b.Loop() {
			bigmod.NewNat().Exp(bx, e, o.bm)
		}
	})
}

func BenchmarkMontExp4096(b *testing.B) {
	skipIfKernelsUnusable(b, 64)
	pb, _ := rand.Prime(rand.Reader, 2048)
	qb, _ := rand.Prime(rand.Reader, 2048)
	nb := new(big.Int).Mul(pb, qb)
	m := saferith.ModulusFromNat(natFromBig(nb))
	mt := newMontgomery(m)
	xb, _ := rand.Int(rand.Reader, nb)
	eb, _ := rand.Int(rand.Reader, pb)
	x := natToLimbs(natFromBig(xb), mt.n)
	e := new(saferith.Nat).SetBig(eb, 2048).Bytes()
	b.ReportAllocs()
	for b.Loop() {
		mt.exp(x, e)
	}
}

func TestKernelsRandom(t *testing.T) {
	// montRows (assembly where available) against montRowsGeneric.
	for _, n := range []int{16, 24, 32, 48, 64, 96, 5} {
		if montRowsRunsAssembly(n) && !kernelsRunnable() {
			t.Logf("%d limbs skipped: this CPU has no ADX/BMI2 for the assembly kernel", n)
			continue
		}
		buf := make([]byte, 8*n)
		limbs := func() []uint64 {
			_, _ = rand.Read(buf)
			out := make([]uint64, n)
			for i := range out {
				for _, c := range buf[8*i : 8*i+8] {
					out[i] = out[i]<<8 | uint64(c)
				}
			}
			return out
		}
		for range 100 {
			a, b, m := limbs(), limbs(), limbs()
			m[0] |= 1
			m0inv := uint64(0x9e3779b97f4a7c15) // any value exercises the carries
			t1 := make([]uint64, 2*n+1)
			t2 := make([]uint64, 2*n+1)
			c1 := montRows(t1, a, b, m, m0inv)
			c2 := montRowsGeneric(t2, a, b, m, m0inv)
			require.Equal(t, c2, c1, "n=%d", n)
			require.Equal(t, t2, t1, "n=%d", n)
		}
	}
}

// FuzzOddModulusExp compares the exponentiation paths (bigmod or the
// assembly Montgomery code, depending on size) with saferith.
func FuzzOddModulusExp(f *testing.F) {
	f.Add([]byte{3}, []byte{5}, uint8(64))
	f.Add([]byte{0xff, 0xff}, []byte{0xff}, uint8(48))
	f.Add([]byte{}, []byte{}, uint8(96))
	mods := map[uint8]*OddModulus{}
	for _, n := range []uint8{16, 32, 48, 64, 96} {
		mb, _ := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), uint(64*int(n))))
		mb.SetBit(mb, 64*int(n)-1, 1)
		mb.SetBit(mb, 0, 1)
		o, err := NewOddModulus(saferith.ModulusFromNat(natFromBig(mb)))
		require.NoError(f, err)
		mods[n] = o
	}
	f.Fuzz(func(t *testing.T, xb, eb []byte, n uint8) {
		o, ok := mods[n]
		if !ok || len(eb) > 64 {
			return
		}
		x := new(saferith.Nat).SetBytes(xb)
		e := new(saferith.Nat).SetBytes(eb)
		want := new(saferith.Nat).Exp(new(saferith.Nat).Mod(x, o.Modulus()), e, o.Modulus())
		require.Equal(t, 1, int(o.Exp(x, e).Eq(want)))
	})
}

func TestExp2AndFixedBase(t *testing.T) {
	for _, bitsN := range []int{1024, 2048, 3072, 4096} {
		// A random odd modulus: the bases below are units with overwhelming
		// probability (checked), which is all negative exponents need.
		nb, _ := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), uint(bitsN)))
		nb.SetBit(nb, bitsN-1, 1)
		nb.SetBit(nb, 0, 1)
		o, err := NewOddModulus(saferith.ModulusFromNat(natFromBig(nb)))
		require.NoError(t, err)
		xb, _ := rand.Int(rand.Reader, nb)
		yb, _ := rand.Int(rand.Reader, nb)
		one := big.NewInt(1)
		if new(big.Int).GCD(nil, nil, xb, nb).Cmp(one) != 0 || new(big.Int).GCD(nil, nil, yb, nb).Cmp(one) != 0 {
			continue
		}
		x, y := natFromBig(xb), natFromBig(yb)
		for _, sizes := range [][2]int{{1, 1}, {100, 2900}, {2900, 100}, {2818, 2818}} {
			a, err := SampleIntBits(rand.Reader, sizes[0])
			require.NoError(t, err)
			b, err := SampleIntBits(rand.Reader, sizes[1])
			require.NoError(t, err)
			want := new(big.Int).Exp(xb, a.Big(), nb)
			want.Mul(want, new(big.Int).Exp(yb, b.Big(), nb)).Mod(want, nb)
			require.Equal(t, 0, want.Cmp(o.Exp2(x, a, y, b).Big()), "Exp2 %d %v", bitsN, sizes)
		}
		if o.mt == nil {
			continue
		}
		for _, maxBits := range []int{4, 9, 2816, 2820} {
			fb, err := o.NewFixedBase(x, maxBits)
			require.NoError(t, err)
			for _, eBits := range []int{1, 4, maxBits} {
				e, err := SampleNatBits(rand.Reader, eBits)
				require.NoError(t, err)
				got, err := fb.Exp(e)
				require.NoError(t, err)
				require.Equal(t, 0, new(big.Int).Exp(xb, e.Big(), nb).Cmp(got.Big()), "fixed %d/%d", maxBits, eBits)
			}
			_, err = fb.Exp(new(saferith.Nat).SetUint64(1).Resize(fb.MaxBits() + 1))
			require.Error(t, err)
		}
	}
}

func BenchmarkCommitShapes2048(b *testing.B) {
	nb, _ := rand.Prime(rand.Reader, 2048)
	o, _ := NewOddModulus(saferith.ModulusFromNat(natFromBig(nb)))
	xb, _ := rand.Int(rand.Reader, nb)
	yb, _ := rand.Int(rand.Reader, nb)
	x, y := natFromBig(xb), natFromBig(yb)
	ex, _ := SampleNatBits(rand.Reader, 2816)
	ey, _ := SampleNatBits(rand.Reader, 2816)
	b.Run("two-exps", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			r := o.Exp(x, ex)
			r.ModMul(r, o.Exp(y, ey), o.Modulus())
		}
	})
	b.Run("exp2", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			o.Exp2Nat(x, ex, y, ey)
		}
	})
	fx, _ := o.NewFixedBase(x, 2816)
	fy, _ := o.NewFixedBase(y, 2816)
	b.Run("fixed-base", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			r, _ := fx.Exp(ex)
			s, _ := fy.Exp(ey)
			r.ModMul(r, s, o.Modulus())
		}
	})
	b.Run("table-build", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			_, _ = o.NewFixedBase(x, 2816)
		}
	})
}

// BenchmarkFixedBaseStride measures the table-size/speed trade-off of the
// interleaving stride at the sizes the callers use: ring-Pedersen
// commitments (2048-bit N̂, 2817-bit exponents) and the Paillier nonce
// tables (1024-bit p with 1024-bit exponents, 2048-bit p²).
func BenchmarkFixedBaseStride(b *testing.B) {
	for _, sz := range [][2]int{{2048, 2817}, {1024, 1024}, {2048, 1024}} {
		nb, _ := rand.Prime(rand.Reader, sz[0])
		o, _ := NewOddModulus(saferith.ModulusFromNat(natFromBig(nb)))
		xb, _ := rand.Int(rand.Reader, nb)
		e, _ := SampleNatBits(rand.Reader, sz[1])
		for _, stride := range []int{1, 2, 4, 8, 16} {
			fb, err := o.NewFixedBaseStride(natFromBig(xb), sz[1], stride)
			if err != nil {
				b.Skip(err)
			}
			b.Run(fmt.Sprintf("m%d-e%d/stride%d-%dKB", sz[0], sz[1], stride, fb.TableBytes()>>10), func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					if _, err := fb.Exp(e); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

func TestFixedBaseStrides(t *testing.T) {
	nb, _ := rand.Prime(rand.Reader, 1024)
	o, err := NewOddModulus(saferith.ModulusFromNat(natFromBig(nb)))
	require.NoError(t, err)
	if o.mt == nil {
		t.Skip("no assembly kernel")
	}
	xb, _ := rand.Int(rand.Reader, nb)
	yb, _ := rand.Int(rand.Reader, nb)
	tests := []struct {
		name          string
		maxBits       int
		stride        int
		eBits, fBits  int
		wantErr       bool
		mixedStrides  bool
		mixedModulus  bool
		mismatchedLen bool
	}{
		{name: "stride 1", maxBits: 1024, stride: 1, eBits: 1024, fBits: 7},
		{name: "stride 3, odd sizes", maxBits: 1001, stride: 3, eBits: 999, fBits: 1001},
		{name: "stride 4", maxBits: 2817, stride: 4, eBits: 2817, fBits: 768},
		{name: "stride 16", maxBits: 100, stride: 16, eBits: 1, fBits: 100},
		{name: "stride larger than the exponent", maxBits: 8, stride: 64, eBits: 8, fBits: 3},
		{name: "exponent too long", maxBits: 64, stride: 4, eBits: 1000, fBits: 8, wantErr: true},
		{name: "different strides", maxBits: 64, stride: 4, eBits: 8, fBits: 8, wantErr: true, mixedStrides: true},
		{name: "different moduli", maxBits: 64, stride: 4, eBits: 8, fBits: 8, wantErr: true, mixedModulus: true},
		{name: "one exponent missing", maxBits: 64, stride: 4, eBits: 8, fBits: 8, wantErr: true, mismatchedLen: true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			fx, err := o.NewFixedBaseStride(natFromBig(xb), tc.maxBits, tc.stride)
			require.NoError(t, err)
			ostride := tc.stride
			if tc.mixedStrides {
				ostride++
			}
			oy := o
			if tc.mixedModulus {
				oy, err = NewOddModulus(saferith.ModulusFromNat(natFromBig(nb)))
				require.NoError(t, err)
			}
			fy, err := oy.NewFixedBaseStride(natFromBig(yb), tc.maxBits, ostride)
			require.NoError(t, err)
			e, err := SampleNatBits(rand.Reader, tc.eBits)
			require.NoError(t, err)
			f, err := SampleNatBits(rand.Reader, tc.fBits)
			require.NoError(t, err)
			exps := []*saferith.Nat{e, f}
			if tc.mismatchedLen {
				exps = exps[:1]
			}
			got, err := FixedBaseExp([]*FixedBase{fx, fy}, exps)
			if tc.wantErr {
				require.Error(t, err)
				return
			}
			require.NoError(t, err)
			want := new(big.Int).Exp(xb, e.Big(), nb)
			want.Mul(want, new(big.Int).Exp(yb, f.Big(), nb)).Mod(want, nb)
			require.Equal(t, 0, want.Cmp(got.Big()))
			single, err := fx.Exp(e)
			require.NoError(t, err)
			require.Equal(t, 0, new(big.Int).Exp(xb, e.Big(), nb).Cmp(single.Big()))
			require.GreaterOrEqual(t, fx.MaxBits(), tc.maxBits)
		})
	}
	_, err = o.NewFixedBaseStride(natFromBig(xb), 64, 0)
	require.Error(t, err)
	_, err = FixedBaseExp(nil, nil)
	require.Error(t, err)
}

func TestExpMulti(t *testing.T) {
	for _, bitsN := range []int{300, 1024, 2048} {
		nb, _ := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), uint(bitsN)))
		nb.SetBit(nb, bitsN-1, 1)
		nb.SetBit(nb, 0, 1)
		o, err := NewOddModulus(saferith.ModulusFromNat(natFromBig(nb)))
		require.NoError(t, err)
		tests := []struct {
			name    string
			expBits []int
		}{
			{"no bases", nil},
			{"one base", []int{1024}},
			{"ring-Pedersen shape", []int{1024, 1024, 256}},
			{"N0² shape", []int{768, 2048, 256}},
			{"tiny and empty exponents", []int{1, 8, 0}},
		}
		for _, tc := range tests {
			t.Run(fmt.Sprintf("%d/%s", bitsN, tc.name), func(t *testing.T) {
				var xs, es []*saferith.Nat
				want := big.NewInt(1)
				for _, eBits := range tc.expBits {
					xb, _ := rand.Int(rand.Reader, nb)
					e := new(saferith.Nat)
					if eBits > 0 {
						e, err = SampleNatBits(rand.Reader, eBits)
						require.NoError(t, err)
					}
					xs, es = append(xs, natFromBig(xb)), append(es, e)
					want.Mul(want, new(big.Int).Exp(xb, e.Big(), nb)).Mod(want, nb)
				}
				got, err := o.ExpMulti(xs, es)
				require.NoError(t, err)
				require.Equal(t, 0, want.Mod(want, nb).Cmp(got.Big()))
			})
		}
	}
	o, err := NewOddModulus(saferith.ModulusFromUint64(101))
	require.NoError(t, err)
	_, err = o.ExpMulti([]*saferith.Nat{new(saferith.Nat).SetUint64(2)}, nil)
	require.Error(t, err)
}

func TestExpMultiMixed(t *testing.T) {
	for _, bitsN := range []int{300, 1024, 2048, 4096} {
		nb, _ := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), uint(bitsN)))
		nb.SetBit(nb, bitsN-1, 1)
		nb.SetBit(nb, 0, 1)
		o, err := NewOddModulus(saferith.ModulusFromNat(natFromBig(nb)))
		require.NoError(t, err)
		allOnes := new(saferith.Nat).SetBig(new(big.Int).Sub(new(big.Int).Lsh(big.NewInt(1), 300), big.NewInt(1)), 300)
		tests := []struct {
			name    string
			expBits []int
			public  []bool
			fixed   []*saferith.Nat // used instead of a random exponent when not nil
		}{
			{"no bases", nil, nil, nil},
			{"ρ^N shape", []int{2048}, []bool{true}, nil},
			{"Πaff-g A shape", []int{768, 2048}, []bool{false, true}, nil},
			{"keyed ring-Pedersen shape", []int{768, 1024, 256}, []bool{true, false, true}, nil},
			{"all public, unequal", []int{2048, 256, 7}, []bool{true, true, true}, nil},
			{"all ones and zero", []int{300, 0, 1}, []bool{true, true, false}, []*saferith.Nat{allOnes, new(saferith.Nat), nil}},
			{"one", []int{1, 8}, []bool{true, true}, []*saferith.Nat{new(saferith.Nat).SetUint64(1), new(saferith.Nat).SetUint64(128)}},
		}
		for _, tc := range tests {
			t.Run(fmt.Sprintf("%d/%s", bitsN, tc.name), func(t *testing.T) {
				var xs, es []*saferith.Nat
				want := big.NewInt(1)
				for i, eBits := range tc.expBits {
					xb, _ := rand.Int(rand.Reader, nb)
					e := new(saferith.Nat)
					switch {
					case tc.fixed != nil && tc.fixed[i] != nil:
						e = tc.fixed[i]
					case eBits > 0:
						e, err = SampleNatBits(rand.Reader, eBits)
						require.NoError(t, err)
					}
					xs, es = append(xs, natFromBig(xb)), append(es, e)
					want.Mul(want, new(big.Int).Exp(xb, e.Big(), nb)).Mod(want, nb)
				}
				got, err := o.ExpMultiMixed(xs, es, tc.public)
				require.NoError(t, err)
				require.Equal(t, 0, want.Mod(want, nb).Cmp(got.Big()))
				if len(xs) == 1 {
					require.Equal(t, 0, want.Cmp(o.ExpPublicExp(xs[0], es[0]).Big()))
				}
			})
		}
	}
	o, err := NewOddModulus(saferith.ModulusFromUint64(101))
	require.NoError(t, err)
	require.Equal(t, uint64(32), o.ExpPublicExp(new(saferith.Nat).SetUint64(2), new(saferith.Nat).SetUint64(5)).Uint64())
	_, err = o.ExpMultiMixed([]*saferith.Nat{new(saferith.Nat).SetUint64(2)}, []*saferith.Nat{new(saferith.Nat).SetUint64(2)}, nil)
	require.Error(t, err)
}

func TestSlidingWindows(t *testing.T) {
	for range 200 {
		e, err := SampleNatBits(rand.Reader, 300)
		require.NoError(t, err)
		for w := 1; w <= 7; w++ {
			// Σ value·2^pos over the windows rebuilds the exponent, and
			// every value is odd and below 2^w.
			sum := new(big.Int)
			for pos, v := range slidingWindows(e.Bytes(), w) {
				if v == 0 {
					continue
				}
				require.Equal(t, uint8(1), v&1)
				require.Less(t, int(v), 1<<w)
				sum.Add(sum, new(big.Int).Lsh(big.NewInt(int64(v)), uint(pos)))
			}
			require.Equal(t, 0, sum.Cmp(e.Big()), "w=%d", w)
		}
	}
}

func BenchmarkExpMultiMixed(b *testing.B) {
	pb, _ := rand.Prime(rand.Reader, 2048)
	qb, _ := rand.Prime(rand.Reader, 2048)
	nb := new(big.Int).Mul(pb, qb)
	o, _ := NewOddModulus(saferith.ModulusFromNat(natFromBig(nb)))
	xb, _ := rand.Int(rand.Reader, nb)
	yb, _ := rand.Int(rand.Reader, nb)
	xs := []*saferith.Nat{natFromBig(xb), natFromBig(yb)}
	es := []*saferith.Nat{natFromBig(pb), new(saferith.Nat).SetUint64(0xdeadbeef).Resize(256)}
	for _, public := range []bool{false, true} {
		b.Run(fmt.Sprintf("z^N·K^e-4096/public=%v", public), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := o.ExpMultiMixed(xs, es, []bool{public, public}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
