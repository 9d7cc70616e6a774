//go:build slow

package safeprime

import "testing"

// TestSlowGenerate is TestGenerate at the size Paillier keys use: a
// 1024-bit safe prime takes from under a second to many seconds, by luck.
func TestSlowGenerate(t *testing.T) {
	generateSizes(t, 1024)
}
