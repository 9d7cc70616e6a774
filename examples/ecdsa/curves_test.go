package main

import (
	"bytes"
	stdecdsa "crypto/ecdsa"
	"crypto/elliptic"
	"encoding/hex"
	"encoding/json"
	"math/big"
	"strings"
	"testing"

	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/mosaic-mpc/mosaic/ecdsa"
	"github.com/mosaic-mpc/mosaic/paillier"
	"github.com/stretchr/testify/require"
)

// TestJSONLinesPerCurve runs the program on P-256 and the Stark curve and
// checks every line it prints against docs/json-lines.md with a verifier
// that is not cggmp's: crypto/ecdsa for ecdsa-p256 (and low S), package
// ecdsa's Starknet verifier, from the key's x alone, for ecdsa-stark.
func TestJSONLinesPerCurve(t *testing.T) {
	if testing.Short() {
		t.Skip("runs aux-info with fresh Paillier keys")
	}
	for _, tc := range []struct {
		curve  string
		scheme string
		lines  int // two messages, and the derived child on P-256
		check  func(t *testing.T, pub, digest, sig []byte)
	}{
		{"p256", "ecdsa-p256", 3, checkP256Line},
		{"stark", "ecdsa-stark", 2, checkStarkLine},
	} {
		t.Run(tc.curve, func(t *testing.T) {
			var out, log bytes.Buffer
			require.NoError(t, run(chains[tc.curve], 2, 2, 2, true, paillier.Level112, &out, &log))
			lines := strings.Split(strings.TrimSpace(out.String()), "\n")
			require.Len(t, lines, tc.lines)
			for _, l := range lines {
				var got map[string]any
				require.NoError(t, json.Unmarshal([]byte(l), &got))
				require.Equal(t, tc.scheme, got["scheme"])
				field := func(name string) []byte { return hexField(t, got, name) }
				tc.check(t, field("public_key"), field("digest"), field("signature"))
			}
		})
	}
}

func checkP256Line(t *testing.T, pub, digest, sig []byte) {
	require.Len(t, pub, 33)
	require.Len(t, digest, 32)
	require.Len(t, sig, 64)
	p, err := curve.DecodeSEC1(curve.P256(), pub)
	require.NoError(t, err)
	full, err := curve.EncodeSEC1Uncompressed(p)
	require.NoError(t, err)
	pk, err := stdecdsa.ParseUncompressedPublicKey(elliptic.P256(), full)
	require.NoError(t, err)
	r, s := new(big.Int).SetBytes(sig[:32]), new(big.Int).SetBytes(sig[32:])
	require.True(t, stdecdsa.Verify(pk, digest, r, s), "crypto/ecdsa refuses the line")
	require.LessOrEqual(t, s.Cmp(new(big.Int).Rsh(elliptic.P256().Params().N, 1)), 0, "high S")
}

func checkStarkLine(t *testing.T, pub, digest, sig []byte) {
	require.Len(t, pub, 32, "the key's x coordinate")
	require.Len(t, digest, 32)
	require.Less(t, digest[0], byte(0x08), "message hash below 2^251")
	parsed, err := ecdsa.ParseStarkSignature(sig)
	require.NoError(t, err)
	require.NoError(t, ecdsa.VerifyStarkXVarTime(pub, digest, parsed))
}

// hexField returns the bytes of a JSON line's hex field.
func hexField(t *testing.T, line map[string]any, name string) []byte {
	t.Helper()
	s, ok := line[name].(string)
	require.True(t, ok, "field %s", name)
	b, err := hex.DecodeString(s)
	require.NoError(t, err)
	return b
}
