package wire

import (
	"errors"
	"testing"

	"github.com/cronokirby/saferith"
	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/mosaic-mpc/mosaic/zk"
	"github.com/stretchr/testify/require"
)

func TestRoundTrip(t *testing.T) {
	c := curve.Secp256k1()
	e := Encoder{Name: "t", MaxField: 64}
	e.Nat(new(saferith.Nat).SetUint64(300))
	e.Int(new(saferith.Int).SetUint64(7).Neg(1))
	e.Int(new(saferith.Int))
	e.B = append(e.B, c.Generator().Bytes()...)
	e.B = append(e.B, c.ScalarFromUint64(9).Bytes()...)
	require.NoError(t, e.Err)

	d := Decoder{Name: "t", MaxField: 64, B: e.B}
	require.Equal(t, uint64(300), d.Nat("n").Big().Uint64())
	require.Equal(t, int64(-7), d.Int("i").Big().Int64())
	require.Equal(t, int64(0), d.Int("zero").Big().Int64())
	require.True(t, d.Point(c, "p").Equal(c.Generator()))
	require.True(t, d.Scalar(c, "s").Equal(c.ScalarFromUint64(9)))
	require.NoError(t, d.Finish())
}

func TestRejects(t *testing.T) {
	cases := map[string][]byte{
		"truncated length": {0},
		"truncated value":  {0, 2, 1},
		"leading zero":     {0, 2, 0, 1},
		"too long":         {0, 65},
		"trailing":         {0, 1, 1, 9},
	}
	for name, b := range cases {
		d := Decoder{Name: "t", MaxField: 64, B: b}
		d.Nat("n")
		require.True(t, errors.Is(d.Finish(), zk.ErrMalformed), name)
	}
	d := Decoder{Name: "t", MaxField: 64, B: []byte{2, 0, 1, 1}}
	d.Int("bad sign")
	require.ErrorIs(t, d.Finish(), zk.ErrMalformed)
	d = Decoder{Name: "t", MaxField: 64, B: []byte{1, 0, 0}}
	d.Int("negative zero")
	require.ErrorIs(t, d.Finish(), zk.ErrMalformed)
	e := Encoder{Name: "t", MaxField: 1}
	e.Nat(new(saferith.Nat).SetUint64(1 << 20))
	require.ErrorIs(t, e.Err, zk.ErrOutOfRange)
}

// The per-field bounds: maxBits rounded up to whole bytes, on both sides.
func TestBits(t *testing.T) {
	big := new(saferith.Nat).SetUint64(1 << 16) // 17 bits, 3 bytes
	for _, tc := range []struct {
		maxBits int
		ok      bool
	}{{24, true}, {17, true}, {16, false}, {8, false}} {
		e := Encoder{Name: "t"}
		e.NatBits(big, tc.maxBits)
		e.IntBits(new(saferith.Int).SetNat(big).Neg(1), tc.maxBits)
		if !tc.ok {
			require.ErrorIs(t, e.Err, zk.ErrOutOfRange, tc.maxBits)
			continue
		}
		require.NoError(t, e.Err)
		require.Equal(t, []byte{0, 3, 1, 0, 0, 1, 0, 3, 1, 0, 0}, e.B)
		d := Decoder{Name: "t", B: e.B}
		require.Equal(t, saferith.Choice(1), d.NatBits("n", tc.maxBits).Eq(big))
		require.Equal(t, int64(-1<<16), d.IntBits("i", tc.maxBits).Big().Int64())
		require.NoError(t, d.Finish())
		// The decoder refuses what a smaller bound's encoder refuses.
		d = Decoder{Name: "t", B: e.B}
		d.NatBits("n", 16)
		require.ErrorIs(t, d.Finish(), zk.ErrMalformed)
	}
}

func FuzzDecoder(f *testing.F) {
	f.Add([]byte{0, 1, 5, 1, 0, 1, 3})
	f.Fuzz(func(t *testing.T, b []byte) {
		d := Decoder{Name: "t", MaxField: 64, B: b}
		n := d.Nat("n")
		i := d.Int("i")
		if d.Finish() != nil {
			return
		}
		e := Encoder{Name: "t", MaxField: 64}
		e.Nat(n)
		e.Int(i)
		require.NoError(t, e.Err)
		require.Equal(t, b, e.B)
	})
}

func TestHeader(t *testing.T) {
	tests := []struct {
		name string
		in   []byte
		ok   bool
	}{
		{"matching", []byte{1, 'p', 9}, true},
		{"wrong version", []byte{2, 'p', 9}, false},
		{"wrong kind", []byte{1, 'q', 9}, false},
		{"truncated", []byte{1}, false},
		{"empty", nil, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d := Decoder{Name: "t", B: tc.in}
			d.Header(1, 'p')
			if tc.ok {
				require.NoError(t, d.Err)
				require.Equal(t, byte(9), d.Byte("rest"))
				return
			}
			require.ErrorIs(t, d.Err, zk.ErrMalformed)
			// Later reads leave the first error in place.
			d.Byte("rest")
			require.ErrorIs(t, d.Finish(), zk.ErrMalformed)
		})
	}
}
