//go:build slow

package frost

import "testing"

// TestSlowAgreement_RandomAdversaries is TestAgreement_RandomAdversaries
// over 240 seeded runs, as the agreement layer's issue asks of every
// protocol.
func TestSlowAgreement_RandomAdversaries(t *testing.T) {
	randomAdversaries(t, 240)
}
