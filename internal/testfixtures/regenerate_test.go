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

// fixturePlan is how many prime pairs the fixture file holds per modulus
// size.
var fixturePlan = []struct{ bits, count int }{{2048, 10}, {3072, 10}}

// fixtureHeader opens the fixture file.
const fixtureHeader = `# TEST ONLY — NEVER USE THESE KEYS. These Blum safe primes are public test
# fixtures for mosaic's test suite; any key built from them is compromised.
# Loaded by internal/testfixtures (test binaries only).
# Regenerate: MOSAIC_REGENERATE_FIXTURES=1 go test ./internal/testfixtures -run TestRegenerate
# Format: <modulus bits> <p hex> <q hex>, p and q Blum safe primes of half the
# modulus size with the two top bits set.
`

// TestRegenerate rewrites the fixture file. It only runs when
// MOSAIC_REGENERATE_FIXTURES=1 is set:
//
//	MOSAIC_REGENERATE_FIXTURES=1 go test ./internal/testfixtures -run TestRegenerate -v
//
// With MOSAIC_REGENERATE_FIXTURES=append it keeps every existing line as it
// is and appends new pairs only for the sizes that hold fewer than
// fixturePlan asks for, so that tests pinned to existing keys keep them.
func TestRegenerate(t *testing.T) {
	mode := os.Getenv("MOSAIC_REGENERATE_FIXTURES")
	if mode != "1" && mode != "append" {
		t.Skip("set MOSAIC_REGENERATE_FIXTURES=1 (or =append) to regenerate the fixtures")
	}
	path := filepath.Join(ModuleRoot(), PaillierFile)
	var b strings.Builder
	have := map[int]int{}
	if mode == "append" {
		old, err := os.ReadFile(path)
		require.NoError(t, err)
		pairs, err := ParsePrimePairs(old)
		require.NoError(t, err)
		for _, pr := range pairs {
			have[pr.Bits]++
		}
		b.Write(old)
		if len(old) > 0 && old[len(old)-1] != '\n' {
			b.WriteByte('\n')
		}
	} else {
		b.WriteString(fixtureHeader)
	}
	for _, pl := range fixturePlan {
		for i := have[pl.bits]; i < pl.count; i++ {
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
	require.NoError(t, os.WriteFile(path, []byte(b.String()), 0o644))
}
