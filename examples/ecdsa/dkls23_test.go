package main

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/decred/dcrd/dcrec/secp256k1/v4"
	decredecdsa "github.com/decred/dcrd/dcrec/secp256k1/v4/ecdsa"
	"github.com/stretchr/testify/require"
)

// TestDKLs23JSONLines runs the program with -protocol dkls23 -json and
// checks every line it prints against docs/json-lines.md with decred's
// secp256k1 ECDSA, which shares no code with mosaic's signing: the
// signature verifies under the line's key, S is low, and the recovery id
// recovers that key.
func TestDKLs23JSONLines(t *testing.T) {
	for _, tc := range []struct {
		name  string
		args  []string
		lines int // the messages, then the m/0/7 child
	}{
		{"3 of 5, the acceptance command", []string{"-protocol", "dkls23", "-json"}, 3},
		{"2 of 3, one message", []string{"-protocol", "dkls23", "-json", "-t", "2", "-n", "3", "-messages", "1"}, 2},
		{"1 of 2, two signers", []string{"-protocol", "dkls23", "-json", "-t", "1", "-n", "2", "-messages", "1"}, 2},
		{"no messages: the child only", []string{"-protocol", "dkls23", "-json", "-t", "2", "-n", "2", "-messages", "0"}, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			require.Equal(t, 0, runCLI(tc.args, &stdout, &stderr), stderr.String())
			require.Contains(t, stderr.String(), "DKLs23 setup")
			require.NotContains(t, stderr.String(), "Aux-info", "no aux-info on the DKLs23 path")
			lines := strings.Split(strings.TrimSpace(stdout.String()), "\n")
			require.Len(t, lines, tc.lines)
			for i, l := range lines {
				var got map[string]any
				require.NoError(t, json.Unmarshal([]byte(l), &got))
				require.Equal(t, "ecdsa-secp256k1", got["scheme"])
				require.Equal(t, "dkls23", got["protocol"])
				require.Equal(t, i == len(lines)-1, got["path"] == "m/0/7", "only the last line is the child's")
				field := func(name string) []byte { return hexField(t, got, name) }
				rid, ok := got["recovery_id"].(float64)
				require.True(t, ok, "recovery_id")
				checkSecp256k1Line(t, field("public_key"), field("digest"), field("signature"), int(rid))
			}
		})
	}
}

// checkSecp256k1Line checks an ecdsa-secp256k1 line with decred's code.
func checkSecp256k1Line(t *testing.T, pub, digest, sig []byte, recoveryID int) {
	require.Len(t, pub, 33)
	require.Len(t, digest, 32)
	require.Len(t, sig, 64)
	require.Contains(t, []int{0, 1}, recoveryID)
	key, err := secp256k1.ParsePubKey(pub)
	require.NoError(t, err)
	var r, s secp256k1.ModNScalar
	require.False(t, r.SetByteSlice(sig[:32]), "r overflows")
	require.False(t, s.SetByteSlice(sig[32:]), "s overflows")
	require.False(t, s.IsOverHalfOrder(), "high S")
	require.True(t, decredecdsa.NewSignature(&r, &s).Verify(digest, key), "decred refuses the line")
	compact := append([]byte{byte(27 + 4 + recoveryID)}, sig...) // 4: compressed key
	rec, _, err := decredecdsa.RecoverCompact(compact, digest)
	require.NoError(t, err)
	require.True(t, rec.IsEqual(key), "the recovery id recovers another key")
}
