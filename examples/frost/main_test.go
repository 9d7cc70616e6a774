package main

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestCLI(t *testing.T) {
	cases := []struct {
		name   string
		args   []string
		status int
		stderr []string
	}{
		{"help", []string{"-h"}, 0, []string{"frost runs FROST threshold Schnorr signing", "go run ./examples/frost", "-json", "threshold: signers needed"}},
		{"unknown flag", []string{"-x"}, 2, []string{"flag provided but not defined: -x", "Usage:"}},
		{"argument", []string{"json"}, 2, []string{`unexpected argument "json"`}},
		{"threshold zero", []string{"-t", "0"}, 2, []string{"need 1 <= t <= n, got -t 0 -n 5"}},
		{"threshold above n", []string{"-t", "4", "-n", "3"}, 2, []string{"got -t 4 -n 3"}},
		{"unknown suite", []string{"-suite", "p384"}, 2, []string{`unknown suite "p384"`}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			require.Equal(t, tc.status, runCLI(tc.args, &stdout, &stderr))
			for _, want := range tc.stderr {
				require.Contains(t, stderr.String(), want)
			}
			require.Zero(t, stdout.Len(), "stdout is for signatures only")
		})
	}
}

// The whole program, 2-of-3: one JSON line per signature on stdout, in the
// order of the suites, and nothing else there.
func TestRunJSON(t *testing.T) {
	var stdout, stderr bytes.Buffer
	require.Equal(t, 0, runCLI([]string{"-t", "2", "-n", "3", "-json"}, &stdout, &stderr), stderr.String())
	var schemes []string
	for line := range strings.Lines(stdout.String()) {
		var obj map[string]any
		require.NoError(t, json.Unmarshal([]byte(line), &obj))
		require.Equal(t, []any{2.0, 3.0}, obj["signers"])
		schemes = append(schemes, obj["scheme"].(string))
	}
	require.Equal(t, []string{"ed25519", "frost-secp256k1-sha256", "bip340", "bip340", "bip340"}, schemes)
}

// -suite runs one suite: the RFC 9591 suites added with ristretto255, Ed448
// and P-256 print their own schemes, with the encodings docs/json-lines.md
// gives (key and signature lengths).
func TestRunJSONSuite(t *testing.T) {
	cases := []struct {
		suite, scheme  string
		keyLen, sigLen int
		lines          int
	}{
		{"ed25519", "ed25519", 32, 64, 1},
		{"secp256k1", "frost-secp256k1-sha256", 33, 65, 1},
		{"taproot", "bip340", 32, 64, 3},
		{"ristretto255", "frost-ristretto255", 32, 64, 1},
		{"ed448", "frost-ed448", 57, 114, 1},
		{"p256", "frost-p256", 33, 65, 1},
	}
	for _, tc := range cases {
		t.Run(tc.suite, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			require.Equal(t, 0, runCLI([]string{"-t", "2", "-n", "3", "-suite", tc.suite, "-json"}, &stdout, &stderr), stderr.String())
			n := 0
			for line := range strings.Lines(stdout.String()) {
				var obj struct {
					Scheme    string `json:"scheme"`
					PublicKey string `json:"public_key"`
					Signature string `json:"signature"`
				}
				require.NoError(t, json.Unmarshal([]byte(line), &obj))
				require.Equal(t, tc.scheme, obj.Scheme)
				require.Len(t, obj.PublicKey, 2*tc.keyLen)
				require.Len(t, obj.Signature, 2*tc.sigLen)
				n++
			}
			require.Equal(t, tc.lines, n)
		})
	}
}
