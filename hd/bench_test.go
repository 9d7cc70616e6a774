package hd

import (
	"testing"

	"github.com/stretchr/testify/require"
)

func BenchmarkDeriveTweak(b *testing.B) {
	k := testXpub(b)
	path := Path{0, 1, 2, 3, 4}
	b.ReportAllocs()
	for b.Loop() {
		_, _, _, err := DeriveTweak(k.Key, k.ChainCode, path)
		require.NoError(b, err)
	}
}

func BenchmarkParseExtendedKey(b *testing.B) {
	s := bip32Vectors["vector 1"][5].xpub
	b.ReportAllocs()
	for b.Loop() {
		_, err := ParseExtendedKey(s)
		require.NoError(b, err)
	}
}

func BenchmarkDeriveKeyShare(b *testing.B) {
	kss, err := SplitExtendedPrivateKey(bip32Vectors["vector 1"][0].xprv, 3, partyIDs(5), nil)
	require.NoError(b, err)
	path := Path{0, 7}
	b.ReportAllocs()
	for b.Loop() {
		_, _, err := DeriveKeyShare(kss[0], path)
		require.NoError(b, err)
	}
}
