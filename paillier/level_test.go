package paillier_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/mosaic-mpc/mosaic/paillier"
)

func TestSecurityLevel(t *testing.T) {
	tests := []struct {
		name  string
		level paillier.SecurityLevel
		bits  int
		str   string
	}{
		{"112", paillier.Level112, 2048, "112-bit (2048-bit moduli)"},
		{"128", paillier.Level128, 3072, "128-bit (3072-bit moduli)"},
		{"zero", 0, 0, "SecurityLevel(0)"},
		{"80 is not a level", 80, 0, "SecurityLevel(80)"},
		{"256 is not a level", 256, 0, "SecurityLevel(256)"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			require.Equal(t, tc.bits, tc.level.ModulusBits())
			require.Equal(t, tc.bits != 0, tc.level.Valid())
			require.Equal(t, tc.str, tc.level.String())
			if tc.bits == 0 {
				return
			}
			back, err := paillier.LevelOf(tc.bits)
			require.NoError(t, err)
			require.Equal(t, tc.level, back)
		})
	}
}

func TestLevelOfRefusesOtherSizes(t *testing.T) {
	for _, bits := range []int{0, -1, 1024, 2047, 2049, 3071, 4096} {
		_, err := paillier.LevelOf(bits)
		require.ErrorIs(t, err, paillier.ErrModulusSize, "%d bits", bits)
	}
}

func TestDefaultLevelIs128(t *testing.T) {
	// New keys get 128-bit security unless asked otherwise (issue: the
	// Paillier layer must not be weaker than the curves).
	require.Equal(t, paillier.Level128, paillier.DefaultLevel)
	require.Equal(t, paillier.DefaultLevel.ModulusBits(), paillier.DefaultModulusBits)
}

func TestWithLevelInvalid(t *testing.T) {
	_, err := paillier.NewPublicKey(nil, paillier.WithLevel(99))
	require.ErrorIs(t, err, paillier.ErrModulusSize)
}
