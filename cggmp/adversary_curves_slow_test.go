//go:build slow

package cggmp

// The curve table of adversary_curves_test.go under the build tag slow:
// every case on P-256 and Stark keys, and the agreement layer's colluders
// (case 31) and random adversaries (case 33, presigning) on both curves.
//
//	go test -count=1 -tags slow -run '^TestSlowCurve' ./cggmp

import (
	"fmt"
	"testing"

	"github.com/mosaic-mpc/mosaic/transport"
)

// TestSlowCurveAdversary_Cases runs the default variants of the cases that
// TestCurveAdversary_Cases leaves out, and the slow variants of the cases
// whose slow variants send values of the curve, on P-256 and Stark keys.
func TestSlowCurveAdversary_Cases(t *testing.T) {
	t.Parallel()
	t.Run("default variants", func(t *testing.T) {
		runCurveCases(t, func(tc curveCase) bool { return !tc.cheap }, false)
	})
	t.Run("slow variants", func(t *testing.T) {
		runCurveCases(t, func(tc curveCase) bool { return tc.curveVariants }, true)
	})
}

// TestSlowCurveAdversary31_TwoColludersIdentify runs every variant of
// TestAgreement_TwoColludersIdentify with 3-of-4 keys of P-256 and Stark.
func TestSlowCurveAdversary31_TwoColludersIdentify(t *testing.T) {
	t.Parallel()
	for _, c := range otherCurves() {
		t.Run(c.Name(), func(t *testing.T) {
			t.Parallel()
			keys := keysOnCurve(t, c, 3, 4)
			twoColludersIdentify(t, keys, false)
			twoColludersIdentify(t, keys, true)
		})
	}
}

// TestSlowCurveAdversary33_RandomAdversaries runs seeded presignings with
// random malicious signers (presignRandomAdversaries) on P-256 and Stark
// keys: all three holders of a 2-of-3 key, all five of a 3-of-5 key, and
// two signers of the 2-of-3 key (no honest majority).
func TestSlowCurveAdversary33_RandomAdversaries(t *testing.T) {
	t.Parallel()
	skipUnderRace(t)
	const runs = 30
	for _, c := range otherCurves() {
		t.Run(c.Name(), func(t *testing.T) {
			t.Parallel()
			o := presignRandomAdversaries(t, c, runs, []presignMix{
				{t: 2, n: 3},
				{t: 3, n: 5},
				{t: 2, n: 3, signers: []transport.PartyID{1, 3}},
			})
			o.require(t, fmt.Sprintf("%d presignings on %s", runs, c.Name()))
		})
	}
}
