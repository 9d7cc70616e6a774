package console_test

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/mosaic-mpc/mosaic/examples/console"
)

func TestParseFlags(t *testing.T) {
	tests := []struct {
		name   string
		args   []string
		status int
		ok     bool
		output string
	}{
		{"no flags", nil, 0, true, ""},
		{"a flag", []string{"-n", "3"}, 0, true, ""},
		{"help", []string{"-h"}, 0, false, "demo does nothing.\n\nFlags:\n  -n int\n    \tparties (default 5)"},
		{"unknown flag", []string{"-x"}, 2, false, "flag provided but not defined: -x\ndemo does nothing."},
		{"malformed value", []string{"-n", "three"}, 2, false, `invalid value "three"`},
		{"stray argument", []string{"json"}, 2, false, `demo: unexpected argument "json" (it takes only flags; -h lists them)`},
		{"argument after a flag", []string{"-n", "3", "extra"}, 2, false, `unexpected argument "extra"`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var out bytes.Buffer
			fs := console.NewFlagSet("demo", "demo does nothing.\n\nFlags:\n")
			fs.SetOutput(&out)
			fs.Int("n", 5, "parties")
			status, ok := console.ParseFlags(fs, tc.args)
			require.Equal(t, tc.status, status)
			require.Equal(t, tc.ok, ok)
			require.Contains(t, out.String(), tc.output)
			if tc.ok {
				require.Zero(t, out.Len())
			}
		})
	}
}
