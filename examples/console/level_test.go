package console_test

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/mosaic-mpc/mosaic/examples/console"
	"github.com/mosaic-mpc/mosaic/paillier"
)

func TestLevelVar(t *testing.T) {
	tests := []struct {
		name  string
		args  []string
		ok    bool
		level paillier.SecurityLevel
	}{
		{"default", nil, true, paillier.Level128},
		{"112", []string{"-level", "112"}, true, paillier.Level112},
		{"128", []string{"-level", "128"}, true, paillier.Level128},
		{"80", []string{"-level", "80"}, false, 0},
		{"word", []string{"-level", "high"}, false, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var out bytes.Buffer
			fs := console.NewFlagSet("demo", "demo\n")
			fs.SetOutput(&out)
			var level paillier.SecurityLevel
			console.LevelVar(fs, &level)
			_, ok := console.ParseFlags(fs, tc.args)
			require.Equal(t, tc.ok, ok, out.String())
			if tc.ok {
				require.Equal(t, tc.level, level)
			} else {
				require.Contains(t, out.String(), "want 112 or 128")
			}
		})
	}
}
