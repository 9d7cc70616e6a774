package main

import (
	"bytes"
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
		{"help", []string{"-h"}, 0, []string{"ecdsa runs threshold ECDSA", "go run ./examples/ecdsa", "-json", "threshold: signers needed"}},
		{"unknown flag", []string{"-x"}, 2, []string{"flag provided but not defined: -x", "Usage:"}},
		{"argument", []string{"json"}, 2, []string{`unexpected argument "json"`}},
		{"threshold zero", []string{"-t", "0"}, 2, []string{"need n >= 2, 1 <= t <= n and messages >= 0, got -t 0 -n 5 -messages 2"}},
		{"threshold above n", []string{"-t", "4", "-n", "3"}, 2, []string{"got -t 4 -n 3 -messages 2"}},
		{"one party", []string{"-t", "1", "-n", "1"}, 2, []string{"need n >= 2"}},
		{"negative messages", []string{"-messages", "-1"}, 2, []string{"-messages -1"}},
		{"unknown curve", []string{"-curve", "ed25519"}, 2, []string{`unknown -curve "ed25519"`, "secp256k1, p256, stark"}},
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
