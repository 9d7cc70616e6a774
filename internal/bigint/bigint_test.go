package bigint

// Test-only use of math/big as an independent reference.

import (
	"bytes"
	"crypto/rand"
	"errors"
	"math/big"
	"testing"

	"github.com/cronokirby/saferith"
	"github.com/stretchr/testify/require"
)

func natFromBig(x *big.Int) *saferith.Nat { return new(saferith.Nat).SetBig(x, x.BitLen()) }

func intFromBig(x *big.Int) *saferith.Int { return new(saferith.Int).SetBig(x, x.BitLen()) }

var p1024, _ = new(big.Int).SetString("ffffffffffffffffc90fdaa22168c234c4c6628b80dc1cd129024e088a67cc74020bbea63b139b22514a08798e3404ddef9519b3cd3a431b302b0a6df25f14374fe1356d6d51c245e485b576625e7ec6f44c42e9a637ed6b0bff5cb6f406b7edee386bfb5a899fa5ae9f24117c4b1fe649286651ece65381ffffffffffffffff", 16) // RFC 2409 Oakley group 2 prime (1024-bit safe prime)

func TestSampleNat(t *testing.T) {
	m := saferith.ModulusFromUint64(1000)
	seen := map[uint64]bool{}
	for range 5000 {
		x, err := SampleNat(rand.Reader, m)
		require.NoError(t, err)
		require.Less(t, x.Uint64(), uint64(1000))
		require.Equal(t, 10, x.AnnouncedLen())
		seen[x.Uint64()] = true
	}
	require.Greater(t, len(seen), 950)
}

func TestSampleUnit(t *testing.T) {
	m := saferith.ModulusFromUint64(15)
	for range 500 {
		x, err := SampleUnit(rand.Reader, m)
		require.NoError(t, err)
		v := x.Uint64()
		require.NotZero(t, v)
		require.NotZero(t, v%3)
		require.NotZero(t, v%5)
	}
}

func TestSampleIntBits(t *testing.T) {
	neg := 0
	for range 2000 {
		x, err := SampleIntBits(rand.Reader, 20)
		require.NoError(t, err)
		require.True(t, InRangeVarTime(x, 20))
		require.Less(t, x.Abs().TrueLen(), 21)
		neg += int(x.IsNegative())
	}
	require.InDelta(t, 1000, neg, 200)
}

func TestSampleIntScaled(t *testing.T) {
	m := saferith.ModulusFromUint64(1_000_003)
	for range 1000 {
		x, err := SampleIntScaled(rand.Reader, 8, m)
		require.NoError(t, err)
		require.True(t, InRangeScaledVarTime(x, 8, m))
		require.False(t, InRangeScaledVarTime(x, 0, saferith.ModulusFromUint64(1)) && x.Abs().TrueLen() > 1)
	}
}

type failReader struct{}

func (failReader) Read([]byte) (int, error) { return 0, errors.New("boom") }

type zeroReader struct{}

func (zeroReader) Read(b []byte) (int, error) { clear(b); return len(b), nil }

func TestSampleErrors(t *testing.T) {
	m := saferith.ModulusFromUint64(1000)
	_, err := SampleNat(failReader{}, m)
	require.ErrorIs(t, err, ErrRandom)
	_, err = SampleIntBits(failReader{}, 10)
	require.ErrorIs(t, err, ErrRandom)
	// An all-zero stream never yields a unit: the loop must give up.
	_, err = SampleUnit(zeroReader{}, m)
	require.ErrorIs(t, err, ErrRandom)
	_, err = SampleNatBits(rand.Reader, 0)
	require.Error(t, err)
}

func TestInRange(t *testing.T) {
	two := func(e uint) *big.Int { return new(big.Int).Lsh(big.NewInt(1), e) }
	m := saferith.ModulusFromUint64(12345)
	tests := []struct {
		name   string
		x      *big.Int
		bits   int
		in     bool
		scaled bool // |x| ≤ 2^bits·12345
	}{
		{"zero", big.NewInt(0), 0, true, true},
		{"2^k", two(10), 10, true, true},
		{"-2^k", new(big.Int).Neg(two(10)), 10, true, true},
		{"2^k+1", new(big.Int).Add(two(10), big.NewInt(1)), 10, false, true},
		{"-(2^k+1)", new(big.Int).Neg(new(big.Int).Add(two(10), big.NewInt(1))), 10, false, true},
		{"2^(k+1)", two(11), 10, false, true},
		{"bound", new(big.Int).Mul(two(10), big.NewInt(12345)), 10, false, true},
		{"bound+1", new(big.Int).Add(new(big.Int).Mul(two(10), big.NewInt(12345)), big.NewInt(1)), 10, false, false},
		{"-bound-1", new(big.Int).Neg(new(big.Int).Add(new(big.Int).Mul(two(10), big.NewInt(12345)), big.NewInt(1))), 10, false, false},
		{"huge", two(100000), 10, false, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			x := intFromBig(tc.x)
			require.Equal(t, tc.in, InRangeVarTime(x, tc.bits))
			require.Equal(t, tc.scaled, InRangeScaledVarTime(x, tc.bits, m))
			// Padding must not matter.
			padded := x.Clone().Resize(x.AnnouncedLen() + 300)
			require.Equal(t, tc.in, InRangeVarTime(padded, tc.bits))
		})
	}
	require.False(t, InRangeVarTime(nil, 3))
	require.True(t, NatInRangeVarTime(new(saferith.Nat).SetUint64(12344), m))
	require.False(t, NatInRangeVarTime(new(saferith.Nat).SetUint64(12345), m))
	require.False(t, NatInRangeVarTime(nil, m))
}

func TestJacobi(t *testing.T) {
	n := saferith.ModulusFromUint64(21)
	for a := uint64(0); a < 42; a++ {
		want := big.Jacobi(new(big.Int).SetUint64(a), big.NewInt(21))
		require.Equal(t, want, JacobiVarTime(new(saferith.Nat).SetUint64(a), n))
	}
	require.Equal(t, 0, JacobiVarTime(new(saferith.Nat).SetUint64(3), saferith.ModulusFromUint64(20)))
	require.True(t, GCDIsOneVarTime(new(saferith.Nat).SetUint64(4), new(saferith.Nat).SetUint64(21)))
	require.False(t, GCDIsOneVarTime(new(saferith.Nat).SetUint64(14), new(saferith.Nat).SetUint64(21)))
}

func TestCRT(t *testing.T) {
	p := saferith.ModulusFromNat(natFromBig(p1024))
	q := saferith.ModulusFromUint64(1_000_000_007)
	c, err := NewCRT(p, q)
	require.NoError(t, err)
	pq := new(big.Int).Mul(p1024, big.NewInt(1_000_000_007))
	for range 50 {
		xb, err := rand.Int(rand.Reader, pq)
		require.NoError(t, err)
		x := natFromBig(xb)
		xp, xq := c.Split(x)
		require.Equal(t, 0, xb.Cmp(c.Combine(xp, xq).Big()))
	}
	_, err = NewCRT(saferith.ModulusFromUint64(15), saferith.ModulusFromUint64(21))
	require.Error(t, err)
}

func TestOddModulusExp(t *testing.T) {
	m := saferith.ModulusFromNat(natFromBig(p1024))
	o, err := NewOddModulus(m)
	require.NoError(t, err)
	for _, ebits := range []int{1, 64, 1024, 2100} {
		xb, _ := rand.Int(rand.Reader, p1024)
		eb, _ := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), uint(ebits)))
		x, e := natFromBig(xb), new(saferith.Nat).SetBig(eb, ebits)
		want := new(big.Int).Exp(xb, eb, p1024)
		require.Equal(t, 0, want.Cmp(o.Exp(x, e).Big()))
		// Unreduced base.
		xBig := new(big.Int).Add(xb, new(big.Int).Mul(p1024, big.NewInt(7)))
		require.Equal(t, 0, want.Cmp(o.Exp(natFromBig(xBig), e).Big()))
		// Negative exponent.
		negE := new(saferith.Int).SetNat(e).Neg(1)
		wantNeg := new(big.Int).ModInverse(want, p1024)
		if want.Sign() == 0 {
			continue
		}
		require.Equal(t, 0, wantNeg.Cmp(o.ExpInt(x, negE).Big()))
		require.True(t, bytes.Equal(o.ExpBytes(x, eb.Bytes()).Bytes(), o.Exp(x, e).Bytes()))
	}
	// Exp2 = x^a y^b.
	x, y := natFromBig(big.NewInt(5)), natFromBig(big.NewInt(7))
	a, b := intFromBig(big.NewInt(-3)), intFromBig(big.NewInt(4))
	want := new(big.Int).Mul(new(big.Int).ModInverse(big.NewInt(125), p1024), big.NewInt(2401))
	want.Mod(want, p1024)
	require.Equal(t, 0, want.Cmp(o.Exp2(x, a, y, b).Big()))

	_, err = NewOddModulus(saferith.ModulusFromUint64(1024))
	require.ErrorIs(t, err, ErrEvenModulus)
	_, err = NewOddModulus(nil)
	require.ErrorIs(t, err, ErrEvenModulus)
}

// The measurements that picked bigmod over saferith for exponentiation.
func BenchmarkExp2048(b *testing.B) {
	nb, _ := rand.Prime(rand.Reader, 2048)
	m := saferith.ModulusFromNat(natFromBig(nb))
	o, _ := NewOddModulus(m)
	xb, _ := rand.Int(rand.Reader, nb)
	eb, _ := rand.Int(rand.Reader, nb)
	x, e := natFromBig(xb), new(saferith.Nat).SetBig(eb, 2048)
	b.Run("bigmod", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			o.Exp(x, e)
		}
	})
	b.Run("saferith", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			new(saferith.Nat).Exp(x, e, m)
		}
	})
}

func BenchmarkExp4096(b *testing.B) {
	pb, _ := rand.Prime(rand.Reader, 2048)
	qb, _ := rand.Prime(rand.Reader, 2048)
	nb := new(big.Int).Mul(pb, qb)
	m := saferith.ModulusFromNat(natFromBig(nb))
	o, _ := NewOddModulus(m)
	xb, _ := rand.Int(rand.Reader, nb)
	eb, _ := rand.Int(rand.Reader, pb)
	x, e := natFromBig(xb), new(saferith.Nat).SetBig(eb, 2048)
	b.Run("bigmod", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			o.Exp(x, e)
		}
	})
	b.Run("saferith", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			new(saferith.Nat).Exp(x, e, m)
		}
	})
}
