package dec

import (
	"errors"
	"fmt"
	"sync"
	"testing"

	"github.com/cronokirby/saferith"
	"github.com/stretchr/testify/require"

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

func TestVerifyWithKey(t *testing.T) {
	f, p := shared(t)
	owner := testfixtures.PaillierKey(t, 2)
	require.Same(t, owner, auxOwner(t, f.pub.Aux), "fixture owner lookup")
	tests := []struct {
		name string
		tr   *transcript.Transcript
		key  *paillier.SecretKey
		want error
	}{
		{"valid", proverTranscript(), owner, nil},
		{"nil key", proverTranscript(), nil, zk.ErrMalformed},
		{"the prover's key", proverTranscript(), f.sk0, zk.ErrMalformed},
		{"nil transcript", nil, owner, zk.ErrMalformed},
		{"other session", newTranscript("other", testProver, testVerifier), owner, zk.ErrVerify},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := p.VerifyWithKey(tc.tr, f.pub, tc.key)
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
	f, _ := shared(t)
	n0, n0Sq, nHat := f.pub.N0.N(), f.pub.N0.NSquared(), f.pub.Aux.N()
	one := intOf(1)
	tests := []struct {
		name   string
		change func(p *Proof)
	}{
		{"S", func(p *Proof) { p.S = times4(p.S, nHat) }},
		{"T", func(p *Proof) { p.T = times4(p.T, nHat) }},
		{"A", func(p *Proof) { p.A = times4(p.A, n0Sq) }},
		{"gamma", func(p *Proof) { p.Gamma = p.Gamma.Add(p.Gamma) }},
		{"z1", func(p *Proof) { p.Z1 = new(saferith.Int).Add(p.Z1, one, -1) }},
		{"z2", func(p *Proof) { p.Z2 = new(saferith.Int).Add(p.Z2, one, -1) }},
		{"w", func(p *Proof) { p.W = times4(p.W, n0) }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, p := shared(t)
			tc.change(p)
			require.ErrorIs(t, f.verify(t, p), zk.ErrVerify)
		})
	}
}
