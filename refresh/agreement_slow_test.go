//go:build slow

package refresh

import "testing"

// TestSlowAgreement_RandomAdversaries is TestAgreement_RandomAdversaries
// with 240 seeded runs of each protocol.
func TestSlowAgreement_RandomAdversaries(t *testing.T) {
	randomAdversaries(t, 240)
}
