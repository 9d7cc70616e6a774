package affg

import (
	"sync"
	"testing"

	"github.com/cronokirby/saferith"
	"github.com/stretchr/testify/require"

	"github.com/mosaic-mpc/mosaic/curve"
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

var (
	ownAuxOnce sync.Once
	ownAuxFix  *fixture
	ownAuxPf   *Proof
)

// cggmpShaped returns a fixture and proof whose ring-Pedersen modulus is
// the verifier's own N0, as in CGGMP21 (the usual fixture takes N̂ from a
// third key), so that VerifyWithKey checks the N0² equation with the key.
func cggmpShaped(tb testing.TB) (*fixture, *Proof) {
	tb.Helper()
	ownAuxOnce.Do(func() {
		f := newFixture(tb, nil, nil, true)
		aux, _, err := f.sk0.GeneratePedersen(nil)
		require.NoError(tb, err)
		f.pub.Aux = aux
		ownAuxFix, ownAuxPf = f, f.prove(tb)
	})
	require.NotNil(tb, ownAuxPf)
	return ownAuxFix, zktest.Clone(tb, ownAuxPf)
}

func TestVerifyWithKey(t *testing.T) {
	plain, plainProof := shared(t)
	own, ownProof := cggmpShaped(t)
	plainOwner := testfixtures.PaillierKey(t, 2)
	require.Same(t, plainOwner, zktest.FixtureOwner(t, plain.pub.Aux), "fixture owner lookup")
	require.Same(t, own.sk0, zktest.FixtureOwner(t, own.pub.Aux), "fixture owner lookup")
	tests := []struct {
		name string
		f    *fixture
		p    *Proof
		tr   *transcript.Transcript
		key  *paillier.SecretKey
		want error
	}{
		{"valid, N̂ a third key", plain, plainProof, proverTranscript(), plainOwner, nil},
		{"valid, N̂ = N0 (CGGMP21)", own, ownProof, proverTranscript(), own.sk0, nil},
		{"nil key", own, ownProof, proverTranscript(), nil, zk.ErrMalformed},
		{"the prover's key", own, ownProof, proverTranscript(), own.sk1, zk.ErrMalformed},
		{"N0's key but N̂ is a third key", plain, plainProof, proverTranscript(), plain.sk0, zk.ErrMalformed},
		{"nil transcript", own, ownProof, nil, own.sk0, zk.ErrMalformed},
		{"other session", own, ownProof, zktest.Transcript("other", testProver, testVerifier), own.sk0, zk.ErrVerify},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.p.VerifyWithKey(tc.tr, tc.f.pub, tc.key)
			if tc.want == nil {
				require.NoError(t, err)
				return
			}
			require.ErrorIs(t, err, tc.want)
		})
	}
}

// Every field, and the statement's C and D, changed to another value that
// passes the range and unit checks: Verify and VerifyWithKey both refuse,
// with zk.ErrVerify, for both fixture shapes (so the keyed N0² equation is
// covered too).
func TestVerifyWithKeyTamperedInRange(t *testing.T) {
	for _, shape := range []struct {
		name string
		get  func(testing.TB) (*fixture, *Proof)
	}{{"N̂ a third key", shared}, {"N̂ = N0", cggmpShaped}} {
		f, _ := shape.get(t)
		n0, n0Sq, n1, n1Sq, nHat := f.pub.N0.N(), f.pub.N0.NSquared(), f.pub.N1.N(), f.pub.N1.NSquared(), f.pub.Aux.N()
		one := zktest.IntOf(1)
		g := curve.Secp256k1().Generator()
		tests := []struct {
			name   string
			change func(p *Proof, pub *Public)
		}{
			{"A", func(p *Proof, _ *Public) { p.A = zktest.Times4(p.A, n0Sq) }},
			{"Bx", func(p *Proof, _ *Public) { p.Bx = p.Bx.Add(g) }},
			{"By", func(p *Proof, _ *Public) { p.By = zktest.Times4(p.By, n1Sq) }},
			{"E", func(p *Proof, _ *Public) { p.E = zktest.Times4(p.E, nHat) }},
			{"S", func(p *Proof, _ *Public) { p.S = zktest.Times4(p.S, nHat) }},
			{"F", func(p *Proof, _ *Public) { p.F = zktest.Times4(p.F, nHat) }},
			{"T", func(p *Proof, _ *Public) { p.T = zktest.Times4(p.T, nHat) }},
			{"z1", func(p *Proof, _ *Public) { p.Z1 = new(saferith.Int).Add(p.Z1, one, -1) }},
			{"z2", func(p *Proof, _ *Public) { p.Z2 = new(saferith.Int).Add(p.Z2, one, -1) }},
			{"z3", func(p *Proof, _ *Public) { p.Z3 = new(saferith.Int).Add(p.Z3, one, -1) }},
			{"z4", func(p *Proof, _ *Public) { p.Z4 = new(saferith.Int).Add(p.Z4, one, -1) }},
			{"w", func(p *Proof, _ *Public) { p.W = zktest.Times4(p.W, n0) }},
			{"w_y", func(p *Proof, _ *Public) { p.WY = zktest.Times4(p.WY, n1) }},
			{"statement C", func(_ *Proof, pub *Public) { pub.C = pub.N0.Add(pub.C, pub.C) }},
			{"statement D", func(_ *Proof, pub *Public) { pub.D = pub.N0.Add(pub.D, pub.D) }},
		}
		for _, tc := range tests {
			t.Run(shape.name+"/"+tc.name, func(t *testing.T) {
				_, p := shape.get(t)
				pub := f.pub
				tc.change(p, &pub)
				require.ErrorIs(t, verifyBoth(t, p, proverTranscript(), pub), zk.ErrVerify)
			})
		}
	}
}
