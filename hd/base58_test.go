package hd

import (
	"encoding/hex"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// Vectors from bitcoin/bitcoin, src/test/data/base58_encode_decode.json.
var base58Vectors = [][2]string{
	{"", ""},
	{"61", "2g"},
	{"626262", "a3gV"},
	{"636363", "aPEr"},
	{"73696d706c792061206c6f6e6720737472696e67", "2cFupjhnEsSn59qHXstmK2ffpLv2"},
	{"00eb15231dfceb60925886b67d065299925915aeb172c06647", "1NS17iag9jJgTHD1VXjvLCEnZuQ3rJDE9L"},
	{"516b6fcd0f", "ABnLTmg"},
	{"bf4f89001e670274dd", "3SEo3LWLoPntC"},
	{"572e4794", "3EFU7m"},
	{"ecac89cad93923c02321", "EJDM8drfXA6uyA"},
	{"10c8511e", "Rt5zm"},
	{"00000000000000000000", "1111111111"},
	{"00000000000000000000000000000000000000000000000000000000000000000000000000000000", "1111111111111111111111111111111111111111"},
	{"00000000000000000000000000000000000000000000000000000000000000000000000000000001", "1111111111111111111111111111111111111112"},
	{"000111d38e5fc9071ffcd20b4a763cc9ae4f252bb4e48fd66a835e252ada93ff480d6dd43dc62a641155a5", "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"},
	{"271F359E", "zzzzy"},
	{"271F359F", "zzzzz"},
	{"271F35A0", "211111"},
	{"271F35A1", "211112"},
}

func TestBase58Vectors(t *testing.T) {
	for _, v := range base58Vectors {
		raw, err := hex.DecodeString(v[0])
		require.NoError(t, err)
		require.Equal(t, v[1], base58Encode(raw), v[0])
		got, err := base58Decode(v[1])
		if v[1] == "" {
			require.ErrorIs(t, err, ErrEncoding) // nothing to decode is an error here
			continue
		}
		require.NoError(t, err, v[1])
		require.Equal(t, raw, got, v[1])
	}
}

func TestBase58Rejects(t *testing.T) {
	cases := map[string]string{
		"empty":           "",
		"zero":            "0",
		"capital O":       "O1",
		"capital I":       "1I",
		"small l":         "l",
		"space":           "2g ",
		"non-ASCII":       "2gé",
		"NUL":             "2\x00g",
		"longer than 128": strings.Repeat("z", maxBase58Len+1),
		"plus sign":       "+2g",
	}
	for name, s := range cases {
		_, err := base58Decode(s)
		require.ErrorIs(t, err, ErrEncoding, name)
	}
	_, err := base58CheckDecode("2g") // one byte: no room for a checksum
	require.ErrorIs(t, err, ErrEncoding)
}

func TestBase58CheckRoundTripAndChecksum(t *testing.T) {
	payload := []byte("mosaic base58check")
	s := base58CheckEncode(payload)
	got, err := base58CheckDecode(s)
	require.NoError(t, err)
	require.Equal(t, payload, got)
	// every single-character substitution is caught
	for i := range s {
		for _, r := range []byte("12zA") {
			if s[i] == r {
				continue
			}
			mod := s[:i] + string(r) + s[i+1:]
			_, err := base58CheckDecode(mod)
			require.Error(t, err, "position %d", i)
		}
	}
}
