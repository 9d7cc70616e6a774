package refresh_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/mosaic-mpc/mosaic/internal/testfixtures"
	"github.com/mosaic-mpc/mosaic/refresh"
)

// An encoding of a key's public data in another format version is refused
// with an error that states the version found and the one this release
// reads, before its length is judged.
func TestPublicRefusesOtherFormatVersions(t *testing.T) {
	ks := testfixtures.SoloShare(t, curve.Edwards25519())
	good, err := refresh.PublicOf(ks).MarshalBinary()
	require.NoError(t, err)
	require.NoError(t, new(refresh.Public).UnmarshalBinary(good), "this release reads its own version")
	tests := []struct {
		name string
		data []byte
		want string
	}{
		{"next version", append([]byte{3}, good[1:]...), "format version 3, this release reads versions 1 and 2"},
		{"version 0", append([]byte{0}, good[1:]...), "format version 0, this release reads versions 1 and 2"},
		{"version 255", append([]byte{255}, good[1:]...), "format version 255, this release reads versions 1 and 2"},
		{"next version, other length", []byte{3, 0}, "format version 3, this release reads versions 1 and 2"},
		{"empty", nil, "empty"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := new(refresh.Public).UnmarshalBinary(tc.data)
			require.ErrorIs(t, err, refresh.ErrPublicFormat)
			require.Contains(t, err.Error(), tc.want)
		})
	}
}
