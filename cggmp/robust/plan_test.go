package robust_test

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/mosaic-mpc/mosaic/cggmp/robust"
	"github.com/mosaic-mpc/mosaic/transport"
)

var errAttempt = errors.New("attempt failed")

// strategy is how the malicious parties of a planner-level adversary make
// an attempt among signers fail: the outcome the honest signers agree on.
// It is called only for sets holding a malicious party.
type strategy func(rng *rand.Rand, signers, malicious []transport.PartyID) robust.Outcome

func outcome(culprits []transport.PartyID, blames map[transport.PartyID][]transport.PartyID) robust.Outcome {
	return robust.Outcome{Culprits: culprits, Blames: blames, Err: errAttempt}
}

// inSet returns the members of set among ps.
func inSet(ps, set []transport.PartyID) []transport.PartyID {
	var out []transport.PartyID
	for _, p := range ps {
		if slices.Contains(set, p) {
			out = append(out, p)
		}
	}
	return out
}

func honestOf(signers, malicious []transport.PartyID) []transport.PartyID {
	var out []transport.PartyID
	for _, p := range signers {
		if !slices.Contains(malicious, p) {
			out = append(out, p)
		}
	}
	return out
}

var strategies = map[string]strategy{
	// silentSigner: one malicious signer falls silent; every honest signer
	// blames it when its round times out.
	"silent signer": func(rng *rand.Rand, signers, malicious []transport.PartyID) robust.Outcome {
		bad := inSet(malicious, signers)
		m := bad[rng.IntN(len(bad))]
		blames := map[transport.PartyID][]transport.PartyID{}
		for _, h := range honestOf(signers, malicious) {
			blames[h] = []transport.PartyID{m}
		}
		return outcome(nil, blames)
	},
	// equivocator: a malicious signer signs two broadcasts of one round;
	// the verdict names it.
	"equivocator": func(rng *rand.Rand, signers, malicious []transport.PartyID) robust.Outcome {
		bad := inSet(malicious, signers)
		return outcome([]transport.PartyID{bad[rng.IntN(len(bad))]}, nil)
	},
	// framer: a malicious signer aborts blaming one honest signer, the
	// least information an attempt can give.
	"framer": func(rng *rand.Rand, signers, malicious []transport.PartyID) robust.Outcome {
		bad := inSet(malicious, signers)
		honest := honestOf(signers, malicious)
		m := bad[rng.IntN(len(bad))]
		if len(honest) == 0 {
			return outcome([]transport.PartyID{m}, nil)
		}
		return outcome(nil, map[transport.PartyID][]transport.PartyID{m: {honest[rng.IntN(len(honest))]}})
	},
	// colluders: malicious signers blame each other and an honest one, and
	// claim blames by parties outside the set.
	"colluders": func(rng *rand.Rand, signers, malicious []transport.PartyID) robust.Outcome {
		bad := inSet(malicious, signers)
		honest := honestOf(signers, malicious)
		blames := map[transport.PartyID][]transport.PartyID{}
		for _, m := range bad {
			for _, o := range bad {
				if o != m {
					blames[m] = append(blames[m], o)
				}
			}
			if len(honest) > 0 {
				blames[m] = append(blames[m], honest[rng.IntN(len(honest))])
			}
		}
		outside := transport.PartyID(1000)
		blames[outside] = honest
		return outcome(nil, blames)
	},
	// mixed draws one of the above per attempt.
	"mixed": nil,
}

func TestAdversary35_PlannerAgainstStrategies(t *testing.T) {
	names := []string{"silent signer", "equivocator", "framer", "colluders"}
	for _, cfg := range []struct{ t, n int }{{2, 3}, {3, 5}, {4, 7}, {5, 9}, {3, 4}} {
		for _, name := range append(slices.Clone(names), "mixed") {
			t.Run(fmt.Sprintf("%d-of-%d/%s", cfg.t, cfg.n, name), func(t *testing.T) {
				worst := 0
				for seed := range uint64(200) {
					rng := rand.New(rand.NewPCG(seed, uint64(cfg.n)))
					parties := partyIDs(cfg.n)
					var malicious []transport.PartyID
					for _, i := range rng.Perm(cfg.n)[:cfg.n-cfg.t] {
						malicious = append(malicious, parties[i])
					}
					plan, err := robust.NewPlan(parties, cfg.t)
					require.NoError(t, err)
					for {
						signers, err := plan.Next()
						require.NoError(t, err, "seed %d, malicious %v", seed, malicious)
						require.Len(t, signers, cfg.t)
						if len(inSet(malicious, signers)) == 0 {
							break
						}
						s := strategies[name]
						if s == nil {
							s = strategies[names[rng.IntN(len(names))]]
						}
						learned, err := plan.Record(signers, s(rng, signers, malicious))
						require.NoError(t, err)
						require.True(t, learned, "a traceable outcome teaches the plan something")
						require.LessOrEqual(t, plan.Attempts(), plan.Bound()-1, "seed %d, malicious %v", seed, malicious)
					}
					for _, c := range plan.Culprits() {
						require.Contains(t, malicious, c.Party, "seed %d: honest party named: %v", seed, c.Evidence)
						require.Error(t, c.Evidence)
					}
					for _, c := range plan.Conflicts() {
						require.Less(t, c.A, c.B)
						require.True(t, slices.Contains(malicious, c.A) || slices.Contains(malicious, c.B), "seed %d: conflict between honest parties", seed)
					}
					worst = max(worst, plan.Attempts()+1)
				}
				t.Logf("most attempts %d (bound %d)", worst, (cfg.n-cfg.t)*(cfg.n-cfg.t+1)+1)
			})
		}
	}
}

// TestAdversary35_FramedHonestPartyNotNamed: a malicious party that blames
// an honest one only puts the two in conflict; neither is named, and the
// next set keeps them apart.
func TestAdversary35_FramedHonestPartyNotNamed(t *testing.T) {
	plan, err := robust.NewPlan(partyIDs(5), 3)
	require.NoError(t, err)
	s, err := plan.Next()
	require.NoError(t, err)
	require.Equal(t, []transport.PartyID{1, 2, 3}, s)
	learned, err := plan.Record(s, outcome(nil, map[transport.PartyID][]transport.PartyID{1: {2}}))
	require.NoError(t, err)
	require.True(t, learned)
	require.Empty(t, plan.Culprits())
	require.Equal(t, []transport.PartyID{1, 2}, plan.Suspects())
	s, err = plan.Next()
	require.NoError(t, err)
	require.Equal(t, []transport.PartyID{3, 4, 5}, s, "parties without conflicts come first")
}

// TestAdversary35_ConvictedByConflicts: a party in conflict with more than
// f = n − t parties is malicious, and is named with ErrConflicts.
func TestAdversary35_ConvictedByConflicts(t *testing.T) {
	plan, err := robust.NewPlan(partyIDs(5), 3)
	require.NoError(t, err)
	_, err = plan.Record([]transport.PartyID{1, 2, 3}, outcome(nil, map[transport.PartyID][]transport.PartyID{2: {1}, 3: {1}}))
	require.NoError(t, err)
	require.Empty(t, plan.Culprits(), "two conflicts are within f = 2")
	_, err = plan.Record([]transport.PartyID{1, 4, 5}, outcome(nil, map[transport.PartyID][]transport.PartyID{4: {1}}))
	require.NoError(t, err)
	cs := plan.Culprits()
	require.Len(t, cs, 1)
	require.Equal(t, transport.PartyID(1), cs[0].Party)
	require.Equal(t, 2, cs[0].Attempt)
	require.ErrorIs(t, cs[0].Evidence, robust.ErrConflicts)
	require.Empty(t, plan.Suspects(), "the conflicts of a culprit leave nobody suspected")
}

// TestAdversary35_UntraceableAbortNotRepeated: an attempt that names nobody
// and holds no blame among its signers (blames about outsiders do not
// count) is not tried again.
func TestAdversary35_UntraceableAbortNotRepeated(t *testing.T) {
	plan, err := robust.NewPlan(partyIDs(4), 3)
	require.NoError(t, err)
	seen := map[string]bool{}
	for range 4 {
		s, err := plan.Next()
		require.NoError(t, err)
		require.False(t, seen[fmt.Sprint(s)], "set %v tried twice", s)
		seen[fmt.Sprint(s)] = true
		learned, err := plan.Record(s, outcome([]transport.PartyID{9}, map[transport.PartyID][]transport.PartyID{9: s}))
		require.NoError(t, err)
		require.False(t, learned)
	}
	_, err = plan.Next()
	require.ErrorIs(t, err, robust.ErrExhausted, "every set of 3 of 4 was tried")
}

func TestPlanDeterministic(t *testing.T) {
	outcomes := []robust.Outcome{
		outcome(nil, map[transport.PartyID][]transport.PartyID{3: {1}, 2: {1}}),
		outcome([]transport.PartyID{4}, nil),
		outcome(nil, map[transport.PartyID][]transport.PartyID{5: {6}}),
	}
	var runs [2][][]transport.PartyID
	for i := range runs {
		// The party order given does not matter.
		parties := partyIDs(7)
		if i == 1 {
			slices.Reverse(parties)
		}
		plan, err := robust.NewPlan(parties, 4)
		require.NoError(t, err)
		for _, o := range outcomes {
			s, err := plan.Next()
			require.NoError(t, err)
			runs[i] = append(runs[i], s)
			_, err = plan.Record(s, o)
			require.NoError(t, err)
		}
		s, err := plan.Next()
		require.NoError(t, err)
		runs[i] = append(runs[i], s)
	}
	require.Equal(t, runs[0], runs[1])
}

func TestNewPlanRefuses(t *testing.T) {
	tests := []struct {
		name    string
		parties []transport.PartyID
		t       int
	}{
		{"no parties", nil, 1},
		{"zero party", []transport.PartyID{0, 1, 2}, 2},
		{"repeated party", []transport.PartyID{1, 2, 2}, 2},
		{"threshold zero", partyIDs(3), 0},
		{"threshold above n", partyIDs(3), 4},
		{"too many parties", partyIDs(transport.MaxParties + 1), 2},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := robust.NewPlan(tc.parties, tc.t)
			require.ErrorIs(t, err, robust.ErrConfig)
		})
	}
}

func TestRecordRefuses(t *testing.T) {
	tests := []struct {
		name    string
		signers []transport.PartyID
	}{
		{"too few signers", []transport.PartyID{1, 2}},
		{"unknown signer", []transport.PartyID{1, 2, 7}},
		{"repeated signer", []transport.PartyID{1, 2, 2}},
		{"culprit signer", []transport.PartyID{3, 4, 5}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			plan, err := robust.NewPlan(partyIDs(5), 3)
			require.NoError(t, err)
			_, err = plan.Record([]transport.PartyID{1, 2, 3}, outcome([]transport.PartyID{3}, nil))
			require.NoError(t, err)
			_, err = plan.Record(tc.signers, outcome([]transport.PartyID{1}, nil))
			require.ErrorIs(t, err, robust.ErrRecord)
			require.Equal(t, 1, plan.Attempts(), "a refused outcome changes nothing")
			require.Len(t, plan.Culprits(), 1)
		})
	}
}

func TestOutcomeOf(t *testing.T) {
	blames := &transport.BlameError{Blames: map[transport.PartyID][]transport.PartyID{1: {3}}}
	tests := []struct {
		name     string
		err      error
		culprits []transport.PartyID
		blames   map[transport.PartyID][]transport.PartyID
	}{
		{"nil", nil, nil, nil},
		{"plain error", errAttempt, nil, nil},
		{"abort with culprits", transport.NewAbortError("p", 2, "bad", transport.ErrEquivocation, 4, 2), []transport.PartyID{2, 4}, nil},
		{"abort with blames", transport.NewAbortError("p", 2, "timeout", errors.Join(transport.ErrTimeout, blames)), nil, blames.Blames},
		{"wrapped", fmt.Errorf("runner: %w", transport.NewAbortError("p", 2, "x", blames, 5)), []transport.PartyID{5}, blames.Blames},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			o := robust.OutcomeOf(tc.err)
			require.Equal(t, tc.culprits, o.Culprits)
			require.Equal(t, tc.blames, o.Blames)
			require.Equal(t, tc.err, o.Err)
		})
	}
}

func TestPlanNilAndZero(t *testing.T) {
	for name, plan := range map[string]*robust.Plan{"nil": nil, "zero": {}} {
		t.Run(name, func(t *testing.T) {
			_, err := plan.Next()
			require.ErrorIs(t, err, robust.ErrConfig)
			_, err = plan.Record(partyIDs(3), robust.Outcome{})
			require.ErrorIs(t, err, robust.ErrConfig)
			require.Zero(t, plan.Attempts())
			require.Zero(t, plan.Bound())
			require.Nil(t, plan.Culprits())
			require.Nil(t, plan.Conflicts())
			require.Nil(t, plan.Suspects())
		})
	}
}
