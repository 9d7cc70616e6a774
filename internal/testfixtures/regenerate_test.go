package testfixtures

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/mosaic-mpc/mosaic/internal/safeprime"
)

// TestRegenerate rewrites the fixture file. It only runs when
// MOSAIC_REGENERATE_FIXTURES=1 is set:
//
//	MOSAIC_REGENERATE_FIXTURES=1 go test ./internal/testfixtures -run TestRegenerate -v
func TestRegenerate(t *testing.T) {
	if os.Getenv("MOSAIC_REGENERATE_FIXTURES") != "1" {
		t.Skip("set MOSAIC_REGENERATE_FIXTURES=1 to regenerate the fixtures")
	}
	var b strings.Builder
	b.WriteString(`# TEST ONLY — NEVER USE THESE KEYS. These Blum safe primes are public test
# fixtures for mosaic's test suite; any key built from them is compromised.
# Loaded by internal/testfixtures (test binaries only).
# Regenerate: MOSAIC_REGENERATE_FIXTURES=1 go test ./internal/testfixtures -run TestRegenerate
# Format: <modulus bits> <p hex> <q hex>, p and q Blum safe primes of half the
# modulus size with the two top bits set.
`)
	plan := []struct{ bits, count int }{{2048, 10}, {3072, 3}}
	for _, pl := range plan {
		for i := range pl.count {
			var ps [2]string
			for j := range ps {
				p, err := safeprime.Generate(context.Background(), nil, pl.bits/2)
				require.NoError(t, err)
				ps[j] = strings.ToLower(p.Hex())
			}
			require.NotEqual(t, ps[0], ps[1])
			fmt.Fprintf(&b, "%d %s %s\n", pl.bits, ps[0], ps[1])
			t.Logf("%d-bit pair %d done", pl.bits, i)
		}
	}
	path := filepath.Join(ModuleRoot(), PaillierFile)
	require.NoError(t, os.WriteFile(path, []byte(b.String()), 0o644))
}
