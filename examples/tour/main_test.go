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
		{"help", []string{"-h"}, 0, []string{"tour shows the whole mosaic SDK", "go run ./examples/tour", "-json", "threshold: signers needed"}},
		{"unknown flag", []string{"-x"}, 2, []string{"flag provided but not defined: -x", "Usage:"}},
		{"argument", []string{"json"}, 2, []string{`unexpected argument "json"`}},
		{"threshold zero", []string{"-t", "0"}, 2, []string{"need n >= 2 and 1 <= t <= n, got -t 0 -n 5"}},
		{"threshold above n", []string{"-t", "4", "-n", "3"}, 2, []string{"got -t 4 -n 3"}},
		{"one party", []string{"-t", "1", "-n", "1"}, 2, []string{"need n >= 2"}},
		{"unknown level", []string{"-level", "80"}, 2, []string{"want 112 or 128"}},
		{"level in help", []string{"-h"}, 0, []string{"-level", "3072-bit"}},
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
