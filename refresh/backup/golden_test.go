package backup

import (
	"crypto/sha256"
	"encoding/hex"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/mosaic-mpc/mosaic/dkg"
	"github.com/mosaic-mpc/mosaic/transport"
)

// Golden sealed files, one per format version and payload kind: a release
// opens every file an earlier release wrote (docs/compatibility.md).
var (
	// goldenShareV1Path was written by format version 1 (the release
	// before payload kinds) and is never rewritten.
	goldenShareV1Path = filepath.Join("..", "..", "testdata", "backup", "share-v1.bin")
	goldenShareV2Path = filepath.Join("..", "..", "testdata", "backup", "share-v2.bin")
	goldenKeyV2Path   = filepath.Join("..", "..", "testdata", "backup", "ecdsa-key-v2.bin")
)

// updateGolden rewrites the golden files of the current version instead
// of checking them: go test ./refresh/backup -run Golden -update-golden
// (only for a deliberate format change, which must also bump the version).
var updateGolden = flag.Bool("update-golden", false, "rewrite the current version's testdata/backup golden files")

// goldenPass is the passphrase of the golden file of a version.
func goldenPass(version int) []byte {
	return []byte("golden file passphrase, version " + string(rune('0'+version)))
}

// The version 1 file opens as it did before payload kinds: the same
// header, and a share whose encoding is the one that was sealed (its
// SHA-256 was recorded when the file was written).
func TestGoldenShareV1(t *testing.T) {
	data, err := os.ReadFile(goldenShareV1Path)
	require.NoError(t, err)
	require.Equal(t, byte(1), data[offVersion])
	h, err := Inspect(data)
	require.NoError(t, err)
	require.Equal(t, 1, h.Version)
	require.Equal(t, KindKeyShare, h.Kind)
	require.Equal(t, transport.PartyID(2), h.Party)
	require.Equal(t, curve.IDSecp256k1, h.Curve.ID())
	require.Equal(t, "cggmp-secp256k1", h.Scheme)
	require.Equal(t, Params{Time: 1, MemoryKiB: 8, Threads: 1}, h.Params)

	ks, scheme, err := Open(data, goldenPass(1))
	require.NoError(t, err)
	require.Equal(t, "cggmp-secp256k1", scheme)
	require.NoError(t, ks.Validate())
	require.True(t, ks.GroupKey.Equal(h.GroupKey))
	enc, err := ks.MarshalBinary()
	require.NoError(t, err)
	sum := sha256.Sum256(enc)
	require.Equal(t, "47cb77c34c47df7a456b477f2b81e96b1c5064b44e76a183b4c1b838a4a2d06f", hex.EncodeToString(sum[:]))

	_, _, err = Open(data, goldenPass(2))
	require.ErrorIs(t, err, ErrWrongPassphrase)
}

func TestGoldenV2(t *testing.T) {
	if *updateGolden {
		cheap := WithParams(Params{Time: 1, MemoryKiB: 8, Threads: 1})
		share, err := Seal(testShare(t, curve.Edwards25519(), true), "frost-ed25519", goldenPass(2), nil, cheap)
		require.NoError(t, err)
		key, err := SealECDSAKey(testKey(t), goldenPass(2), nil, cheap)
		require.NoError(t, err)
		require.NoError(t, os.MkdirAll(filepath.Dir(goldenShareV2Path), 0o755))
		require.NoError(t, os.WriteFile(goldenShareV2Path, share, 0o644))
		require.NoError(t, os.WriteFile(goldenKeyV2Path, key, 0o644))
	}

	data, err := os.ReadFile(goldenShareV2Path)
	require.NoError(t, err)
	h, err := Inspect(data)
	require.NoError(t, err)
	require.Equal(t, 2, h.Version)
	require.Equal(t, KindKeyShare, h.Kind)
	ks, scheme, err := Open(data, goldenPass(2))
	require.NoError(t, err)
	require.Equal(t, "frost-ed25519", scheme)
	require.NoError(t, ks.Validate())
	require.Len(t, ks.ChainCode, dkg.ChainCodeSize)

	data, err = os.ReadFile(goldenKeyV2Path)
	require.NoError(t, err)
	h, err = Inspect(data)
	require.NoError(t, err)
	require.Equal(t, 2, h.Version)
	require.Equal(t, KindECDSAKey, h.Kind)
	k, err := OpenECDSAKey(data, goldenPass(2), bits2048)
	require.NoError(t, err)
	requireSameKey(t, testKey(t), k)
}
