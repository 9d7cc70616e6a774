package dec

import (
	"testing"

	"github.com/cronokirby/saferith"
	"github.com/stretchr/testify/require"

	"github.com/mosaic-mpc/mosaic/internal/testfixtures"
	"github.com/mosaic-mpc/mosaic/internal/transcript"
	"github.com/mosaic-mpc/mosaic/zk"
	"github.com/mosaic-mpc/mosaic/zk/internal/zktest"
)

// verifyBoth runs Verify and VerifyWithKey (zktest.VerifyBoth) and
// returns Verify's verdict.
func verifyBoth(tb testing.TB, p *Proof, t *transcript.Transcript, pub Public) error {
	tb.Helper()
	return zktest.VerifyBoth[Public](tb, p, t, pub, pub.Aux)
}

func TestVerifyWithKey(t *testing.T) {
	f, p := shared(t)
	owner := testfixtures.PaillierKey(t, 2)
	require.Same(t, owner, zktest.FixtureOwner(t, f.pub.Aux), "fixture owner lookup")
	zktest.CheckVerifyWithKey[Public](t, p, f.pub, owner, f.sk0, proverTranscript,
		func() *transcript.Transcript { return zktest.Transcript("other", testProver, testVerifier) })
}

// Every field changed to another value that passes the range and unit
// checks: Verify and VerifyWithKey both refuse, with zk.ErrVerify.
func TestVerifyWithKeyTamperedInRange(t *testing.T) {
	f, _ := shared(t)
	n0, n0Sq, nHat := f.pub.N0.N(), f.pub.N0.NSquared(), f.pub.Aux.N()
	one := zktest.IntOf(1)
	tests := []struct {
		name   string
		change func(p *Proof)
	}{
		{"S", func(p *Proof) { p.S = zktest.Times4(p.S, nHat) }},
		{"T", func(p *Proof) { p.T = zktest.Times4(p.T, nHat) }},
		{"A", func(p *Proof) { p.A = zktest.Times4(p.A, n0Sq) }},
		{"gamma", func(p *Proof) { p.Gamma = p.Gamma.Add(p.Gamma) }},
		{"z1", func(p *Proof) { p.Z1 = new(saferith.Int).Add(p.Z1, one, -1) }},
		{"z2", func(p *Proof) { p.Z2 = new(saferith.Int).Add(p.Z2, one, -1) }},
		{"w", func(p *Proof) { p.W = zktest.Times4(p.W, n0) }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, p := shared(t)
			tc.change(p)
			require.ErrorIs(t, f.verify(t, p), zk.ErrVerify)
		})
	}
}
