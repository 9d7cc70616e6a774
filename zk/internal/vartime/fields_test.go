package vartime

import (
	"testing"

	"github.com/cronokirby/saferith"
	"github.com/stretchr/testify/require"

	"github.com/mosaic-mpc/mosaic/zk"
)

func TestFields(t *testing.T) {
	m := saferith.ModulusFromUint64(35)
	nat := func(v uint64) *saferith.Nat { return new(saferith.Nat).SetUint64(v) }
	integer := func(v int64) *saferith.Int {
		x := new(saferith.Int).SetUint64(uint64(max(v, -v)))
		if v < 0 {
			x.Neg(1)
		}
		return x
	}
	fields := func(n *saferith.Nat, plain, scaled *saferith.Int) Fields {
		return Fields{
			Proof: "p",
			Nats:  []Nat{{Name: "S", X: nat(2), Mod: m, Unit: m}, {Name: "w", X: n, Mod: m, Unit: m}},
			Ints: []Int{
				{Name: "z1", X: plain, Bits: 4},                                        // |z1| ≤ 16
				{Name: "z2", X: scaled, Bits: 1, Scale: saferith.ModulusFromUint64(5)}, // |z2| ≤ 10
			},
		}
	}
	for _, tc := range []struct {
		name    string
		f       Fields
		missing error
		check   error
		field   string
	}{
		{"valid", fields(nat(3), integer(-16), integer(10)), nil, nil, ""},
		{"missing nat", fields(nil, integer(1), integer(1)), zk.ErrMalformed, nil, "w"},
		{"missing int", fields(nat(3), integer(1), nil), zk.ErrMalformed, nil, "z2"},
		{"nat longer than modulus", fields(nat(64), integer(1), integer(1)), nil, zk.ErrOutOfRange, "w"},
		{"nat equal to modulus", fields(nat(35), integer(1), integer(1)), nil, zk.ErrOutOfRange, "w"},
		{"nat −1", fields(nat(34), integer(1), integer(1)), nil, zk.ErrOutOfRange, "w"},
		{"not a unit", fields(nat(7), integer(1), integer(1)), nil, zk.ErrNotUnit, "w"},
		{"response too large", fields(nat(3), integer(17), integer(1)), nil, zk.ErrOutOfRange, "z1"},
		{"scaled response too large", fields(nat(3), integer(1), integer(-11)), nil, zk.ErrOutOfRange, "z2"},
		// Ranges are checked before units: z1 is named, not w.
		{"range before unit", fields(nat(7), integer(17), integer(1)), nil, zk.ErrOutOfRange, "z1"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.f.Missing()
			if tc.missing != nil {
				require.ErrorIs(t, err, tc.missing)
				require.Contains(t, err.Error(), "p: missing "+tc.field)
				return
			}
			require.NoError(t, err)
			err = tc.f.Check()
			if tc.check == nil {
				require.NoError(t, err)
				return
			}
			require.ErrorIs(t, err, tc.check)
			require.Contains(t, err.Error(), "p: "+tc.field)
		})
	}
}
