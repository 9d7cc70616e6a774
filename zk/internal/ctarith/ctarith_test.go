package ctarith

import (
	"sync"
	"testing"

	"filippo.io/bigmod"
	"github.com/cronokirby/saferith"
	"github.com/stretchr/testify/require"

	"github.com/mosaic-mpc/mosaic/zk/internal/zktest"
)

func TestInRange(t *testing.T) {
	tests := []struct {
		x    int64
		bits int
		want saferith.Choice
	}{
		{0, 0, 1},
		{1, 0, 1},
		{-1, 0, 1},
		{2, 0, 0},
		{256, 8, 1},
		{-256, 8, 1},
		{257, 8, 0},
		{-257, 8, 0},
		{255, 8, 1},
	}
	for _, tc := range tests {
		require.Equal(t, tc.want, InRange(zktest.IntOf(tc.x), tc.bits), "|%d| ≤ 2^%d", tc.x, tc.bits)
	}
}

func TestIsUnit(t *testing.T) {
	n := saferith.ModulusFromUint64(15)
	tests := []struct {
		x    uint64
		want saferith.Choice
	}{
		{0, 0}, {1, 1}, {2, 1}, {3, 0}, {5, 0}, {14, 1}, {15, 0}, {17, 0},
	}
	for _, tc := range tests {
		x := new(saferith.Nat).SetUint64(tc.x)
		require.Equal(t, tc.want, IsUnit(x, n), "x = %d", tc.x)
		require.Equal(t, tc.x, x.Big().Uint64(), "x unchanged")
	}
}

func TestMulAdd(t *testing.T) {
	tests := []struct{ a, e, b, want int64 }{
		{0, 0, 0, 0},
		{1, 2, 3, 7},
		{5, -2, 3, -1},
		{-5, -2, -3, 1},
		{1 << 40, 1 << 20, -(1 << 20), 0},
	}
	for _, tc := range tests {
		require.Equal(t, saferith.Choice(1), MulAdd(zktest.IntOf(tc.a), zktest.IntOf(tc.e), zktest.IntOf(tc.b)).Eq(zktest.IntOf(tc.want)),
			"%d + %d·%d", tc.a, tc.e, tc.b)
	}
}

// TestMulAddSharedOperands: MulAdd may be called from several goroutines
// on the same e and b (a challenge and a witness shared by the repetitions
// of a proof); under -race this fails if it writes to them.
func TestMulAddSharedOperands(t *testing.T) {
	e, b := zktest.IntOf(1<<30), zktest.IntOf(-(1 << 29))
	var wg sync.WaitGroup
	results := make([]saferith.Choice, 8)
	for i := range results {
		wg.Go(func() { results[i] = MulAdd(zktest.IntOf(7), e, b).Eq(zktest.IntOf(7 - (1 << 59))) })
	}
	wg.Wait()
	for _, got := range results {
		require.Equal(t, saferith.Choice(1), got)
	}
}

func TestBytesAtAnnouncedSize(t *testing.T) {
	x := new(saferith.Nat).SetUint64(5).Resize(20)
	require.Equal(t, []byte{0, 0, 5}, Bytes(x))
	require.Equal(t, []byte{5}, Bytes(new(saferith.Nat).SetUint64(5).Resize(8)))
}

func TestSelectCopyWipe(t *testing.T) {
	m, err := bigmod.NewModulus([]byte{0x01, 0x01}) // 257
	require.NoError(t, err)
	nat := func(v byte) *bigmod.Nat {
		x, err := bigmod.NewNat().SetBytes([]byte{v}, m)
		require.NoError(t, err)
		return x
	}
	a, b := nat(7), nat(9)
	Select(0, a, b)
	require.Equal(t, uint(1), a.Equal(nat(7)), "on = 0 keeps dst")
	Select(1, a, b)
	require.Equal(t, uint(1), a.Equal(nat(9)), "on = 1 takes src")

	c := Copy(b, m)
	Wipe(b, nil)
	require.Equal(t, uint(1), b.IsZero(), "wiped")
	require.Equal(t, uint(1), c.Equal(nat(9)), "the copy is independent")
}
