package hd

import (
	"encoding/hex"
	"testing"

	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/stretchr/testify/require"
)

// SLIP-10's NIST P-256 test vectors (SatoshiLabs, slips repository,
// slip-0010.md: "Test vector 1 for nist256p1", "Test vector 2 for
// nist256p1", "Test derivation retry for nist256p1"), the steps that a
// public key can take: from a node's public key and chain code, its
// non-hardened descendants.
func TestDeriveTweakP256Vectors(t *testing.T) {
	t.Parallel()
	c := curve.P256()
	for _, tc := range []struct {
		name                   string
		parentPub, parentChain string
		path                   Path
		childPub, childChain   string
	}{
		{"vector 1, m/0H -> m/0H/1",
			"0384610f5ecffe8fda089363a41f56a5c7ffc1d81b59a612d0d649b2d22355590c", "3460cea53e6a6bb5fb391eeef3237ffd8724bf0a40e94943c98b83825342ee11",
			Path{1},
			"03526c63f8d0b4bbbf9c80df553fe66742df4676b241dabefdef67733e070f6844", "4187afff1aafa8445010097fb99d23aee9f599450c7bd140b6826ac22ba21d0c"},
		{"vector 1, m/0H/1/2H -> m/0H/1/2H/2",
			"0359cf160040778a4b14c5f4d7b76e327ccc8c4a6086dd9451b7482b5a4972dda0", "98c7514f562e64e74170cc3cf304ee1ce54d6b6da4f880f313e8204c2a185318",
			Path{2},
			"029f871f4cb9e1c97f9f4de9ccd0d4a2f2a171110c61178f84430062230833ff20", "ba96f776a5c3907d7fd48bde5620ee374d4acfd540378476019eab70790c63a0"},
		{"vector 1, m/0H/1/2H -> m/0H/1/2H/2/1000000000",
			"0359cf160040778a4b14c5f4d7b76e327ccc8c4a6086dd9451b7482b5a4972dda0", "98c7514f562e64e74170cc3cf304ee1ce54d6b6da4f880f313e8204c2a185318",
			Path{2, 1000000000},
			"02216cd26d31147f72427a453c443ed2cde8a1e53c9cc44e5ddf739725413fe3f4", "b9b7b82d326bb9cb5b5b121066feea4eb93d5241103c9e7a18aad40f1dde8059"},
		{"vector 2, m -> m/0",
			"02c9e16154474b3ed5b38218bb0463e008f89ee03e62d22fdcc8014beab25b48fa", "96cd4465a9644e31528eda3592aa35eb39a9527769ce1855beafc1b81055e75d",
			Path{0},
			"039b6df4bece7b6c81e2adfeea4bcf5c8c8a6e40ea7ffa3cf6e8494c61a1fc82cc", "84e9c258bb8557a40e0d041115b376dd55eda99c0042ce29e81ebe4efed9b86a"},
		{"vector 2, m/0/2147483647H -> m/0/2147483647H/1",
			"02f89c5deb1cae4fedc9905f98ae6cbf6cbab120d8cb85d5bd9a91a72f4c068c76", "f235b2bc5c04606ca9c30027a84f353acf4e4683edbd11f635d0dcc1cd106ea6",
			Path{1},
			"03abe0ad54c97c1d654c1852dfdc32d6d3e487e75fa16f0fd6304b9ceae4220c64", "7c0b833106235e452eba79d2bdd58d4086e663bc8cc55e9773d2b5eeda313f3b"},
		{"vector 2, m/0/2147483647H/1/2147483646H -> .../2",
			"03cb8cb067d248691808cd6b5a5a06b48e34ebac4d965cba33e6dc46fe13d9b933", "5794e616eadaf33413aa309318a26ee0fd5163b70466de7a4512fd4b1a5c9e6a",
			Path{2},
			"020ee02e18967237cf62672983b253ee62fa4dd431f8243bfeccdf39dbe181387f", "3bfb29ee8ac4484f09db09c2079b520ea5616df7820f071a20320366fbe226a7"},
		{"derivation retry, m/28578H -> m/28578H/33941 (I_L >= n, hashed again)",
			"02519b5554a4872e8c9c1c847115363051ec43e93400e030ba3c36b52a3e70a5b7", "e94c8ebe30c2250a14713212f6449b20f3329105ea15b652ca5bdfc68f6c65c2",
			Path{33941},
			"0235bfee614c0d5b2cae260000bb1d0d84b270099ad790022c1ae0b2e782efe120", "9e87fe95031f14736774cd82f25fd885065cb7c358c1edf813c72af535e83071"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			pub, err := c.DecodePoint(mustHex(t, tc.parentPub), false)
			require.NoError(t, err)
			tweak, child, cc, err := DeriveTweakP256(pub, mustHex(t, tc.parentChain), tc.path)
			require.NoError(t, err)
			require.Equal(t, tc.childPub, hex.EncodeToString(child.Bytes()))
			require.Equal(t, tc.childChain, hex.EncodeToString(cc))
			require.True(t, pub.Add(c.ScalarBaseMult(tweak)).Equal(child), "child = pub + tweak·G")
		})
	}
}

func TestDeriveTweakP256Refuses(t *testing.T) {
	t.Parallel()
	c := curve.P256()
	pub := c.ScalarBaseMult(c.ScalarFromUint64(5))
	cc := make([]byte, ChainCodeSize)
	for _, tc := range []struct {
		name  string
		pub   curve.Point
		chain []byte
		path  Path
		want  error
	}{
		{"nil key", nil, cc, Path{1}, ErrKey},
		{"secp256k1 key", curve.Secp256k1().Generator(), cc, Path{1}, ErrKey},
		{"identity", c.Identity(), cc, Path{1}, ErrKey},
		{"short chain code", pub, cc[:31], Path{1}, ErrChainCode},
		{"hardened", pub, cc, Path{HardenedOffset}, ErrHardened},
		{"too deep", pub, cc, make(Path, MaxDepth+1), ErrDepth},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, _, _, err := DeriveTweakP256(tc.pub, tc.chain, tc.path)
			require.ErrorIs(t, err, tc.want)
		})
	}
	// the empty path is the key itself
	tweak, child, got, err := DeriveTweakP256(pub, cc, nil)
	require.NoError(t, err)
	require.True(t, tweak.IsZero())
	require.True(t, child.Equal(pub))
	require.Equal(t, cc, got)
}

func mustHex(t *testing.T, s string) []byte {
	t.Helper()
	b, err := hex.DecodeString(s)
	require.NoError(t, err)
	return b
}
