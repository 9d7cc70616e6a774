package cggmp

import (
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/mosaic-mpc/mosaic/transport"

	"github.com/stretchr/testify/require"
)

func TestKeyRoundTrip(t *testing.T) {
	t.Parallel()
	keys := sharedKeys(t)
	b, err := keys[2].MarshalBinary()
	require.NoError(t, err)
	back, err := ParseKey(b)
	require.NoError(t, err)
	b2, err := back.MarshalBinary()
	require.NoError(t, err)
	require.Equal(t, b, b2)
	require.True(t, back.PublicKey().Equal(keys[2].PublicKey()))
	for _, cut := range []int{0, 1, 10, len(b) / 2, len(b) - 1} {
		_, err := ParseKey(b[:cut])
		require.Error(t, err, "truncated at %d", cut)
	}
	_, err = ParseKey(append(append([]byte{}, b...), 0))
	require.Error(t, err)
}

func FuzzParseKey(f *testing.F) {
	keys := testKeys(f, 2, 2)
	b, err := keys[1].MarshalBinary()
	require.NoError(f, err)
	fuzzRoundTrip(f, func(data []byte) (*Key, error) { return ParseKey(data) }, b)
}

// updateGolden rewrites the golden files instead of checking them:
// go test ./cggmp -run Golden -update-golden (only for a deliberate format
// change, which must also bump the encoding version).
var updateGolden = flag.Bool("update-golden", false, "rewrite testdata/cggmp golden files")

// goldenKeyPath holds a 2-of-3 key share (party 2) written by encoding
// version 1, with the test fixtures' Paillier keys. A release must read
// every share an older release wrote (docs/architecture.md, "Data that outlives
// a run"): it must decode, validate and re-encode to the same bytes.
const goldenKeyPath = "../testdata/cggmp/key-v1-2of3-party2.bin"

func TestKeyGolden(t *testing.T) {
	t.Parallel()
	if *updateGolden {
		b, err := testKeys(t, 2, 3)[2].MarshalBinary()
		require.NoError(t, err)
		require.NoError(t, os.MkdirAll(filepath.Dir(goldenKeyPath), 0o755))
		require.NoError(t, os.WriteFile(goldenKeyPath, b, 0o644))
	}
	b, err := os.ReadFile(goldenKeyPath)
	require.NoError(t, err)
	k, err := ParseKey(b)
	require.NoError(t, err)
	again, err := k.MarshalBinary()
	require.NoError(t, err)
	require.Equal(t, b, again)
	require.Equal(t, transport.PartyID(2), k.Self())
	require.Equal(t, 2, k.Share.Threshold)
	require.NoError(t, k.Validate())
}
