package refresh

import (
	"crypto/rand"
	"errors"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/mosaic-mpc/mosaic/dkg"
	"github.com/mosaic-mpc/mosaic/transport"
	"github.com/mosaic-mpc/mosaic/transport/memnet"
	"github.com/mosaic-mpc/mosaic/vss"
)

// Adversarial cases of SECURITY.md for refresh, reshare and repair. Party
// 3 is malicious: a memnet interceptor rewrites what its (otherwise honest)
// machine sends. Each test checks that every honest party aborts naming
// party 3 alone, with the expected reason, and that no key share changed.

const evil = transport.PartyID(3)

// requireBlamed checks that each of honest failed with an AbortError naming
// exactly party 3 and wrapping every one of reasons, without a result.
func requireBlamed(t *testing.T, res shares, errs map[transport.PartyID]error, honest []transport.PartyID, reasons ...error) {
	t.Helper()
	for _, id := range honest {
		require.Nil(t, res[id], "honest party %d got a result", id)
		err := errs[id]
		var ae *transport.AbortError
		require.True(t, errors.As(err, &ae), "party %d: %v", id, err)
		require.Equal(t, []transport.PartyID{evil}, ae.Culprits, "party %d: %v", id, err)
		for _, r := range reasons {
			require.ErrorIs(t, err, r, "party %d", id)
		}
	}
}

// onRound applies f to party 3's messages of one round.
func onRound[S any](round int, f func(to transport.PartyID, m *transport.Message)) func(S) map[transport.PartyID]memnet.InterceptFunc {
	return func(S) map[transport.PartyID]memnet.InterceptFunc {
		return map[transport.PartyID]memnet.InterceptFunc{evil: func(to transport.PartyID, m *transport.Message) []*transport.Message {
			if m.Round == round {
				f(to, m)
			}
			return []*transport.Message{m}
		}}
	}
}

// dealPoly makes party 3 deal poly instead of its own polynomial in round
// 1: the commitment to everyone, and consistent shares.
func dealPoly(c curve.Curve, cm []byte, poly *vss.Polynomial) func(to transport.PartyID, m *transport.Message) {
	return func(to transport.PartyID, m *transport.Message) {
		if m.Broadcast() {
			m.Payload = cm
			return
		}
		m.Payload = poly.Evaluate(idScalar(c, to)).Bytes()
	}
}

func randomScalar(t testing.TB, c curve.Curve) curve.Scalar {
	s, err := c.RandomScalar(rand.Reader)
	require.NoError(t, err)
	return s
}

func newPoly(t testing.TB, c curve.Curve, th int, constant curve.Scalar) *vss.Polynomial {
	p, err := vss.NewPolynomial(c, th, constant, rand.Reader)
	require.NoError(t, err)
	return p
}

// runRefreshAttack runs a 2-of-3 refresh with party 3's messages rewritten.
// The interceptor may also change party 3's state so that it lies
// consistently later (for example, reveals the bad share it sent).
func runRefreshAttack(t *testing.T, c curve.Curve, attack func(evilState *dealing) map[transport.PartyID]memnet.InterceptFunc) (shares, shares, map[transport.PartyID]error) {
	t.Helper()
	old := dealtKeys(t, c, 2, partyIDs(3))
	before := snapshot(t, old)
	ms, states := refreshMachinesState(t, old)
	res, errs := run(t, partyIDs(3), ms, attack(states[evil]))
	requireUnchanged(t, old, before)
	return old, res, errs
}

func TestAdversary20_NonZeroRefresh(t *testing.T) {
	for _, c := range curves {
		t.Run(c.Name(), func(t *testing.T) {
			// A well-formed sharing of a random non-zero value: degree t-1,
			// consistent shares; only the constant term is wrong.
			poly := newPoly(t, c, 2, randomScalar(t, c))
			old, res, errs := runRefreshAttack(t, c, onRound[*dealing](1, dealPoly(c, poly.Commit().Bytes(), poly)))
			requireBlamed(t, res, errs, pids(1, 2), ErrNonZeroSharing, vss.ErrNonZeroConstant)
			for _, id := range pids(1, 2) {
				require.Equal(t, 1, errs[id].(*transport.AbortError).Round)
			}
			// The group key and the old shares still work.
			s := reconstruct(t, old[1], old[2])
			require.True(t, c.ScalarBaseMult(s).Equal(old[1].GroupKey))
		})
	}
}

func TestAdversary17_RefreshThresholdRaise(t *testing.T) {
	for _, c := range curves {
		for _, th := range []int{1, 3} {
			poly := newPoly(t, c, th, c.NewScalar()) // a sharing of zero, but of threshold th
			_, res, errs := runRefreshAttack(t, c, onRound[*dealing](1, dealPoly(c, poly.Commit().Bytes(), poly)))
			requireBlamed(t, res, errs, pids(1, 2), ErrBadCommitment, vss.ErrCommitmentLength)
		}
	}
}

func TestAdversary16_RefreshEquivocation(t *testing.T) {
	for _, c := range curves {
		other := newPoly(t, c, 2, c.NewScalar())
		cm := other.Commit().Bytes()
		// Party 1 gets another valid zero-sharing (with matching shares)
		// than party 2.
		_, res, errs := runRefreshAttack(t, c, onRound[*dealing](1, func(to transport.PartyID, m *transport.Message) {
			if to == 1 {
				dealPoly(c, cm, other)(to, m)
			}
		}))
		requireBlamed(t, res, errs, pids(1, 2), transport.ErrEchoMismatch)
	}
}

// badShareThenReveal makes party 3 send party victim a wrong share in
// round 1 and, if lie, reveal that same wrong share when accused (its state
// is changed, so its later messages and echoes are consistent with it).
func badShareThenReveal(victim transport.PartyID, bad curve.Scalar, lie bool) func(*dealing) map[transport.PartyID]memnet.InterceptFunc {
	return func(st *dealing) map[transport.PartyID]memnet.InterceptFunc {
		return map[transport.PartyID]memnet.InterceptFunc{evil: func(to transport.PartyID, m *transport.Message) []*transport.Message {
			if m.Round == 1 && m.To == victim {
				m.Payload = bad.Bytes()
				if lie {
					st.uOut[victim] = bad.Bytes()
				}
			}
			return []*transport.Message{m}
		}}
	}
}

func TestAdversary19_RefreshBadShare(t *testing.T) {
	for _, c := range curves {
		_, res, errs := runRefreshAttack(t, c, badShareThenReveal(1, randomScalar(t, c), true))
		requireBlamed(t, res, errs, pids(1, 2), ErrBadShare)
		for _, id := range pids(1, 2) {
			require.Equal(t, 4, errs[id].(*transport.AbortError).Round, "decided after the reveals' echo")
		}
	}
}

// A dealer that sends a bad share but reveals the right one when accused
// cannot stop the refresh: the complaint is settled in public, and an
// honest dealer cannot be framed by a false complaint either.
func TestRefreshComplaintSettled(t *testing.T) {
	for _, c := range curves {
		old, res, errs := runRefreshAttack(t, c, badShareThenReveal(1, randomScalar(t, c), false))
		require.Empty(t, errs)
		requireSameKey(t, res, old[1].GroupKey, 2)
		requireMixesFail(t, old, res)
	}
}

// Resharing: 2-of-3, old parties 1 and 3 (malicious) deal to a disjoint
// new committee {4, 5, 6} with t' = 2. (With dealers {1, 2, 3}, λ_3 would
// be 1, and sharing the unweighted x_3 would be honest.)

var (
	attackDealers = pids(1, 3)
	attackNew     = pids(4, 5, 6)
	attackHonest  = pids(1, 4, 5, 6)
)

func runReshareAttack(t *testing.T, c curve.Curve, attack func(old shares, evilState *dealing) map[transport.PartyID]memnet.InterceptFunc) (shares, map[transport.PartyID]error) {
	t.Helper()
	old := dealtKeys(t, c, 2, partyIDs(3))
	before := snapshot(t, old)
	ms, states := reshareMachinesState(t, old, attackDealers, attackNew, 2)
	res, errs := run(t, union(attackDealers, attackNew), ms, attack(old, states[evil]))
	requireUnchanged(t, old, before)
	return res, errs
}

// lambda3 is dealer 3's Lagrange coefficient among attackDealers.
func lambda3(t testing.TB, c curve.Curve) curve.Scalar {
	l, err := vss.LagrangeCoefficient(c, idScalars(c, attackDealers), idScalar(c, evil))
	require.NoError(t, err)
	return l
}

func TestReshareBadDealerNamed(t *testing.T) {
	for _, c := range curves {
		cases := map[string]struct {
			attack  func(old shares, evilState *dealing) map[transport.PartyID]memnet.InterceptFunc
			reasons []error
		}{
			"shares its unweighted share x_3": {
				attack: func(old shares, st *dealing) map[transport.PartyID]memnet.InterceptFunc {
					p := newPoly(t, c, 2, old[evil].Secret)
					return onRound[*dealing](1, dealPoly(c, p.Commit().Bytes(), p))(st)
				},
				reasons: []error{ErrBadCommitment},
			},
			"shares a random secret": {
				attack: func(_ shares, st *dealing) map[transport.PartyID]memnet.InterceptFunc {
					p := newPoly(t, c, 2, randomScalar(t, c))
					return onRound[*dealing](1, dealPoly(c, p.Commit().Bytes(), p))(st)
				},
				reasons: []error{ErrBadCommitment},
			},
			"raises the threshold": {
				attack: func(old shares, st *dealing) map[transport.PartyID]memnet.InterceptFunc {
					p := newPoly(t, c, 3, lambda3(t, c).Mul(old[evil].Secret))
					return onRound[*dealing](1, dealPoly(c, p.Commit().Bytes(), p))(st)
				},
				reasons: []error{ErrBadCommitment, vss.ErrCommitmentLength},
			},
			"sends a bad share and reveals it": {
				attack: func(_ shares, st *dealing) map[transport.PartyID]memnet.InterceptFunc {
					return badShareThenReveal(5, randomScalar(t, c), true)(st)
				},
				reasons: []error{ErrBadShare},
			},
			"equivocates its commitment": {
				attack: func(old shares, st *dealing) map[transport.PartyID]memnet.InterceptFunc {
					// Another valid sharing of the right value, to party 4 only.
					p := newPoly(t, c, 2, lambda3(t, c).Mul(old[evil].Secret))
					cm := p.Commit().Bytes()
					return onRound[*dealing](1, func(to transport.PartyID, m *transport.Message) {
						if to == 4 {
							dealPoly(c, cm, p)(to, m)
						}
					})(st)
				},
				reasons: []error{transport.ErrEchoMismatch},
			},
		}
		for name, tc := range cases {
			t.Run(c.Name()+"/"+name, func(t *testing.T) {
				res, errs := runReshareAttack(t, c, tc.attack)
				requireBlamed(t, res, errs, attackHonest, tc.reasons...)
			})
		}
	}
}

// Repair: 3-of-5, party 2 lost its share, helpers 1, 3 (malicious) and 4.

var (
	repairHelpers = pids(1, 3, 4)
	repairLost    = transport.PartyID(2)
)

func runRepairAttack(t *testing.T, c curve.Curve, attack func(evilState *repair) map[transport.PartyID]memnet.InterceptFunc) (shares, shares, map[transport.PartyID]error) {
	t.Helper()
	keys := dealtKeys(t, c, 3, partyIDs(5))
	before := snapshot(t, keys)
	ms, states := repairMachinesState(t, keys, repairHelpers, repairLost)
	res, errs := run(t, union(repairHelpers, pids(2)), ms, attack(states[evil]))
	requireUnchanged(t, keys, before)
	return keys, res, errs
}

func TestRepairBadHelperNamed(t *testing.T) {
	for _, c := range curves {
		t.Run(c.Name()+"/bad sum to the lost party", func(t *testing.T) {
			// Only the lost party can check σ_j (it is secret to it): it
			// names helper 3; the helpers finish, having learnt nothing.
			bad := randomScalar(t, c)
			_, res, errs := runRepairAttack(t, c, onRound[*repair](2, func(to transport.PartyID, m *transport.Message) {
				if m.To == repairLost {
					m.Payload = bad.Bytes()
				}
			}))
			requireBlamed(t, res, errs, pids(2), ErrBadShare)
			for _, h := range pids(1, 4) {
				require.NoError(t, errs[h])
				require.Nil(t, res[h])
			}
		})
		t.Run(c.Name()+"/malformed sum to the lost party", func(t *testing.T) {
			// Also the lost party's verdict alone: it comes after the
			// lost party's last message, so the helpers still complete.
			_, res, errs := runRepairAttack(t, c, onRound[*repair](2, func(to transport.PartyID, m *transport.Message) {
				if m.To == repairLost {
					m.Payload = []byte{1, 2, 3}
				}
			}))
			requireBlamed(t, res, errs, pids(2), ErrBadShare)
			for _, h := range pids(1, 4) {
				require.NoError(t, errs[h])
				require.Nil(t, res[h])
			}
		})
		t.Run(c.Name()+"/summands that do not add up", func(t *testing.T) {
			fake := make([]byte, 0, 3*c.PointSize())
			for range 3 {
				fake = append(fake, c.ScalarBaseMult(randomScalar(t, c)).Bytes()...)
			}
			_, res, errs := runRepairAttack(t, c, onRound[*repair](1, func(_ transport.PartyID, m *transport.Message) {
				if m.Broadcast() {
					m.Payload = fake
				}
			}))
			requireBlamed(t, res, errs, pids(1, 2, 4), ErrBadCommitment)
		})
		t.Run(c.Name()+"/wrong-length commitment", func(t *testing.T) {
			_, res, errs := runRepairAttack(t, c, onRound[*repair](1, func(_ transport.PartyID, m *transport.Message) {
				if m.Broadcast() {
					m.Payload = m.Payload[:2*c.PointSize()]
				}
			}))
			requireBlamed(t, res, errs, pids(1, 2, 4), ErrBadCommitment)
		})
		t.Run(c.Name()+"/bad summand, revealed", func(t *testing.T) {
			bad := randomScalar(t, c)
			_, res, errs := runRepairAttack(t, c, func(st *repair) map[transport.PartyID]memnet.InterceptFunc {
				return map[transport.PartyID]memnet.InterceptFunc{evil: func(to transport.PartyID, m *transport.Message) []*transport.Message {
					if m.Round == 1 && m.To == 1 {
						m.Payload = bad.Bytes()
						st.step1.Deltas[1] = bad // reveal it when accused
					}
					return []*transport.Message{m}
				}}
			})
			requireBlamed(t, res, errs, pids(1, 2, 4), ErrBadShare)
		})
	}
}

// A complaint list malformed for party 1 only is equivocation: party 1
// holds its verdict back until round 2's echo check, which names party 3
// for every honest party, so none is blamed for stopping early.
func TestAdversary16_RepairComplaintToOne(t *testing.T) {
	for _, c := range curves {
		_, res, errs := runRepairAttack(t, c, onRound[*repair](2, func(to transport.PartyID, m *transport.Message) {
			if m.Broadcast() && to == 1 {
				m.Payload = []byte{0, 9}
			}
		}))
		requireBlamed(t, res, errs, pids(1, 2, 4), transport.ErrEchoMismatch)
	}
}

// A helper that sends a bad summand but reveals the right one when accused
// cannot stop the repair: the accuser adopts the revealed summand.
func TestRepairComplaintSettled(t *testing.T) {
	for _, c := range curves {
		keys, res, errs := runRepairAttack(t, c, onRound[*repair](1, func(to transport.PartyID, m *transport.Message) {
			if m.To == 4 {
				m.Payload = c.ScalarFromUint64(7).Bytes()
			}
		}))
		require.Empty(t, errs)
		requireRepaired(t, keys[repairLost], res[repairLost])
	}
}

// The plain functions name the helper at fault too.
func TestRepairStepsNameBadHelper(t *testing.T) {
	c := curve.Secp256k1()
	keys := dealtKeys(t, c, 3, partyIDs(5))
	set, err := NewRepairSet(PublicOf(keys[1]), repairHelpers, repairLost)
	require.NoError(t, err)
	step1 := map[transport.PartyID]*RepairDeltas{}
	cms := map[transport.PartyID]*RepairCommitment{}
	for _, h := range repairHelpers {
		d, err := RepairStep1(set, keys[h], nil)
		require.NoError(t, err)
		step1[h], cms[h] = d, d.Commitment
	}
	deltasFor := func(j transport.PartyID) map[transport.PartyID]curve.Scalar {
		out := map[transport.PartyID]curve.Scalar{}
		for _, i := range repairHelpers {
			out[i] = step1[i].Deltas[j]
		}
		return out
	}
	sigmas := map[transport.PartyID]curve.Scalar{}
	for _, j := range repairHelpers {
		s, err := RepairStep2(set, j, deltasFor(j), cms)
		require.NoError(t, err)
		sigmas[j] = s
	}

	requireNamed := func(err error, reason error) {
		t.Helper()
		require.Equal(t, []transport.PartyID{evil}, transport.Culprits(err), "%v", err)
		require.ErrorIs(t, err, reason)
	}
	// a bad summand from 3 to 1
	d := deltasFor(1)
	d[evil] = randomScalar(t, c)
	_, err = RepairStep2(set, 1, d, cms)
	requireNamed(err, ErrBadShare)
	// a bad σ from 3
	bad := map[transport.PartyID]curve.Scalar{}
	for k, v := range sigmas {
		bad[k] = v
	}
	bad[evil] = bad[evil].Add(c.ScalarFromUint64(1))
	_, err = RepairStep3(set, bad, cms)
	requireNamed(err, ErrBadShare)
	// a commitment of 3 whose points do not add up
	forged := map[transport.PartyID]*RepairCommitment{}
	for k, v := range cms {
		forged[k] = v
	}
	pts := append([]curve.Point(nil), cms[evil].points...)
	pts[0] = pts[0].Add(c.Generator())
	forged[evil] = &RepairCommitment{points: pts}
	_, err = RepairStep2(set, 1, deltasFor(1), forged)
	requireNamed(err, ErrBadCommitment)
	_, err = RepairStep3(set, sigmas, forged)
	requireNamed(err, ErrBadCommitment)
	// and untouched, the values repair the share
	got, err := RepairStep3(set, sigmas, cms)
	require.NoError(t, err)
	requireRepaired(t, keys[repairLost], got)
	var _ *dkg.KeyShare = got
}
