package paillier_test

import (
	"crypto/rand"
	"sync"
	"testing"

	"github.com/cronokirby/saferith"
	"github.com/stretchr/testify/require"

	"github.com/mosaic-mpc/mosaic/internal/bigint"
	"github.com/mosaic-mpc/mosaic/internal/testfixtures"
	"github.com/mosaic-mpc/mosaic/paillier"
)

func TestGeneratePedersen(t *testing.T) {
	sk := testfixtures.PaillierKey(t, 0)
	pp, lambda, err := sk.GeneratePedersen(rand.Reader)
	require.NoError(t, err)
	// s = t^λ mod N.
	s := pp.NOdd().Exp(pp.T(), lambda)
	require.Equal(t, 1, int(s.Eq(pp.S())))
	// t is a square: Jacobi symbol +1.
	require.Equal(t, 1, bigint.JacobiVarTime(pp.T(), pp.N()))
	require.True(t, pp.N().Nat().Eq(sk.PublicKey().NNat()) == 1)
	_, _, lt := lambda.CmpMod(saferith.ModulusFromNat(sk.Phi()))
	require.Equal(t, 1, int(lt))

	data, err := pp.MarshalBinary()
	require.NoError(t, err)
	back, err := paillier.ParsePedersenParams(data, paillier.WithLevel(paillier.Level112))
	require.NoError(t, err)
	require.True(t, back.Equal(pp))
	_, err = paillier.ParsePedersenParams(data, paillier.WithModulusBits(3072))
	require.ErrorIs(t, err, paillier.ErrModulusSize)
}

func TestCommit(t *testing.T) {
	sk := testfixtures.PaillierKey(t, 1)
	pp, lambda, err := sk.GeneratePedersen(rand.Reader)
	require.NoError(t, err)
	mod := pp.N()
	x1, _ := bigint.SampleIntBits(rand.Reader, 768)
	y1, _ := bigint.SampleIntScaled(rand.Reader, 256, mod)
	x2, _ := bigint.SampleIntBits(rand.Reader, 768)
	y2, _ := bigint.SampleIntScaled(rand.Reader, 256, mod)

	// Additive homomorphism, including negative exponents.
	c := new(saferith.Nat).ModMul(pp.Commit(x1, y1), pp.Commit(x2, y2), mod)
	sum := pp.Commit(new(saferith.Int).Add(x1, x2, -1), new(saferith.Int).Add(y1, y2, -1))
	require.Equal(t, 1, int(c.Eq(sum)))

	neg := pp.Commit(x1.Clone().Neg(1), y1.Clone().Neg(1))
	require.Equal(t, 1, int(new(saferith.Nat).ModMul(neg, pp.Commit(x1, y1), mod).Eq(new(saferith.Nat).SetUint64(1))))

	// s^x t^y = t^(λx + y).
	e := new(saferith.Int).Mul(new(saferith.Int).SetNat(lambda), x1, -1)
	e.Add(e, y1, -1)
	require.Equal(t, 1, int(pp.Commit(x1, y1).Eq(sk.ExpN(pp.T(), e))))
	zero := new(saferith.Int).SetUint64(0)
	require.Equal(t, 1, int(pp.Commit(zero, zero).Eq(new(saferith.Nat).SetUint64(1))))
}

func TestNewPedersenParamsRejects(t *testing.T) {
	sk := testfixtures.PaillierKey(t, 2)
	pp, _, err := sk.GeneratePedersen(rand.Reader)
	require.NoError(t, err)
	n, s, tt := pp.NNat(), pp.S(), pp.T()
	one := new(saferith.Nat).SetUint64(1)
	nm1 := new(saferith.Nat).Sub(n, one, 2048)
	tests := []struct {
		name    string
		n, s, t *saferith.Nat
		err     error
	}{
		{"valid", n, s, tt, nil},
		{"s = t", n, tt, tt, paillier.ErrInvalidPedersen},
		{"s = 1 (case 8)", n, one, tt, paillier.ErrInvalidPedersen},
		{"t = 1 (case 8)", n, s, one, paillier.ErrInvalidPedersen},
		{"t = 0", n, s, new(saferith.Nat).SetUint64(0), paillier.ErrInvalidPedersen},
		{"t = N-1", n, s, nm1, paillier.ErrInvalidPedersen},
		{"s = N", n, n, tt, paillier.ErrInvalidPedersen},
		{"s = N+1", n, new(saferith.Nat).Add(n, one, 2049), tt, paillier.ErrInvalidPedersen},
		{"gcd(s, N) > 1 (case 8)", n, sk.P(), tt, paillier.ErrInvalidPedersen},
		{"gcd(t, N) > 1", n, s, sk.Q(), paillier.ErrInvalidPedersen},
		{"short N", sk.P(), one, tt, paillier.ErrModulusSize},
		{"nil s", n, nil, tt, paillier.ErrInvalidPedersen},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := paillier.NewPedersenParams(tc.n, tc.s, tc.t, paillier.WithLevel(paillier.Level112))
			if tc.err != nil {
				require.ErrorIs(t, err, tc.err)
				return
			}
			require.NoError(t, err)
			require.True(t, got.Equal(pp))
		})
	}
}

func TestUnmarshalPedersenRejects(t *testing.T) {
	sk := testfixtures.PaillierKey(t, 3)
	pp, _, err := sk.GeneratePedersen(rand.Reader)
	require.NoError(t, err)
	good, err := pp.MarshalBinary()
	require.NoError(t, err)
	cp := func() []byte { return append([]byte(nil), good...) }
	sIsT := cp()
	copy(sIsT[4+256:4+512], sIsT[4+512:])
	tests := []struct {
		name string
		data []byte
		err  error
	}{
		{"empty", nil, paillier.ErrEncoding},
		{"truncated", good[:len(good)-1], paillier.ErrEncoding},
		{"trailing", append(cp(), 0), paillier.ErrEncoding},
		{"s = t", sIsT, paillier.ErrInvalidPedersen},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var back paillier.PedersenParams
			require.ErrorIs(t, back.UnmarshalBinary(tc.data), tc.err)
		})
	}
}

func TestCommitPrecomputed(t *testing.T) {
	sk := testfixtures.PaillierKey(t, 4)
	pp, _, err := sk.GeneratePedersen(rand.Reader)
	require.NoError(t, err)
	fast, err := pp.Precompute(1100)
	require.NoError(t, err)
	require.True(t, fast.Equal(pp))
	if !fast.Precomputed() {
		t.Skip("no fixed-base tables on this platform")
	}
	mod := pp.N()
	zero := new(saferith.Int).SetUint64(0)
	big1, _ := bigint.SampleIntBits(rand.Reader, 1100)
	cases := [][2]*saferith.Int{{zero, zero}, {big1, big1.Clone().Neg(1)}}
	for range 5 {
		x, _ := bigint.SampleIntBits(rand.Reader, 1000)
		y, _ := bigint.SampleIntBits(rand.Reader, 1100)
		cases = append(cases, [2]*saferith.Int{x, y})
	}
	// Larger than the table: falls back to the two-base exponentiation.
	huge, _ := bigint.SampleIntScaled(rand.Reader, 768, mod)
	cases = append(cases, [2]*saferith.Int{huge, huge})
	for _, c := range cases {
		require.Equal(t, 1, int(fast.Commit(c[0], c[1]).Eq(pp.Commit(c[0], c[1]))))
		want := new(saferith.Nat).ModMul(pp.NOdd().ExpInt(pp.S(), c[0]), pp.NOdd().ExpInt(pp.T(), c[1]), mod)
		require.Equal(t, 1, int(fast.Commit(c[0], c[1]).Eq(want)))
	}
	_, err = pp.Precompute(0)
	require.Error(t, err)
}

// TestCommitLazyTables: the first fitting Commit builds tables (once, even
// when many goroutines commit at once), and every commitment equals the
// plain two-base computation, tables or not.
func TestCommitLazyTables(t *testing.T) {
	sk := testfixtures.PaillierKey(t, 5)
	pp, _, err := sk.GeneratePedersen(rand.Reader)
	require.NoError(t, err)
	require.False(t, pp.Precomputed(), "tables before any Commit")
	mod := pp.N()
	want := func(x, y *saferith.Int) *saferith.Nat {
		return new(saferith.Nat).ModMul(pp.NOdd().ExpInt(pp.S(), x), pp.NOdd().ExpInt(pp.T(), y), mod)
	}
	sample := func(bits int) *saferith.Int {
		v, err := bigint.SampleIntBits(rand.Reader, bits)
		require.NoError(t, err)
		return v
	}
	fit := paillier.LazyTableExtraBits + pp.BitLen()
	tests := []struct {
		name string
		x, y *saferith.Int
	}{
		{"zero", new(saferith.Int), new(saferith.Int)},
		{"enc-sized", sample(768), sample(fit)},
		{"negative", sample(256).Neg(1), sample(2304).Neg(1)},
		{"widest that fits", sample(fit), sample(fit)},
		{"y too wide for the tables", sample(768), sample(fit + 1)},
		{"x too wide for the tables", sample(fit + 100), sample(8)},
	}
	// Concurrent first use: the build must happen once and race-free.
	var wg sync.WaitGroup
	got := make([][]*saferith.Nat, 4)
	for w := range got {
		got[w] = make([]*saferith.Nat, len(tests))
		wg.Go(func() {
			for i, tc := range tests {
				got[w][i] = pp.Commit(tc.x, tc.y)
			}
		})
	}
	wg.Wait()
	if !pp.Precomputed() {
		t.Log("no fixed-base tables on this platform")
	}
	for i, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			w := want(tc.x, tc.y)
			for _, g := range got {
				require.Equal(t, 1, int(g[i].Eq(w)))
			}
		})
	}
	// A parsed copy starts without tables of its own and agrees.
	data, err := pp.MarshalBinary()
	require.NoError(t, err)
	back, err := paillier.ParsePedersenParams(data, paillier.WithLevel(paillier.Level112))
	require.NoError(t, err)
	require.False(t, back.Precomputed())
	require.Equal(t, 1, int(back.Commit(tests[1].x, tests[1].y).Eq(got[0][1])))
}
