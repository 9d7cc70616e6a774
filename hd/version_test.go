package hd

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// An extended key with unknown BIP-32 version bytes is refused with an
// error that states the bytes found and the ones accepted.
func TestExtendedKeyUnknownVersionStatesAccepted(t *testing.T) {
	k := testXpub(t)
	priv := testXprv(t)
	pubData := k.Key.Bytes()
	privData := append([]byte{0}, priv.Secret.Bytes()...)
	tests := []struct {
		name    string
		version uint32
		private bool
		want    string
	}{
		{"public, next to xpub", versionMainnetPublic + 1, false, "unknown version 0488b21f, want xpub 0488b21e or tpub 043587cf"},
		{"public, zero", 0, false, "unknown version 00000000, want xpub 0488b21e or tpub 043587cf"},
		{"private, next to xprv", versionMainnetPrivate + 1, true, "unknown version 0488ade5, want xprv 0488ade4 or tprv 04358394"},
		{"private, all ones", 0xffffffff, true, "unknown version ffffffff, want xprv 0488ade4 or tprv 04358394"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var err error
			if tc.private {
				_, err = ParseExtendedPrivateKey(encodeRaw(tc.version, 0, [4]byte{}, 0, k.ChainCode, privData))
			} else {
				_, err = ParseExtendedKey(encodeRaw(tc.version, 0, [4]byte{}, 0, k.ChainCode, pubData))
			}
			require.ErrorIs(t, err, ErrExtendedKey)
			require.Contains(t, err.Error(), tc.want)
		})
	}
}
