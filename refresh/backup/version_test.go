package backup_test

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/mosaic-mpc/mosaic/internal/testfixtures"
	"github.com/mosaic-mpc/mosaic/refresh/backup"
)

// A sealed key share of another format version is refused by Open and
// Inspect with ErrVersion, in a *FormatError on the version field whose
// text states the version found and the one this release reads. The
// version byte follows the 8-byte magic (see the package documentation).
func TestSealedShareRefusesOtherFormatVersions(t *testing.T) {
	ks := testfixtures.SoloShare(t, curve.Secp256k1())
	pass := []byte("format test passphrase")
	sealed, err := backup.Seal(ks, "format-test", pass, nil, backup.WithParams(backup.Params{Time: 1, MemoryKiB: 8, Threads: 1}))
	require.NoError(t, err)
	const offVersion = len("MOSAICBK")
	require.Equal(t, byte(backup.FormatVersion), sealed[offVersion])

	for _, v := range []byte{0, backup.FormatVersion + 1, 0xff} {
		t.Run(fmt.Sprint(v), func(t *testing.T) {
			data := append([]byte(nil), sealed...)
			data[offVersion] = v
			want := fmt.Sprintf("version %d, this release reads %d", v, backup.FormatVersion)
			_, _, openErr := backup.Open(data, pass)
			_, inspectErr := backup.Inspect(data)
			for _, err := range []error{openErr, inspectErr} {
				require.ErrorIs(t, err, backup.ErrVersion)
				require.NotErrorIs(t, err, backup.ErrFormat)
				var fe *backup.FormatError
				require.ErrorAs(t, err, &fe)
				require.Equal(t, "version", fe.Field)
				require.Contains(t, err.Error(), want)
			}
		})
	}
}
