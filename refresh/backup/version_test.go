package backup_test

import (
	"errors"
	"fmt"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/mosaic-mpc/mosaic/internal/testfixtures"
	"github.com/mosaic-mpc/mosaic/refresh/backup"
)

// A sealed key share of another format version is refused by Open and
// Inspect with ErrVersion, in a *FormatError on the version field whose
// text states the version found and the ones this release reads (1 and
// 2). The version byte follows the 8-byte magic (see the package
// documentation).
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
			want := fmt.Sprintf("version %d, this release reads 1 and %d", v, backup.FormatVersion)
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

// A version 2 file relabelled version 1 is read without its kind byte:
// its lengths no longer add up (or its checksum fails), so it is refused
// before any key derivation and never decoded as a version 1 share.
func TestVersion2RelabelledVersion1IsRefused(t *testing.T) {
	ks := testfixtures.SoloShare(t, curve.Secp256k1())
	pass := []byte("format test passphrase")
	sealed, err := backup.Seal(ks, "format-test", pass, nil, backup.WithParams(backup.Params{Time: 1, MemoryKiB: 8, Threads: 1}))
	require.NoError(t, err)
	const offVersion = len("MOSAICBK")
	require.Equal(t, byte(2), sealed[offVersion])
	data := append([]byte(nil), sealed...)
	data[offVersion] = 1
	_, _, err = backup.Open(data, pass)
	require.True(t, errors.Is(err, backup.ErrFormat) || errors.Is(err, backup.ErrCorrupted), "%v", err)
	_, err = backup.Inspect(data)
	require.Error(t, err)
}
