//go:build slow

package cggmp

import "testing"

// TestSlowAgreement_TwoColludersIdentify runs the slow variants of
// TestAgreement_TwoColludersIdentify (see adversary_slow_test.go for the
// build tag).
func TestSlowAgreement_TwoColludersIdentify(t *testing.T) {
	t.Parallel()
	twoColludersIdentify(t, keys34(t), true)
}
