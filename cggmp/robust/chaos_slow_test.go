//go:build slow

package robust_test

import "testing"

// TestSlowChaos is the acceptance test: 200 seeded runs of each setting
// (3-of-5 and 5-of-9, n − t malicious parties of random kinds), every one
// ending with a valid signature and naming only malicious parties. Run it
// with go test -tags slow -run TestSlowChaos.
func TestSlowChaos(t *testing.T) {
	chaos(t, map[chaosConfig]int{{3, 5}: 200, {5, 9}: 200})
}
