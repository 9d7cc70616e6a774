package cggmp

// Attacker fixtures of the protocol-level adversarial tests: values that
// take seconds to find and prove nothing by being fresh, so they are found
// once and read from testdata. Public test values only (math/big).

import (
	"crypto/rand"
	"fmt"
	"math/big"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// primeFixturePath holds a random 2048-bit prime: SECURITY.md case 4's
// "N prime" modulus. Finding one takes seconds, and a prime is a prime.
const primeFixturePath = "../testdata/cggmp/prime-2048.txt"

const primeFixtureHeader = `# TEST ONLY: a random 2048-bit prime, the "N prime" modulus that party 3
# opens in cggmp's TestProtocolAdversary04_ModStatement (SECURITY.md case 4).
# Regenerate: MOSAIC_REGENERATE_FIXTURES=1 go test ./cggmp -run TestRegeneratePrimeFixture
`

// fixturePrime returns the prime of primeFixturePath, checked.
func fixturePrime(t testing.TB) *big.Int {
	b, err := os.ReadFile(primeFixturePath)
	require.NoError(t, err)
	var hex string
	for _, line := range strings.Split(string(b), "\n") {
		if line = strings.TrimSpace(line); line != "" && !strings.HasPrefix(line, "#") {
			hex = line
		}
	}
	p, ok := new(big.Int).SetString(hex, 16)
	require.True(t, ok, "%s: not a hex number", primeFixturePath)
	require.Equal(t, 2048, p.BitLen())
	require.True(t, p.ProbablyPrime(20), "%s: not a prime", primeFixturePath)
	return p
}

func TestPrimeFixture(t *testing.T) {
	t.Parallel()
	p := fixturePrime(t)
	require.Equal(t, uint(1), p.Bit(0))
}

// TestRegeneratePrimeFixture rewrites primeFixturePath. It runs only with
// MOSAIC_REGENERATE_FIXTURES=1 (see internal/testfixtures).
func TestRegeneratePrimeFixture(t *testing.T) {
	if os.Getenv("MOSAIC_REGENERATE_FIXTURES") != "1" {
		t.Skip("set MOSAIC_REGENERATE_FIXTURES=1 to regenerate the fixtures")
	}
	p, err := rand.Prime(rand.Reader, 2048)
	require.NoError(t, err)
	out := primeFixtureHeader + fmt.Sprintf("%x\n", p)
	require.NoError(t, os.WriteFile(primeFixturePath, []byte(out), 0o644))
}
