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
		{"help", []string{"-h"}, 0, []string{"lifecycle walks a threshold key through its life", "go run ./examples/lifecycle", "-json"}},
		{"unknown flag", []string{"-t", "2"}, 2, []string{"flag provided but not defined: -t", "Usage:"}},
		{"argument", []string{"json"}, 2, []string{`unexpected argument "json"`}},
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
