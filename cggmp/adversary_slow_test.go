//go:build slow

package cggmp

// The slow variants of the protocol-level adversarial cases (SECURITY.md
// cases 1-16, 25) and of the presign tests: each repeats, with another
// input, a check that the default variant of the same case already
// reaches at protocol level, at the price of a protocol run (seconds of
// 2048-bit proofs each). They run with the build tag slow:
//
//	go test -count=1 -tags slow -run '^TestSlow' ./...

import "testing"

func TestSlowProtocolAdversary01_ShortModulus(t *testing.T) {
	t.Parallel()
	shortModulus(t, true)
}

func TestSlowProtocolAdversary02_SmoothModulus(t *testing.T) {
	t.Parallel()
	smoothModulusCases(t, true)
}

func TestSlowProtocolAdversary04_ModStatement(t *testing.T) {
	t.Parallel()
	modStatement(t, true)
}

func TestSlowProtocolAdversary05_RepetitionCount(t *testing.T) {
	t.Parallel()
	repetitionCount(t, true)
}

func TestSlowProtocolAdversary08_PrmBadParameters(t *testing.T) {
	t.Parallel()
	prmBadParameters(t, true)
}

func TestSlowProtocolAdversary09_FacBinding(t *testing.T) {
	t.Parallel()
	facBinding(t, true)
}

func TestSlowProtocolAdversary10_EncOutOfRange(t *testing.T) {
	t.Parallel()
	encOutOfRange(t, sharedKeys(t), true)
}

func TestSlowProtocolAdversary11_AffgBounds(t *testing.T) {
	t.Parallel()
	affgBounds(t, sharedKeys(t), true)
}

func TestSlowProtocolAdversary12_DegenerateValues(t *testing.T) {
	t.Parallel()
	degenerateValues(t, sharedKeys(t), true)
}

func TestSlowProtocolAdversary13_EncodingInjectivity(t *testing.T) {
	t.Parallel()
	encodingInjectivity(t, sharedKeys(t), true)
}

func TestSlowProtocolAdversary14_AuxCrossSession(t *testing.T) {
	t.Parallel()
	auxCrossSession(t, true)
}

func TestSlowProtocolAdversary14_CrossSessionReplay(t *testing.T) {
	t.Parallel()
	crossSessionReplay(t, sharedKeys(t), true)
}

func TestSlowProtocolAdversary25_BogusPartialSignature(t *testing.T) {
	t.Parallel()
	bogusPartialSignature(t, sharedKeys(t), true)
}

func TestSlowComplaintFalse(t *testing.T) {
	t.Parallel()
	complaintFalse(t, sharedKeys(t), true)
}

func TestSlowPresignAndSign(t *testing.T) {
	t.Parallel()
	presignAndSign(t, true)
}
