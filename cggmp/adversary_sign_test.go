package cggmp

// Protocol-level adversarial tests of signing (SECURITY.md cases 25 and 26,
// and a killed party): a bogus partial signature is blamed on its sender,
// and a presignature is spent by any run, successful or not, and never
// reused or retried.

import (
	"crypto/sha256"
	"testing"

	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/mosaic-mpc/mosaic/transport"
	"github.com/stretchr/testify/require"
)

// signMachines builds NewSign machines for every holder of pres.
func signMachines(t *testing.T, pres map[transport.PartyID]*Presignature, digest []byte) map[transport.PartyID]transport.Machine[*Signature] {
	sid := randomSID(t)
	ms := map[transport.PartyID]transport.Machine[*Signature]{}
	for id, p := range pres {
		m, err := NewSign(SignConfig{Presignature: p, Digest: digest, SessionID: sid})
		require.NoError(t, err)
		ms[id] = m
	}
	return ms
}

// requireSpent checks that the honest parties' presignatures are consumed
// and zeroed, and that neither a new run nor a direct SignShare can use them
// again (case 26).
func requireSpent(t *testing.T, pres map[transport.PartyID]*Presignature, digest []byte) {
	t.Helper()
	for _, id := range honestParties {
		p := pres[id]
		require.True(t, p.Used(), "party %d", id)
		require.True(t, p.secret.k.IsZero() && p.secret.chi.IsZero(), "party %d: secret shares not zeroed", id)
		_, err := NewSign(SignConfig{Presignature: p, Digest: digest, SessionID: randomSID(t)})
		require.ErrorIs(t, err, ErrPresignatureUsed)
		other := sha256.Sum256([]byte("another digest"))
		other[0] &= 0x07 // below 2^251, a message hash on every curve
		_, err = p.SignShare(other[:])
		require.ErrorIs(t, err, ErrPresignatureUsed)
	}
}

// bogusSigma adds d to a secp256k1 partial signature.
func bogusSigma(b []byte, d uint64) []byte {
	return bogusSigmaOn(curve.Secp256k1(), b, d)
}

// bogusSigmaOn adds d to a partial signature on c.
func bogusSigmaOn(c curve.Curve, b []byte, d uint64) []byte {
	s, err := c.DecodeScalar(b)
	if err != nil {
		return nil
	}
	return s.Add(c.ScalarFromUint64(d)).Bytes()
}

// Case 25: a bogus partial signature from party 3 is blamed on party 3 by
// both honest parties (not reported as a generic "signature does not
// verify"); the run is over and the presignatures are spent (case 26).
func TestProtocolAdversary25_BogusPartialSignature(t *testing.T) {
	t.Parallel()
	bogusPartialSignature(t, sharedKeys(t), false)
}

// bogusPartialSignature runs case 25 with 2-of-3 keys of any curve
// (curves_test.go).
func bogusPartialSignature(t *testing.T, keys map[transport.PartyID]*Key, slow bool) {
	ids := partyIDs(3)
	c := keys[ids[0]].Share.Curve
	digest := sha256.Sum256([]byte("case 25"))
	if c.ID() == curve.IDStark {
		digest[0] &= 0x07 // a Starknet message hash is below 2^251
	}
	var variants []variant
	for _, tc := range []struct {
		name  string
		sigma func(to transport.PartyID, b []byte) []byte
		slow  bool
	}{
		{"σ+1 to both", func(_ transport.PartyID, b []byte) []byte { return bogusSigmaOn(c, b, 1) }, false},
		{"different σ to each", func(to transport.PartyID, b []byte) []byte { return bogusSigmaOn(c, b, uint64(to)) }, true},
		{"σ = q (not canonical)", func(transport.PartyID, []byte) []byte { return c.Order().Bytes() }, true},
		{"σ truncated", func(_ transport.PartyID, b []byte) []byte { return b[:len(b)-1] }, true},
	} {
		variants = append(variants, variant{tc.name, tc.slow, func(t *testing.T) {
			pres := presignAll(t, keys, ids, nil)
			run := runEvil(t, signMachines(t, pres, digest[:]), netRound(1, tc.sigma), nil)
			requireOutcome(t, run, outcome{all: []error{ErrPartialSignature}, round: 1})
			requireSpent(t, pres, digest[:])
		}})
	}
	variants = append(variants, variant{"full sign, round 4", false, func(t *testing.T) {
		sid := randomSID(t)
		ms := map[transport.PartyID]transport.Machine[*Signature]{}
		for _, id := range ids {
			m, err := NewFullSign(FullSignConfig{PresignConfig: PresignConfig{Key: keys[id], Signers: ids, SessionID: sid}, Digest: digest[:]})
			require.NoError(t, err)
			ms[id] = m
		}
		run := runEvil(t, ms, netRound(4, func(_ transport.PartyID, b []byte) []byte { return bogusSigmaOn(c, b, 1) }), nil)
		requireOutcome(t, run, outcome{all: []error{ErrPartialSignature}, round: 4})
	}})
	runVariants(t, slow, variants)
}

// Case 26: a presignature signs once. After a successful run it cannot sign
// again (another digest, a new run); after a run that aborted it is spent as
// well: there is no automatic retry with the same nonce.
func TestProtocolAdversary26_PresignatureReuse(t *testing.T) {
	t.Parallel()
	presignatureReuse(t, sharedKeys(t))
}

// presignatureReuse runs case 26 with 2-of-3 keys of any curve: the
// signature of the successful run is in the chain's form (low S on
// secp256k1 and P-256, Starknet's ranges on the Stark curve).
func presignatureReuse(t *testing.T, keys map[transport.PartyID]*Key) {
	ids := partyIDs(3)
	digest := sha256.Sum256([]byte("case 26"))
	digest[0] &= 0x07 // below 2^251, a message hash on every curve

	t.Run("after success", func(t *testing.T) {
		t.Parallel()
		pres := presignAll(t, keys, ids, nil)
		run := runEvil(t, signMachines(t, pres, digest[:]), nil, nil)
		require.Empty(t, run.errs)
		for _, id := range ids {
			require.NoError(t, VerifyChainForm(keys[1].PublicKey(), digest[:], run.outs[id]))
		}
		requireSpent(t, pres, digest[:])
	})

	// Party 3 goes silent in the signing round: both honest parties time
	// out naming it, and their presignatures are gone, not kept for a retry.
	t.Run("after an abort (killed party)", func(t *testing.T) {
		t.Parallel()
		pres := presignAll(t, keys, ids, nil)
		run := runEvil(t, signMachines(t, pres, digest[:]), silentFrom(1), nil,
			transport.WithRoundTimeout(killedSignTimeout))
		requireOutcome(t, run, outcome{all: []error{transport.ErrTimeout}})
		requireSpent(t, pres, digest[:])
	})

	// An abort in presigning yields no presignature at all.
	t.Run("after a presigning abort", func(t *testing.T) {
		t.Parallel()
		run, _ := runPresignEvil(t, keys, presignAdversary{edit: onEncProof(func(*presignState, transport.PartyID, []byte) []byte { return nil })})
		requireBlamed(t, run) // and no honest output
	})
}

// killedSignTimeout is the round timeout when a signer goes silent: signing
// is one cheap round, so a short timeout is safe.
const killedSignTimeout = 2 * killedTimeout / 5
