//go:build slow

package dkg

import "testing"

// TestSlowDKG is TestDKG with 32 parties: n² messages per round, seconds
// per curve.
func TestSlowDKG(t *testing.T) {
	dkgSizes(t, []struct{ t, n int }{{11, 32}})
}
