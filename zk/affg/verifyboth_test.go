package affg

import (
	"errors"
	"fmt"
	"sync"
	"testing"

	"github.com/cronokirby/saferith"
	"github.com/stretchr/testify/require"

	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/mosaic-mpc/mosaic/internal/testfixtures"
	"github.com/mosaic-mpc/mosaic/internal/transcript"
	"github.com/mosaic-mpc/mosaic/paillier"
	"github.com/mosaic-mpc/mosaic/zk"
)

var (
	ownerMu sync.Mutex
	owners  = map[string]*paillier.SecretKey{}
)

// auxOwner returns the fixture secret key whose modulus is aux's N̂, or nil
// (parameters built from a modulus that is not a fixture key's).
func auxOwner(tb testing.TB, aux *paillier.PedersenParams) *paillier.SecretKey {
	tb.Helper()
	if aux == nil {
		return nil
	}
	ownerMu.Lock()
	defer ownerMu.Unlock()
	if len(owners) == 0 {
		for _, sk := range testfixtures.PaillierKeys(tb, paillier.DefaultModulusBits) {
			owners[sk.PublicKey().NNat().Big().String()] = sk
		}
	}
	return owners[aux.NNat().Big().String()]
}

// verifyBoth runs Verify and, when the owner of the statement's N̂ is a
// fixture key, VerifyWithKey with that key on a clone of the transcript,
// and fails the test unless both accept, or both reject with the same kind
// of error (zk.ErrMalformed, ErrOutOfRange, ErrNotUnit, ErrVerify). It
// returns Verify's verdict, so that it can stand in for Verify in every
// test of what is accepted.
func verifyBoth(tb testing.TB, p *Proof, t *transcript.Transcript, pub Public) error {
	tb.Helper()
	var tk *transcript.Transcript
	if t != nil {
		tk = t.Clone()
	}
	err := p.Verify(t, pub)
	key := auxOwner(tb, pub.Aux)
	if key == nil {
		return err
	}
	errK := p.VerifyWithKey(tk, pub, key)
	if msg := disagreement(err, errK); msg != "" {
		tb.Errorf("Verify and VerifyWithKey disagree: %s", msg)
	}
	return err
}

func disagreement(err, errK error) string {
	if (err == nil) != (errK == nil) {
		return fmt.Sprintf("Verify: %v; VerifyWithKey: %v", err, errK)
	}
	for _, kind := range []error{zk.ErrMalformed, zk.ErrOutOfRange, zk.ErrNotUnit, zk.ErrVerify} {
		if errors.Is(err, kind) != errors.Is(errK, kind) {
			return fmt.Sprintf("Verify: %v; VerifyWithKey: %v", err, errK)
		}
	}
	return ""
}

// times4 returns 4·x mod m: still a unit other than ±1 (for the values
// here), so a proof changed this way passes every range and unit check and
// fails only the equations.
func times4(x *saferith.Nat, m *saferith.Modulus) *saferith.Nat {
	return new(saferith.Nat).ModMul(x, new(saferith.Nat).SetUint64(4), m)
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
	return ownAuxFix, clone(tb, ownAuxPf)
}

func TestVerifyWithKey(t *testing.T) {
	plain, plainProof := shared(t)
	own, ownProof := cggmpShaped(t)
	plainOwner := testfixtures.PaillierKey(t, 2)
	require.Same(t, plainOwner, auxOwner(t, plain.pub.Aux), "fixture owner lookup")
	require.Same(t, own.sk0, auxOwner(t, own.pub.Aux), "fixture owner lookup")
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
		{"other session", own, ownProof, newTranscript("other", testProver, testVerifier), own.sk0, zk.ErrVerify},
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
		one := intOf(1)
		g := curve.Secp256k1().Generator()
		tests := []struct {
			name   string
			change func(p *Proof, pub *Public)
		}{
			{"A", func(p *Proof, _ *Public) { p.A = times4(p.A, n0Sq) }},
			{"Bx", func(p *Proof, _ *Public) { p.Bx = p.Bx.Add(g) }},
			{"By", func(p *Proof, _ *Public) { p.By = times4(p.By, n1Sq) }},
			{"E", func(p *Proof, _ *Public) { p.E = times4(p.E, nHat) }},
			{"S", func(p *Proof, _ *Public) { p.S = times4(p.S, nHat) }},
			{"F", func(p *Proof, _ *Public) { p.F = times4(p.F, nHat) }},
			{"T", func(p *Proof, _ *Public) { p.T = times4(p.T, nHat) }},
			{"z1", func(p *Proof, _ *Public) { p.Z1 = new(saferith.Int).Add(p.Z1, one, -1) }},
			{"z2", func(p *Proof, _ *Public) { p.Z2 = new(saferith.Int).Add(p.Z2, one, -1) }},
			{"z3", func(p *Proof, _ *Public) { p.Z3 = new(saferith.Int).Add(p.Z3, one, -1) }},
			{"z4", func(p *Proof, _ *Public) { p.Z4 = new(saferith.Int).Add(p.Z4, one, -1) }},
			{"w", func(p *Proof, _ *Public) { p.W = times4(p.W, n0) }},
			{"w_y", func(p *Proof, _ *Public) { p.WY = times4(p.WY, n1) }},
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
