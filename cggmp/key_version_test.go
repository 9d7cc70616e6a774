package cggmp_test

import (
	"os"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/mosaic-mpc/mosaic/cggmp"
	"github.com/mosaic-mpc/mosaic/dkg"
)

// A Key encoding of another format version is refused with an error that
// states the version found and the one this release reads, before any of
// its fields (the Paillier keys are costly to check) is looked at. The
// golden file of version 1 is the starting point; TestKeyGolden checks
// that it decodes.
func TestKeyRefusesOtherFormatVersions(t *testing.T) {
	golden, err := os.ReadFile("../testdata/cggmp/key-v1-2of3-party2.bin")
	require.NoError(t, err)
	require.Equal(t, byte(1), golden[0], "the golden file is version 1")
	withVersion := func(v byte) []byte { return append([]byte{v}, golden[1:]...) }
	// The embedded dkg key share has its own version byte, after the outer
	// version and the share field's 4-byte length prefix; dkg reads
	// versions 1 and 2 (a share with identity keys).
	innerNext := append([]byte(nil), golden...)
	innerNext[1+4] = 3
	tests := []struct {
		name string
		data []byte
		want error
		text string
	}{
		{"embedded share of the next version", innerNext, dkg.ErrKeyShareFormat, "format version 3, this release reads versions 1 and 2"},
		{"next version", withVersion(2), cggmp.ErrKeyFormat, "format version 2, this release reads version 1 only"},
		{"version 0", withVersion(0), cggmp.ErrKeyFormat, "format version 0, this release reads version 1 only"},
		{"version 255", withVersion(255), cggmp.ErrKeyFormat, "format version 255, this release reads version 1 only"},
		{"next version, other length", []byte{2}, cggmp.ErrKeyFormat, "format version 2, this release reads version 1 only"},
		{"empty", nil, cggmp.ErrKeyFormat, "empty"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := cggmp.ParseKey(tc.data)
			require.ErrorIs(t, err, cggmp.ErrKeyFormat)
			require.ErrorIs(t, err, tc.want)
			if tc.want == cggmp.ErrKeyFormat {
				require.NotErrorIs(t, err, dkg.ErrKeyShareFormat, "refused on the outer version")
			}
			require.Contains(t, err.Error(), tc.text)
			require.Error(t, new(cggmp.Key).UnmarshalBinary(tc.data))
		})
	}
}
