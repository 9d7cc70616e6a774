//go:build slow

package roast_test

import "testing"

// TestSlowChaos is the acceptance test: 200 seeded runs of each setting
// (3-of-5 and 5-of-9, n − t malicious signers of random kinds) and each
// suite, every one ending with a valid signature and naming only malicious
// signers. Run it with go test -tags slow -run TestSlowChaos.
func TestSlowChaos(t *testing.T) {
	chaos(t, 200)
}
