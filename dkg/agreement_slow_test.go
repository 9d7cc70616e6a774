//go:build slow

package dkg

import "testing"

// TestSlowAgreement_RandomAdversaries is TestAgreement_RandomAdversaries
// with 240 seeded runs.
func TestSlowAgreement_RandomAdversaries(t *testing.T) {
	randomAdversaries(t, 240)
}
