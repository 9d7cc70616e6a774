package robust_test

import (
	"context"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"maps"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/mosaic-mpc/mosaic/cggmp"
	"github.com/mosaic-mpc/mosaic/cggmp/robust"
	"github.com/mosaic-mpc/mosaic/internal/agreementtest"
	"github.com/mosaic-mpc/mosaic/transport"
)

// The chaos tests: f = n − t malicious parties of random kinds, each
// misbehaving at random rounds of every attempt it signs in, over
// agreementtest's synchronous network; every run must end with a valid
// signature and name only malicious parties.

// kind is what a malicious party does in every attempt it is a signer of.
type kind int

const (
	// silent sends nothing from a random round on.
	silent kind = iota
	// slow loses its messages of one or two random rounds, to some or all
	// of the other signers (the relays of missing messages may make up).
	slow
	// invalidShare sends, in a random round, a broadcast with one bit
	// flipped, the same to every signer and signed: a bad proof, a
	// malformed value or a bad partial signature.
	invalidShare
	// equivocating sends different broadcasts of a random round to
	// different signers, or lies in its echo.
	equivocating
	// withholding withholds its messages from a random round on from some
	// or all signers, sometimes its notices and certificates too.
	withholding
	kinds
)

func (k kind) String() string {
	return [...]string{"silent", "slow", "invalid-share", "equivocating", "withholding"}[k]
}

// fullSignRounds is the number of rounds of cggmp.NewFullSign with
// identities: four of presigning and signing, and the confirmation.
const fullSignRounds = 5

// chaosConfig is one threshold setting of the chaos tests.
type chaosConfig struct{ t, n int }

var chaosConfigs = []chaosConfig{{3, 5}, {5, 9}}

// chaosStats sums what the runs of one setting saw.
type chaosStats struct {
	runs      int
	attempts  map[int]int // runs by number of attempts
	culprits  map[kind]int
	conflicts int
	maxTime   time.Duration
}

func newChaosStats() *chaosStats {
	return &chaosStats{attempts: map[int]int{}, culprits: map[kind]int{}}
}

func (s *chaosStats) String() string {
	return fmt.Sprintf("%d runs, runs by attempts %v, culprits by kind %v, %d conflicts, slowest run %v",
		s.runs, s.attempts, s.culprits, s.conflicts, s.maxTime.Round(time.Millisecond))
}

// chaosRunner runs the attempts of one chaos run: cggmp.NewFullSign among
// the attempt's signers over agreementtest's network, the malicious
// signers rewriting what they send.
type chaosRunner struct {
	tb     testing.TB
	seed   uint64
	keys   map[transport.PartyID]*cggmp.Key
	ids    map[transport.PartyID]ed25519.PrivateKey
	pubs   map[transport.PartyID]ed25519.PublicKey
	digest []byte
	kinds  map[transport.PartyID]kind
	// log describes every attempt, for the failure message.
	log []string
}

func (r *chaosRunner) describe() string {
	var b strings.Builder
	fmt.Fprintf(&b, "seed %d, malicious", r.seed)
	for _, p := range slices.Sorted(maps.Keys(r.kinds)) {
		fmt.Fprintf(&b, " %d:%s", p, r.kinds[p])
	}
	for _, l := range r.log {
		b.WriteString("\n  " + l)
	}
	return b.String()
}

// behaviour draws what malicious party p does in attempt a.
func (r *chaosRunner) behaviour(a robust.Attempt, p transport.PartyID) agreementtest.Behaviour {
	rng := rand.New(rand.NewPCG(r.seed, uint64(a.Number)<<32|uint64(p)))
	var others []transport.PartyID
	for _, q := range a.Signers {
		if q != p {
			others = append(others, q)
		}
	}
	// some returns a random subset of the other signers, empty (every
	// recipient) half of the time.
	some := func() []transport.PartyID {
		if rng.IntN(2) == 0 {
			return nil
		}
		var to []transport.PartyID
		for _, q := range others {
			if rng.IntN(2) == 0 {
				to = append(to, q)
			}
		}
		return to
	}
	round := func(last int) int { return 1 + rng.IntN(last) }
	seed := rng.Uint64()
	switch r.kinds[p] {
	case silent:
		return agreementtest.NewScript(seed, agreementtest.Fault{Kind: agreementtest.Silent, Round: round(fullSignRounds)})
	case slow:
		faults := []agreementtest.Fault{{Kind: agreementtest.Drop, Round: round(fullSignRounds), To: some()}}
		if rng.IntN(2) == 0 {
			faults = append(faults, agreementtest.Fault{Kind: agreementtest.Drop, Round: round(fullSignRounds), To: some()})
		}
		return agreementtest.NewScript(seed, faults...)
	case invalidShare:
		return &flipOnce{round: round(fullSignRounds - 1), rng: rand.New(rand.NewPCG(seed, 1)), sent: map[[32]byte]*transport.Message{}}
	case equivocating:
		if rng.IntN(4) == 0 {
			return agreementtest.NewScript(seed, agreementtest.Fault{Kind: agreementtest.LieInEcho, Round: 1 + round(fullSignRounds-1), To: some()})
		}
		to := []transport.PartyID{others[rng.IntN(len(others))]}
		return agreementtest.NewScript(seed, agreementtest.Fault{Kind: agreementtest.Equivocate, Round: round(fullSignRounds - 1), To: to})
	default: // withholding
		return agreementtest.NewScript(seed, agreementtest.Fault{Kind: agreementtest.Withhold, Round: round(fullSignRounds), To: some(), AllKinds: rng.IntN(3) == 0})
	}
}

// Attempt implements robust.Runner.
func (r *chaosRunner) Attempt(_ context.Context, a robust.Attempt) (*cggmp.Signature, error) {
	tb := r.tb
	nonce := sha256.Sum256(binary.BigEndian.AppendUint64(binary.BigEndian.AppendUint64([]byte("robust chaos"), r.seed), uint64(a.Number)))
	sid, err := cggmp.FullSignSessionID(r.keys[a.Signers[0]], a.Signers, nil, nil, r.digest, nonce[:])
	require.NoError(tb, err)
	ms := map[transport.PartyID]transport.Machine[*cggmp.Signature]{}
	malicious := map[transport.PartyID]agreementtest.Behaviour{}
	for _, p := range a.Signers {
		m, err := cggmp.NewFullSign(cggmp.FullSignConfig{
			PresignConfig: cggmp.PresignConfig{
				Key: r.keys[p], Signers: a.Signers, SessionID: sid,
				Identity: &transport.Identity{Key: r.ids[p], Peers: r.pubs},
			},
			Digest: r.digest,
		})
		require.NoError(tb, err)
		ms[p] = m
		if _, bad := r.kinds[p]; bad {
			malicious[p] = r.behaviour(a, p)
		}
	}
	o, err := agreementtest.Run(&agreementtest.Net[*cggmp.Signature]{Machines: ms, Malicious: malicious, Keys: r.ids})
	require.NoError(tb, err, r.describe())
	require.NoError(tb, o.Check(sameSignature), "attempt %d among %v, behaviours %v: %s", a.Number, a.Signers, malicious, r.describe())
	for _, sig := range o.Results {
		r.log = append(r.log, fmt.Sprintf("attempt %d among %v: signed", a.Number, a.Signers))
		return sig, nil
	}
	require.NotEmpty(tb, o.Errs, "attempt %d among %v has no honest signer: %s", a.Number, a.Signers, r.describe())
	// The plan relies on it: every honest signer holds the same culprits
	// and the same blames.
	honest := slices.Sorted(maps.Keys(o.Errs))
	first := robust.OutcomeOf(o.Errs[honest[0]])
	for _, p := range honest[1:] {
		other := robust.OutcomeOf(o.Errs[p])
		require.Equal(tb, first.Culprits, other.Culprits, "attempt %d: %s", a.Number, r.describe())
		require.Equal(tb, first.Blames, other.Blames, "attempt %d: honest signers %d and %d hold other blames: %s", a.Number, honest[0], p, r.describe())
	}
	r.log = append(r.log, fmt.Sprintf("attempt %d among %v, behaviours %v: culprits %v, blames %v", a.Number, a.Signers, malicious, first.Culprits, first.Blames))
	return nil, o.Errs[honest[0]]
}

func sameSignature(a, b *cggmp.Signature) bool {
	return a.R.Equal(b.R) && a.S.Equal(b.S) && a.RecoveryID == b.RecoveryID
}

// flipOnce is an invalid share: it flips one bit of its broadcast of one
// round, the same bit for every recipient, and signs the result, so that
// every signer gets the same bad message.
type flipOnce struct {
	round int
	rng   *rand.Rand
	sent  map[[32]byte]*transport.Message
}

func (f *flipOnce) String() string { return fmt.Sprintf("flip(round %d)", f.round) }

// Rewrite implements agreementtest.Behaviour.
func (f *flipOnce) Rewrite(m *transport.Message, _ transport.PartyID, key ed25519.PrivateKey) []*transport.Message {
	if m.Kind != transport.KindRound || m.Round != f.round || len(m.Payload) == 0 {
		return []*transport.Message{m}
	}
	h := sha256.Sum256(append(binary.BigEndian.AppendUint32(nil, uint32(m.To)), m.Payload...))
	c := f.sent[h]
	if c == nil {
		c = m.Clone()
		c.Payload[f.rng.IntN(len(c.Payload))] ^= 1 << f.rng.IntN(8)
		if len(c.Signature) != 0 {
			transport.SignMessage(key, c)
		}
		f.sent[h] = c
	}
	return []*transport.Message{c.Clone()}
}

// runChaos is one seeded chaos run of cfg.
func runChaos(tb testing.TB, cfg chaosConfig, seed uint64, stats *chaosStats) {
	tb.Helper()
	start := time.Now()
	keys := keysFor(tb, cfg.t, cfg.n)
	parties := partyIDs(cfg.n)
	ids, pubs := agreementtest.IdentityKeys(parties)
	rng := rand.New(rand.NewPCG(seed, uint64(cfg.n)))
	digest := sha256.Sum256(binary.BigEndian.AppendUint64([]byte("robust chaos digest"), seed))
	r := &chaosRunner{tb: tb, seed: seed, keys: keys, ids: ids, pubs: pubs, digest: digest[:], kinds: map[transport.PartyID]kind{}}
	for _, i := range rng.Perm(cfg.n)[:cfg.n-cfg.t] {
		r.kinds[parties[i]] = kind(rng.IntN(int(kinds)))
	}
	pub := keys[1].PublicKey()
	res, err := robust.Sign(context.Background(), robust.Config{
		Parties: parties, Threshold: cfg.t, PublicKey: pub, Digest: digest[:],
		SessionID: binary.BigEndian.AppendUint64(nil, seed),
	}, r)
	require.NoError(tb, err, r.describe())
	requireValid(tb, pub, digest[:], res.Signature, r.describe())
	plan, err := robust.NewPlan(parties, cfg.t)
	require.NoError(tb, err)
	require.LessOrEqual(tb, res.Attempts, plan.Bound(), "more attempts than the bound: %s", r.describe())
	for _, c := range res.Culprits {
		k, bad := r.kinds[c.Party]
		require.True(tb, bad, "honest party %d named (%v): %s", c.Party, c.Evidence, r.describe())
		require.Error(tb, c.Evidence)
		stats.culprits[k]++
	}
	for _, c := range res.Conflicts {
		_, badA := r.kinds[c.A]
		_, badB := r.kinds[c.B]
		require.True(tb, badA || badB, "conflict between honest parties %d and %d: %s", c.A, c.B, r.describe())
	}
	for _, p := range res.Signers {
		require.False(tb, slices.ContainsFunc(res.Culprits, func(c robust.Culprit) bool { return c.Party == p }))
	}
	stats.runs++
	stats.attempts[res.Attempts]++
	stats.conflicts += len(res.Conflicts)
	stats.maxTime = max(stats.maxTime, time.Since(start))
}

// chaos runs runs seeded runs of every setting, the settings side by
// side: the lock-step simulator keeps one run on one core.
func chaos(t *testing.T, runs map[chaosConfig]int) {
	for _, cfg := range chaosConfigs {
		t.Run(fmt.Sprintf("%d-of-%d", cfg.t, cfg.n), func(t *testing.T) {
			t.Parallel()
			stats := newChaosStats()
			for seed := range uint64(runs[cfg]) {
				runChaos(t, cfg, seed, stats)
			}
			t.Log(stats)
			require.Equal(t, runs[cfg], stats.runs)
		})
	}
}

// TestChaos is the quick chaos test: a few seeded runs of each setting.
// TestSlowChaos (build tag slow) runs 200 of each.
func TestChaos(t *testing.T) {
	runs := map[chaosConfig]int{{3, 5}: 6, {5, 9}: 2}
	if testing.Short() {
		runs = map[chaosConfig]int{{3, 5}: 3, {5, 9}: 1}
	}
	chaos(t, runs)
}
