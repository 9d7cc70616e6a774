package cggmp

// Agreement of the honest parties when two parties collude in presigning's
// identification (identify.go, complaint.go): parties 3 and 4 of a 3-of-4
// key, all four signing, work together against honest parties 1 and 2.
// Party 4 lies about its δ_4 or S_4, so the consistency check fails and
// every party sends a claim; party 3 then tries to split the honest parties'
// verdicts, with a claim whose proof for party 1 is the one it made for
// party 2 (valid for party 2's transcript and ring-Pedersen parameters,
// not for party 1's), or by sending party 1 a complaint where party 2 gets
// its claim. Every honest party must end with the same culprits, a
// colluder among them and no honest party.

import (
	"context"
	"crypto/rand"
	"errors"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/mosaic-mpc/mosaic/transport"
	"github.com/mosaic-mpc/mosaic/transport/memnet"
	"github.com/stretchr/testify/require"
)

// The parties of the colluder runs: 3 and 4 collude, 1 and 2 are honest.
var (
	colluders       = []transport.PartyID{3, 4}
	honestOfFour    = []transport.PartyID{1, 2}
	accomplice      = transport.PartyID(3)
	liar            = transport.PartyID(4)
	colluderTimeout = 30 * time.Second // a safety net: no variant waits for it
)

// shared34 holds the 3-of-4 keys of the colluder tests, made once per test
// binary (as sharedKeys).
var shared34 struct {
	once sync.Once
	keys map[transport.PartyID]*Key
}

func keys34(t testing.TB) map[transport.PartyID]*Key {
	t.Helper()
	shared34.once.Do(func() { shared34.keys = testKeys(t, 3, 4) })
	require.NotNil(t, shared34.keys, "the shared 3-of-4 keys failed in the first test that asked for them")
	return shared34.keys
}

// colluderMachine is colluder id's presigning machine, built on its own
// state with adv's behaviour as runPresignEvil builds party 3's, and its
// network hook (nil if adv has none).
func colluderMachine(t *testing.T, keys map[transport.PartyID]*Key, id transport.PartyID, signers []transport.PartyID, sid []byte, adv presignAdversary) (transport.Machine[*Presignature], memnet.InterceptFunc) {
	t.Helper()
	st, err := newPresignState(PresignConfig{Key: keys[id], Signers: signers, SessionID: sid, Rand: rand.Reader})
	require.NoError(t, err)
	var first transport.FirstRound[*Presignature] = &presignRound1[*Presignature]{run: &presignRun[*Presignature]{st: st, out: presignOnly{}}}
	if adv.start != nil {
		first = withStart(first, func() ([]*transport.Message, error) { return adv.start(st) })
	}
	if adv.edit != nil {
		first = lying(first, adv.edit(st))
	}
	mcfg, err := st.machineConfig(PresignProtocol, nil)
	require.NoError(t, err)
	m, err := transport.NewMachine(mcfg, first)
	require.NoError(t, err)
	var hook memnet.InterceptFunc
	if adv.hook != nil {
		hook = adv.hook(st)
	}
	return m, hook
}

// runColluders runs presigning among parties 1-4 of the 3-of-4 keys, the
// colluders playing advs, and returns the honest parties' outcomes.
func runColluders(t *testing.T, keys map[transport.PartyID]*Key, advs map[transport.PartyID]presignAdversary) (map[transport.PartyID]*Presignature, map[transport.PartyID]error) {
	t.Helper()
	skipUnderRace(t)
	signers := partyIDs(4)
	sid := randomSID(t)
	ms := machinesFor(t, honestOfFour, func(id transport.PartyID) (transport.Machine[*Presignature], error) {
		return NewPresign(PresignConfig{Key: keys[id], Signers: signers, SessionID: sid})
	})
	net := memnet.New(signers)
	defer net.Close()
	for _, id := range colluders {
		m, hook := colluderMachine(t, keys, id, signers, sid, advs[id])
		ms[id] = m
		if hook != nil {
			net.Intercept(id, hook)
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	return memnet.RunAgainst(ctx, net, ms, colluders, transport.WithRoundTimeout(colluderTimeout))
}

// requireAgreement checks that every honest party aborted with an
// *transport.AbortError of round `round` wrapping want, that they name the
// same parties, and that these are exactly culprits: colluders only.
func requireAgreement(t *testing.T, outs map[transport.PartyID]*Presignature, errs map[transport.PartyID]error, culprits []transport.PartyID, round int, want error) {
	t.Helper()
	require.NotEmpty(t, culprits)
	for _, c := range culprits {
		require.Contains(t, colluders, c, "the expected culprits name an honest party")
	}
	named := map[transport.PartyID][]transport.PartyID{}
	for _, id := range honestOfFour {
		require.NotContains(t, outs, id, "party %d produced a presignature", id)
		var abort *transport.AbortError
		require.True(t, errors.As(errs[id], &abort), "party %d: %v", id, errs[id])
		t.Logf("party %d: %v", id, abort)
		named[id] = abort.Culprits
	}
	require.Equal(t, named[1], named[2], "honest parties disagree: party 1 names %v, party 2 names %v", named[1], named[2])
	for _, id := range honestOfFour {
		var abort *transport.AbortError
		require.True(t, errors.As(errs[id], &abort))
		require.Equal(t, culprits, abort.Culprits, "party %d", id)
		require.Equal(t, round, abort.Round, "party %d", id)
		require.ErrorIs(t, abort, want, "party %d", id)
	}
}

// lieAboutDelta makes the liar announce a δ_4 off by one (its MtA sums
// say otherwise), as TestIdentifyWrongDelta does.
func lieAboutDelta() presignAdversary {
	return presignAdversary{hook: func(st *presignState) memnet.InterceptFunc {
		one := st.curve.ScalarFromUint64(1)
		return afterSend(2, func() { st.beta[1] = st.beta[1].Add(one) })
	}}
}

// lieAboutS makes the liar announce S_4 + G, and believe it, so that it
// starts identification too, as TestIdentifyWrongS does.
func lieAboutS() presignAdversary {
	return presignAdversary{
		edit: func(st *presignState) editFunc {
			return onRound(3, func(body []byte) []byte {
				m, err := decodePresign3(body, st.curve, len(st.others))
				if err != nil {
					return body
				}
				m.S = m.S.Add(st.curve.Generator())
				out, _ := m.MarshalBinary()
				return out
			})
		},
		hook: func(st *presignState) memnet.InterceptFunc {
			return afterSend(3, func() { st.S[st.self] = st.S[st.self].Add(st.curve.Generator()) })
		},
	}
}

// claimProofs selects the per-peer proofs of a claim that an edit swaps.
type claimProofs func(cl *identifyClaim) [][]byte

func sumProofs(cl *identifyClaim) [][]byte { return cl.Sum }
func logProofs(cl *identifyClaim) [][]byte { return cl.Log }

// proofForTwoToOne makes the accomplice's claim carry, in the slot for
// party 1, the proof of `which` it made for party 2: a valid proof, but of
// party 2's transcript and against party 2's ring-Pedersen parameters. The
// rest of the claim is honest, and the accomplice lies consistently (its
// echo hashes the edited claim).
func proofForTwoToOne(mode identifyMode, which claimProofs) presignAdversary {
	return presignAdversary{edit: func(st *presignState) editFunc {
		return func(round int, payload []byte) []byte {
			if round != presignFinal || len(payload) < 2 || payload[1] != kindClaim {
				return payload
			}
			cl, err := decodeClaim(payload[2:], mode, st.sk.PublicKey(), len(st.others))
			if err != nil {
				return payload
			}
			proofs := which(cl)
			proofs[slices.Index(st.others, 1)] = proofs[slices.Index(st.others, 2)]
			body, err := cl.MarshalBinary()
			if err != nil {
				return payload
			}
			return envelopeBytes(claimEnvelope(body))
		}
	}}
}

// psiForTwoToOne makes the accomplice's round-3 message carry, in the slot
// for party 1, the ψ″ (Πlog* for K_3 and Δ_3) it made for party 2: party 1
// alone complains, in round 4, while party 2 makes its claim.
func psiForTwoToOne() presignAdversary {
	return presignAdversary{edit: func(st *presignState) editFunc {
		return onRound(3, func(body []byte) []byte {
			m, err := decodePresign3(body, st.curve, len(st.others))
			if err != nil {
				return body
			}
			m.PsiDoublePrime[slices.Index(st.others, 1)] = m.PsiDoublePrime[slices.Index(st.others, 2)]
			out, _ := m.MarshalBinary()
			return out
		})
	}}
}

// complaintToOne makes the accomplice send party 1, instead of its round-4
// claim, a complaint against party 2's valid round-3 message; party 2 and
// the liar get the claim.
func complaintToOne() presignAdversary {
	return presignAdversary{hook: func(*presignState) memnet.InterceptFunc {
		return func(to transport.PartyID, m *transport.Message) []*transport.Message {
			if m.Round == presignFinal && to == 1 {
				m.Payload = complaintPayload([]transport.PartyID{2})
			}
			return passThrough(m)
		}
	}}
}

// TestAgreement_TwoColludersIdentify: with two colluders, honest parties
// reach the same verdict after a failed consistency check. Every party
// verifies every proof of every claim, those addressed to the others too,
// so a proof that is bad for party 1 alone names its sender at both honest
// parties; and a complaint sent in round 4 when round 5 follows waits for
// round 5's echo, so a complaint to party 1 only is caught as an
// equivocation instead of making party 1 abort while party 2 waits for it
// in round 5 and names it by timeout; an honest party's complaint in round
// 4 is judged by every party after round 5.
//
// The wide Πlog* variant is slow (TestSlowAgreement_TwoColludersIdentify,
// build tag slow): it repeats the Πdec variant's check of the proofs of
// the second pass, for the other failed check.
func TestAgreement_TwoColludersIdentify(t *testing.T) {
	t.Parallel()
	twoColludersIdentify(t, keys34(t), false)
}

// twoColludersIdentify runs the variants with 3-of-4 keys of any curve.
func twoColludersIdentify(t *testing.T, keys map[transport.PartyID]*Key, slow bool) {
	var variants []variant
	for _, tc := range []struct {
		name             string
		slow             bool
		liar, accomplice presignAdversary
		culprits         []transport.PartyID
		round            int
		want             error
	}{
		{
			name: "δ: Πdec for party 1 made for party 2",
			liar: lieAboutDelta(), accomplice: proofForTwoToOne(identifyDelta, sumProofs),
			culprits: colluders, round: verdictRound, want: ErrIdentified,
		},
		{
			// The accomplice's Πlog* for C_3 fails, so the first pass of
			// identification names it and the liar's wide Πlog* is not read.
			name: "S: Πlog* for enc(x'_3) for party 1 made for party 2",
			liar: lieAboutS(), accomplice: proofForTwoToOne(identifyChi, logProofs),
			culprits: []transport.PartyID{accomplice}, round: verdictRound, want: ErrIdentified,
		},
		{
			name: "S: wide Πlog* for party 1 made for party 2", slow: true,
			liar: lieAboutS(), accomplice: proofForTwoToOne(identifyChi, sumProofs),
			culprits: colluders, round: verdictRound, want: ErrIdentified,
		},
		{
			name: "δ: complaint to party 1, claim to party 2",
			liar: lieAboutDelta(), accomplice: complaintToOne(),
			culprits: []transport.PartyID{accomplice}, round: verdictRound, want: transport.ErrEchoMismatch,
		},
		{
			// Party 1's complaint about round 3 meets party 2's claim in
			// round 4: party 1, which made no claim, must wait for round 5
			// too, or party 2 would name it by timeout.
			name: "δ: ψ″ for party 1 made for party 2, party 1 complains",
			liar: lieAboutDelta(), accomplice: psiForTwoToOne(),
			culprits: []transport.PartyID{accomplice}, round: verdictRound, want: ErrPresignProof,
		},
	} {
		variants = append(variants, variant{tc.name, tc.slow, func(t *testing.T) {
			outs, errs := runColluders(t, keys, map[transport.PartyID]presignAdversary{liar: tc.liar, accomplice: tc.accomplice})
			requireAgreement(t, outs, errs, tc.culprits, tc.round, tc.want)
		}})
	}
	runVariants(t, slow, variants)
}
