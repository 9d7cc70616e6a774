package zktest

import (
	"errors"
	"fmt"
	"testing"

	"github.com/cronokirby/saferith"

	"github.com/mosaic-mpc/mosaic/internal/testfixtures"
	"github.com/mosaic-mpc/mosaic/internal/transcript"
	"github.com/mosaic-mpc/mosaic/paillier"
	"github.com/mosaic-mpc/mosaic/zk"
)

// KeyedProof is a proof with both verifiers.
type KeyedProof[Pub any] interface {
	Verify(t *transcript.Transcript, pub Pub) error
	VerifyWithKey(t *transcript.Transcript, pub Pub, key *paillier.SecretKey) error
}

// FixtureOwner returns the fixture secret key whose modulus is aux's N̂,
// or nil (parameters built from a modulus that is not a fixture key's).
func FixtureOwner(tb testing.TB, aux *paillier.PedersenParams) *paillier.SecretKey {
	tb.Helper()
	if aux == nil {
		return nil
	}
	for _, sk := range testfixtures.PaillierKeys(tb, paillier.ModulusBits2048) {
		if sk.PublicKey().NNat().Eq(aux.NNat()) == 1 {
			return sk
		}
	}
	return nil
}

// VerifyBoth runs Verify and, when the owner of aux (the statement's N̂) is
// a fixture key, VerifyWithKey with that key on a clone of the transcript,
// and fails the test unless both accept, or both reject with the same kind
// of error (zk.ErrMalformed, ErrOutOfRange, ErrNotUnit, ErrVerify). It
// returns Verify's verdict, so that it can stand in for Verify in every
// test of what is accepted.
func VerifyBoth[Pub any](tb testing.TB, p KeyedProof[Pub], t *transcript.Transcript, pub Pub, aux *paillier.PedersenParams) error {
	tb.Helper()
	var tk *transcript.Transcript
	if t != nil {
		tk = t.Clone()
	}
	err := p.Verify(t, pub)
	key := FixtureOwner(tb, aux)
	if key == nil {
		return err
	}
	errK := p.VerifyWithKey(tk, pub, key)
	if msg := Disagreement(err, errK); msg != "" {
		tb.Errorf("Verify and VerifyWithKey disagree: %s", msg)
	}
	return err
}

// Disagreement describes how two verdicts differ ("" if they agree on
// acceptance and on the kind of error).
func Disagreement(err, errK error) string {
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

// Times4 returns 4·x mod m: still a unit other than ±1 (for the values of
// the tests), so a proof changed this way passes every range and unit
// check and fails only the equations.
func Times4(x *saferith.Nat, m *saferith.Modulus) *saferith.Nat {
	return new(saferith.Nat).ModMul(x, new(saferith.Nat).SetUint64(4), m)
}

// CheckVerifyWithKey runs the checks every VerifyWithKey must pass on a
// valid proof p of pub, whose N̂ owner holds: it accepts with owner's key
// and a good transcript, and refuses a nil key or the prover's key (with
// zk.ErrMalformed), a nil transcript (zk.ErrMalformed) and another
// session's transcript (zk.ErrVerify).
func CheckVerifyWithKey[Pub any](t *testing.T, p KeyedProof[Pub], pub Pub, owner, prover *paillier.SecretKey, good, otherSession func() *transcript.Transcript) {
	t.Helper()
	tests := []struct {
		name string
		tr   *transcript.Transcript
		key  *paillier.SecretKey
		want error
	}{
		{"valid", good(), owner, nil},
		{"nil key", good(), nil, zk.ErrMalformed},
		{"the prover's key", good(), prover, zk.ErrMalformed},
		{"nil transcript", nil, owner, zk.ErrMalformed},
		{"other session", otherSession(), owner, zk.ErrVerify},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := p.VerifyWithKey(tc.tr, pub, tc.key)
			if tc.want == nil {
				if err != nil {
					t.Fatalf("VerifyWithKey: %v", err)
				}
				return
			}
			if !errors.Is(err, tc.want) {
				t.Fatalf("VerifyWithKey: %v, want %v", err, tc.want)
			}
		})
	}
}
