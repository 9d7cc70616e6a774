package cggmp

// Identification and complaints at protocol level: a party whose announced
// δ_i or S_i does not match its ciphertexts is found by the identification
// round (identify.go), and a bad message seen by one honest party only, a
// false complaint or a complaint sent to one party only end with both
// honest parties naming party 3 (complaint.go).

import (
	"fmt"
	"testing"

	"github.com/cronokirby/saferith"
	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/mosaic-mpc/mosaic/transport"
	"github.com/mosaic-mpc/mosaic/transport/memnet"
	"github.com/mosaic-mpc/mosaic/zk"
	"github.com/stretchr/testify/require"
)

// A party that announces a δ_i off by one (its MtA sums say otherwise) is
// found by the δ identification (Πmul, the MtAs re-checked, Πdec).
func TestIdentifyWrongDelta(t *testing.T) {
	t.Parallel()
	identifyWrongDelta(t, sharedKeys(t))
}

// identifyWrongDelta runs TestIdentifyWrongDelta with keys of any curve.
func identifyWrongDelta(t *testing.T, keys map[transport.PartyID]*Key) {
	one := keys[1].Share.Curve.ScalarFromUint64(1)
	run, _ := runPresignEvil(t, keys, presignAdversary{hook: func(ev *presignState) memnet.InterceptFunc {
		// Round 2 is out, δ_3's mask terms are fixed: shift one, so that
		// the δ_3 announced in round 3 is off by one; the claim proves the
		// δ_3 its ciphertexts give.
		return afterSend(2, func() { ev.beta[1] = ev.beta[1].Add(one) })
	}})
	requireOutcome(t, run, outcome{all: []error{ErrIdentified}, round: verdictRound})
}

// A party that announces an S_i other than χ_i·Γ is found by the S
// identification (enc(x_i) with Πlog*, Πmul, the x-MtAs re-checked and the
// wide Πlog* of Û_i against S_i).
func TestIdentifyWrongS(t *testing.T) {
	t.Parallel()
	identifyWrongS(t, sharedKeys(t))
}

// identifyWrongS runs TestIdentifyWrongS with keys of any curve.
func identifyWrongS(t *testing.T, keys map[transport.PartyID]*Key) {
	c := keys[1].Share.Curve
	run, _ := runPresignEvil(t, keys, presignAdversary{
		// S_3 + G is announced...
		edit: func(*presignState) editFunc {
			return onParts(3, r3Common, 1, func(common [][]byte) {
				S, err := c.DecodePoint(common[2], false)
				require.NoError(t, err)
				common[2] = S.Add(c.Generator()).Bytes()
			}, nil)
		},
		// ...and believed, so that party 3 too starts identification, where
		// it proves the S_3 its ciphertexts give.
		hook: func(ev *presignState) memnet.InterceptFunc {
			return afterSend(3, func() { ev.S[evil] = ev.S[evil].Add(c.Generator()) })
		},
	})
	requireOutcome(t, run, outcome{all: []error{ErrIdentified}, round: verdictRound})
}

// A bad message seen by party 1 only: party 3's Πenc for party 1 is bad,
// the one for party 2 is good. Party 1 complains, party 2 goes on, sees
// the complaint in round 2 and judges it with party 1 in round 3: both
// name party 3. Party 1 sent party 3 nothing derived from its secrets
// after the bad message.
func TestComplaintOneVictim(t *testing.T) {
	t.Parallel()
	complaintOneVictim(t, sharedKeys(t))
}

// complaintOneVictim runs TestComplaintOneVictim with keys of any curve.
func complaintOneVictim(t *testing.T, keys map[transport.PartyID]*Key) {
	run, _ := runPresignEvil(t, keys, presignAdversary{edit: onEncProof(func(_ *presignState, v transport.PartyID, b []byte) []byte {
		if v == 1 {
			return nil
		}
		return b
	})})
	requireOutcome(t, run, outcome{all: []error{zk.ErrMalformed}, round: judgedIn(1)})
}

// A claim is a message of presigning's round 4 only. Party 3 spoils its
// Πenc for party 1, so that party 1 complains in round 2, and sends a claim
// as its round-2 message: the round's complaint does not make the claim
// acceptable, and both honest parties name party 3 for it (ErrMessageKind)
// as well as for the bad Πenc. Party 3, which saw the complaint, zeroed its
// secrets on entering the complaint path.
func TestComplaintClaimOutOfRound(t *testing.T) {
	t.Parallel()
	complaintClaimOutOfRound(t, sharedKeys(t))
}

// complaintClaimOutOfRound runs TestComplaintClaimOutOfRound with keys of
// any curve.
func complaintClaimOutOfRound(t *testing.T, keys map[transport.PartyID]*Key) {
	spoil := onEncProof(func(_ *presignState, v transport.PartyID, b []byte) []byte {
		if v == 1 {
			return nil
		}
		return b
	})
	run, ev := runPresignEvil(t, keys, presignAdversary{edit: func(st *presignState) editFunc {
		edit := spoil(st)
		return func(round int, payload []byte) []byte {
			if round == 2 {
				return envelopeBytes(claimEnvelope([]byte("claim")))
			}
			return edit(round, payload)
		}
	}})
	requireOutcome(t, run, outcome{all: []error{zk.ErrMalformed, ErrMessageKind}, round: judgedIn(1)})
	for name, s := range map[string]curve.Scalar{"k": ev.k, "γ": ev.gamma, "x": ev.x, "β": ev.beta[1], "β̂": ev.betaHat[2]} {
		require.True(t, s.IsZero(), "%s not zeroed", name)
	}
	require.Equal(t, saferith.Choice(1), ev.rho.EqZero(), "ρ not wiped")
	require.Equal(t, saferith.Choice(1), ev.nu.EqZero(), "ν not wiped")
}

// Party 3 complains about party 1's valid message of round r, in either
// protocol: the complaint is judged false and party 3 is named, not party
// 1 (party 1 judges the complaint against its own message like the
// others).
func TestComplaintFalse(t *testing.T) {
	t.Parallel()
	complaintFalse(t, sharedKeys(t), false)
}

// complaintFalse runs the presigning variants with keys of any curve; the
// aux-info variants, which read no key, run with the secp256k1 keys only.
func complaintFalse(t *testing.T, keys map[transport.PartyID]*Key, slow bool) {
	withAux := keys[1].Share.Curve.ID() == curve.IDSecp256k1
	var secrets map[transport.PartyID]*AuxSecret
	if withAux {
		secrets = auxSecrets(t)
	}
	complainAt := func(r int) func(round int, payload []byte) []byte {
		return func(round int, payload []byte) []byte {
			if round == r+1 {
				return complaintPayload([]transport.PartyID{1})
			}
			return payload
		}
	}
	var variants []variant
	for r := 1; r <= 3; r++ {
		variants = append(variants, variant{fmt.Sprintf("presigning round %d", r), false, func(t *testing.T) {
			run, _ := runPresignEvil(t, keys, presignAdversary{edit: func(*presignState) editFunc { return complainAt(r) }})
			requireOutcome(t, run, outcome{all: []error{ErrFalseComplaint}, round: judgedIn(r), quietAfter: r + 1})
		}})
		if withAux {
			variants = append(variants, variant{fmt.Sprintf("aux-info round %d", r), r != 2, func(t *testing.T) {
				// Up to round 2, party 3's own round-3 proofs are never read.
				run, _ := runAuxAdversary(t, secrets, auxAdversary{noProofs: r < 3, edit: func(*auxState) editFunc { return complainAt(r) }})
				requireOutcome(t, run, outcome{all: []error{ErrFalseComplaint}, round: judgedIn(r)})
			}})
		}
	}
	runVariants(t, slow, variants)
}

// Party 3 complains to party 2 only (party 1 gets its regular round-2
// message): the echo check of round 3 catches the split before any
// verdict, and both honest parties name party 3.
func TestComplaintEquivocated(t *testing.T) {
	t.Parallel()
	complaintEquivocated(t, sharedKeys(t))
}

// complaintEquivocated runs TestComplaintEquivocated with keys of any
// curve.
func complaintEquivocated(t *testing.T, keys map[transport.PartyID]*Key) {
	run, _ := runPresignEvil(t, keys, presignAdversary{hook: func(*presignState) memnet.InterceptFunc {
		return func(to transport.PartyID, m *transport.Message) []*transport.Message {
			if m.Round == 2 && to == 2 {
				m.Payload = complaintPayload([]transport.PartyID{1})
			}
			return passThrough(m)
		}
	}})
	requireOutcome(t, run, outcome{all: []error{transport.ErrEchoMismatch}, round: 3})
}

// In the last round (4) complaints are judged at once: a false complaint
// against party 2's valid round-3 message names party 3.
func TestComplaintLastRound(t *testing.T) {
	t.Parallel()
	complaintLastRound(t, sharedKeys(t))
}

// complaintLastRound runs TestComplaintLastRound with keys of any curve.
func complaintLastRound(t *testing.T, keys map[transport.PartyID]*Key) {
	run, _ := runPresignEvil(t, keys, presignAdversary{hook: func(*presignState) memnet.InterceptFunc {
		return func(_ transport.PartyID, m *transport.Message) []*transport.Message {
			if m.Round == presignFinal {
				m.Payload = complaintPayload([]transport.PartyID{2})
			}
			return passThrough(m)
		}
	}})
	requireOutcome(t, run, outcome{all: []error{ErrFalseComplaint}, round: presignFinal})
}

// Aux-info: party 3's Πfac for party 2 is made for party 1's parameters,
// the one for party 1 is good. Only party 2's check fails; both name
// party 3 when judging party 2's complaint in the last round.
func TestComplaintOneVictimAux(t *testing.T) {
	t.Parallel()
	secrets := auxSecrets(t)
	run, _ := runAuxAdversary(t, secrets, auxAdversary{edit: func(st *auxState) editFunc {
		return onAuxRound3(nil, func(v transport.PartyID, orig []byte) []byte {
			if v == 2 {
				return facFor(t, st, st.cfg.Secret.Paillier, 1)
			}
			return orig
		})
	}})
	requireOutcome(t, run, outcome{all: []error{ErrAuxProof}, round: judgedIn(3)})
}
