package main

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"strings"
	"testing"

	gnark "github.com/consensys/gnark-crypto/ecc/bls12-381"
	"github.com/stretchr/testify/require"
)

func TestCLI(t *testing.T) {
	cases := []struct {
		name   string
		args   []string
		status int
		stderr []string
	}{
		{"help", []string{"-h"}, 0, []string{"bls runs threshold BLS signing", "go run ./examples/bls", "-json"}},
		{"unknown flag", []string{"-x"}, 2, []string{"flag provided but not defined: -x"}},
		{"threshold zero", []string{"-t", "0"}, 2, []string{"need 1 <= t <= n, got -t 0 -n 5"}},
		{"threshold above n", []string{"-t", "4", "-n", "3"}, 2, []string{"got -t 4 -n 3"}},
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

// The whole program, 3-of-5: two JSON lines on stdout with the lengths
// docs/json-lines.md gives, each verified here by gnark-crypto, which
// shares no code with the program.
func TestRunJSON(t *testing.T) {
	var stdout, stderr bytes.Buffer
	require.Equal(t, 0, runCLI([]string{"-json"}, &stdout, &stderr), stderr.String())
	lines := 0
	for line := range strings.Lines(stdout.String()) {
		var obj map[string]any
		require.NoError(t, json.Unmarshal([]byte(line), &obj))
		require.Equal(t, "bls12381-g2-pop", obj["scheme"])
		pk := mustHex(t, obj["public_key"])
		sig := mustHex(t, obj["signature"])
		msg := mustHex(t, obj["message"])
		require.Len(t, pk, 48)
		require.Len(t, sig, 96)
		require.Len(t, obj["signers"], 3)

		var p gnark.G1Affine
		_, err := p.SetBytes(pk)
		require.NoError(t, err)
		var s gnark.G2Affine
		_, err = s.SetBytes(sig)
		require.NoError(t, err)
		h, err := gnark.HashToG2(msg, []byte("BLS_SIG_BLS12381G2_XMD:SHA-256_SSWU_RO_POP_"))
		require.NoError(t, err)
		_, _, g1, _ := gnark.Generators()
		g1.Neg(&g1)
		ok, err := gnark.PairingCheck([]gnark.G1Affine{p, g1}, []gnark.G2Affine{h, s})
		require.NoError(t, err)
		require.True(t, ok)
		lines++
	}
	require.Equal(t, 2, lines)
}

func mustHex(t *testing.T, v any) []byte {
	t.Helper()
	s, ok := v.(string)
	require.True(t, ok)
	b, err := hex.DecodeString(s)
	require.NoError(t, err)
	return b
}
