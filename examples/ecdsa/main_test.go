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
		{"protocol in help", []string{"-h"}, 0, []string{"-protocol", "cggmp21", "dkls23", "no aux-info"}},
		{"unknown protocol", []string{"-protocol", "gg18"}, 2, []string{`unknown -protocol "gg18"`, "want cggmp21 or dkls23"}},
		{"dkls23 on P-256", []string{"-protocol", "dkls23", "-curve", "p256"}, 2, []string{"-protocol dkls23 signs on secp256k1 only, got -curve p256"}},
		{"dkls23 on the Stark curve", []string{"-protocol", "dkls23", "-curve", "stark", "-json"}, 2, []string{"secp256k1 only, got -curve stark"}},
		{"dkls23 with a level", []string{"-protocol", "dkls23", "-level", "112"}, 2, []string{"-level sets CGGMP21's Paillier keys"}},
		{"dkls23 with bad sizes", []string{"-protocol", "dkls23", "-t", "4", "-n", "3"}, 2, []string{"got -t 4 -n 3"}},
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
