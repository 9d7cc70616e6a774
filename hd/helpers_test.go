package hd

import (
	"crypto/rand"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/mosaic-mpc/mosaic/transport"
)

func partyIDs(n int) []transport.PartyID {
	ids := make([]transport.PartyID, n)
	for i := range ids {
		ids[i] = transport.PartyID(i + 1)
	}
	return ids
}

// testXpub is the master xpub of BIP-32 test vector 1.
func testXpub(t testing.TB) *ExtendedKey {
	k, err := ParseExtendedKey(bip32Vectors["vector 1"][0].xpub)
	require.NoError(t, err)
	return k
}

// testXprv is the master xprv of BIP-32 test vector 1.
func testXprv(t testing.TB) *ExtendedPrivateKey {
	k, err := ParseExtendedPrivateKey(bip32Vectors["vector 1"][0].xprv)
	require.NoError(t, err)
	return k
}

func edPoint(t testing.TB) curve.Point {
	c := curve.Edwards25519()
	s, err := c.RandomScalar(rand.Reader)
	require.NoError(t, err)
	return c.ScalarBaseMult(s)
}

// encodeRaw serializes arbitrary fields with a valid checksum, for building
// malformed keys.
func encodeRaw(version uint32, depth byte, parent [4]byte, child uint32, chainCode, keyData []byte) string {
	return base58CheckEncode(serialize(versionBytes(version), depth, parent, child, chainCode, keyData))
}
