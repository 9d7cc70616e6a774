package enc

import (
	"testing"

	"github.com/cronokirby/saferith"
	"github.com/stretchr/testify/require"

	"github.com/mosaic-mpc/mosaic/internal/testfixtures"
	"github.com/mosaic-mpc/mosaic/internal/transcript"
	"github.com/mosaic-mpc/mosaic/paillier"
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
	f := getFixture(t)
	pub := f.public()
	require.Same(t, f.hat1, zktest.FixtureOwner(t, pub.Aux), "fixture owner lookup")
	tests := []struct {
		name string
		tr   *transcript.Transcript
		key  *paillier.SecretKey
		want error
	}{
		{"valid", zktest.Transcript(testSession, testProver, testVerifier), f.hat1, nil},
		{"nil key", zktest.Transcript(testSession, testProver, testVerifier), nil, zk.ErrMalformed},
		{"the prover's key", zktest.Transcript(testSession, testProver, testVerifier), f.sk, zk.ErrMalformed},
		{"the other verifier's key", zktest.Transcript(testSession, testProver, testVerifier), testfixtures.PaillierKey(t, 2), zk.ErrMalformed},
		{"nil transcript", nil, f.hat1, zk.ErrMalformed},
		{"other session", zktest.Transcript("other", testProver, testVerifier), f.hat1, zk.ErrVerify},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := f.proof.VerifyWithKey(tc.tr, pub, tc.key)
			if tc.want == nil {
				require.NoError(t, err)
				return
			}
			require.ErrorIs(t, err, tc.want)
		})
	}
}

// Every field changed to another value that passes the range and unit
// checks: Verify and VerifyWithKey both refuse, with zk.ErrVerify.
func TestVerifyWithKeyTamperedInRange(t *testing.T) {
	f := getFixture(t)
	pub := f.public()
	n0, n0Sq, nHat := f.sk.PublicKey().N(), f.sk.PublicKey().NSquared(), f.aux1.N()
	one := new(saferith.Int).SetUint64(1)
	tests := []struct {
		name   string
		change func(p *Proof)
	}{
		{"S", func(p *Proof) { p.S = zktest.Times4(p.S, nHat) }},
		{"A", func(p *Proof) { p.A = zktest.Times4(p.A, n0Sq) }},
		{"C", func(p *Proof) { p.C = zktest.Times4(p.C, nHat) }},
		{"z1", func(p *Proof) { p.Z1 = new(saferith.Int).Add(p.Z1, one, -1) }},
		{"z2", func(p *Proof) { p.Z2 = zktest.Times4(p.Z2, n0) }},
		{"z3", func(p *Proof) { p.Z3 = new(saferith.Int).Add(p.Z3, one, -1) }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := zktest.Clone(t, f.proof)
			tc.change(p)
			require.ErrorIs(t, verifyBoth(t, p, zktest.Transcript(testSession, testProver, testVerifier), pub), zk.ErrVerify)
		})
	}
}
