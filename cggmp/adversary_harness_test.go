package cggmp

// Harness for the protocol-level adversarial tests of SECURITY.md (cases
// 1-16, 25, 26): three parties run a protocol over memnet; party 3 (evil)
// is a machine the test builds itself, so the test holds its state and can
// make it lie consistently (a lie told through its own state, or through
// a lying round around its rounds, goes into its own echo hashes), and
// memnet.Intercept plays its network side. Parties 1 and 2 are built with
// the public constructors; an interceptor on each of them only records
// what they send to party 3, so that a test can check rule 4 (verify
// before you respond). The aux-info and presigning adversaries are in
// adversary_aux_harness_test.go and adversary_presign_harness_test.go, the
// message edits in adversary_edits_test.go.

import (
	"bytes"
	"context"
	"crypto/rand"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/mosaic-mpc/mosaic/transport"
	"github.com/mosaic-mpc/mosaic/transport/memnet"
	"github.com/stretchr/testify/require"
)

const evil = transport.PartyID(3)

var honestParties = []transport.PartyID{1, 2}

// sentLog counts the messages derived from secrets (regular messages and
// identification claims, not complaints or acknowledgements) that honest
// parties sent to party 3, per round (a broadcast counts once per
// recipient, as memnet calls interceptors).
type sentLog struct {
	mu     sync.Mutex
	rounds map[int]int
}

func (l *sentLog) hook(to transport.PartyID, m *transport.Message) []*transport.Message {
	if to == evil && derived(m) {
		l.mu.Lock()
		l.rounds[m.Round]++
		l.mu.Unlock()
	}
	return []*transport.Message{m}
}

// derived reports whether m carries anything derived from its sender's
// secrets: every direct message (signing), and every broadcast but a
// complaint, an acknowledgement or an echo-only message.
func derived(m *transport.Message) bool {
	if !m.Broadcast() {
		return true
	}
	return len(m.Payload) >= 2 && (m.Payload[1] == kindRegular || m.Payload[1] == kindClaim)
}

// after returns the counts of the rounds later than round.
func (l *sentLog) after(round int) map[int]int {
	l.mu.Lock()
	defer l.mu.Unlock()
	out := map[int]int{}
	for r, n := range l.rounds {
		if r > round && n > 0 {
			out[r] = n
		}
	}
	return out
}

// evilRun is the outcome of one run with a malicious party 3.
type evilRun[Out any] struct {
	outs   map[transport.PartyID]Out
	errs   map[transport.PartyID]error
	toEvil *sentLog
}

// observer sees a copy of every message an honest party sends (party 3's
// view of the network, for a rushing adversary).
type observer func(from, to transport.PartyID, m *transport.Message)

// startOverride replaces the Start of a first round: the malicious party
// builds its round-1 messages (and the state its later rounds use) itself.
type startOverride[Out any] struct {
	transport.FirstRound[Out]
	start func() ([]*transport.Message, error)
}

func (s startOverride[Out]) Start() ([]*transport.Message, error) { return s.start() }

// withStart is first with its Start replaced by start, if start is set.
func withStart[Out any](first transport.FirstRound[Out], start func() ([]*transport.Message, error)) transport.FirstRound[Out] {
	if start == nil {
		return first
	}
	return startOverride[Out]{FirstRound: first, start: start}
}

// lying is first with every message it and its successors send rewritten
// by edit, after the round produced (and recorded) it and before the
// machine hashes it for the echo: party 3 then lies consistently, and its
// lie reaches the checks under test instead of being caught as an
// equivocation. A nil edit leaves first as it is.
func lying[Out any](first transport.FirstRound[Out], edit editFunc) transport.FirstRound[Out] {
	if edit == nil {
		return first
	}
	return lyingFirst[Out]{lyingRound: lyingRound[Out]{inner: first, edit: edit}, first: first}
}

// lyingRound is a round whose outgoing messages edit rewrites.
type lyingRound[Out any] struct {
	inner transport.Round[Out]
	edit  editFunc
}

func (r lyingRound[Out]) Expects() transport.Expect { return r.inner.Expects() }

func (r lyingRound[Out]) Finalize(in *transport.Inbox) transport.Step[Out] {
	step := r.inner.Finalize(in)
	if step.Round() == nil {
		return step
	}
	out := step.Messages()
	r.rewrite(in.Round()+1, out)
	return transport.Next(out, transport.Round[Out](lyingRound[Out]{inner: step.Round(), edit: r.edit}))
}

func (r lyingRound[Out]) rewrite(round int, out []*transport.Message) {
	for _, m := range out {
		m.Payload = r.edit(round, bytes.Clone(m.Payload))
	}
}

type lyingFirst[Out any] struct {
	lyingRound[Out]
	first transport.FirstRound[Out]
}

func (r lyingFirst[Out]) Start() ([]*transport.Message, error) {
	out, err := r.first.Start()
	r.rewrite(1, out)
	return out, err
}

// runEvil runs the machines over a fresh network, with hook (if any)
// playing party 3 and a recorder on every honest sender. When both honest
// parties have returned and one of them failed, the network is closed, so
// a party 3 still waiting for messages that will never come does not hold
// the test up (after a success, party 3 is left to finish). The default
// round timeout is long: it is only a safety net, every test except the
// killed-party ones ends by an abort.
func runEvil[Out any](t *testing.T, ms map[transport.PartyID]transport.Machine[Out], hook memnet.InterceptFunc, observe observer, opts ...transport.Option) *evilRun[Out] {
	skipUnderRace(t)
	t.Helper()
	ids := partyIDs(3)
	net := memnet.New(ids)
	defer net.Close()
	log := &sentLog{rounds: map[int]int{}}
	for _, id := range honestParties {
		net.Intercept(id, func(to transport.PartyID, m *transport.Message) []*transport.Message {
			if observe != nil {
				observe(id, to, m.Clone())
			}
			return log.hook(to, m)
		})
	}
	if hook != nil {
		net.Intercept(evil, hook)
	}
	if len(opts) == 0 {
		opts = []transport.Option{transport.WithRoundTimeout(2 * time.Minute)}
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	// Party 3's own outcome is not judged: memnet.RunAgainst stops
	// waiting for it once the honest parties are done and one failed.
	outs, errs := memnet.RunAgainst(ctx, net, ms, []transport.PartyID{evil}, opts...)
	return &evilRun[Out]{outs: outs, errs: errs, toEvil: log}
}

// requireBlamed checks that every honest party aborted with an
// *transport.AbortError naming exactly party 3, that they agree on the
// round, and that none produced an output; it returns their errors.
func requireBlamed[Out any](t *testing.T, run *evilRun[Out]) []*transport.AbortError {
	t.Helper()
	var aborts []*transport.AbortError
	for _, id := range honestParties {
		require.NotContains(t, run.outs, id, "party %d produced an output", id)
		var abort *transport.AbortError
		require.True(t, errors.As(run.errs[id], &abort), "party %d: %v", id, run.errs[id])
		require.Equal(t, []transport.PartyID{evil}, abort.Culprits, "party %d: %v", id, abort)
		require.Equal(t, []transport.PartyID{evil}, transport.Culprits(run.errs[id]))
		t.Logf("party %d: %v", id, abort)
		aborts = append(aborts, abort)
	}
	require.Equal(t, aborts[0].Round, aborts[1].Round, "honest parties disagree: %v / %v", aborts[0], aborts[1])
	return aborts
}

// outcome is what a case expects of the honest parties beyond both
// aborting, naming party 3 alone and agreeing on the round
// (requireBlamed); a zero field is not checked.
type outcome struct {
	// all: every abort wraps each of these errors; anyOf: every abort
	// wraps one of these at least.
	all, anyOf []error
	// text: every abort's message contains it.
	text string
	// round: the round of the aborts.
	round int
	// quietAfter: rule 4, party 3's bad message was of this round, and no
	// honest party sent it anything derived from its secrets afterwards.
	quietAfter int
}

// requireOutcome checks requireBlamed and want, and returns the aborts.
func requireOutcome[Out any](t *testing.T, run *evilRun[Out], want outcome) []*transport.AbortError {
	t.Helper()
	aborts := requireBlamed(t, run)
	for _, err := range want.all {
		requireAllIs(t, err, aborts)
	}
	for _, a := range aborts {
		if len(want.anyOf) > 0 {
			ok := false
			for _, w := range want.anyOf {
				ok = ok || errors.Is(a, w)
			}
			require.True(t, ok, "%v wraps none of %v", a, want.anyOf)
		}
		if want.text != "" {
			require.ErrorContains(t, a, want.text)
		}
	}
	if want.round != 0 {
		require.Equal(t, want.round, aborts[0].Round)
	}
	if want.quietAfter != 0 {
		requireNothingAfter(t, run, want.quietAfter)
	}
	return aborts
}

// judgedIn is the round in which a bad message of round `bad` (of
// aux-info or presigning, whose last regular round is 4) is judged: the
// complaint goes out in the next round and is acknowledged in the one
// after, except that complaints sent in the last round are judged at once
// (complaint.go).
func judgedIn(bad int) int { return min(bad+2, 4) }

// verdictRound is the round of presigning's verdict after identification.
const verdictRound = presignFinal + 1

// requireAllIs checks that every error wraps target.
func requireAllIs(t *testing.T, target error, aborts []*transport.AbortError) {
	t.Helper()
	for _, a := range aborts {
		require.ErrorIs(t, a, target)
	}
}

// requireNothingAfter checks rule 4: after party 3's bad message of round
// r, no honest party sent party 3 anything derived from its secrets in a
// later round (complaints and acknowledgements are not).
func requireNothingAfter[Out any](t *testing.T, run *evilRun[Out], r int) {
	t.Helper()
	require.Empty(t, run.toEvil.after(r), "honest parties sent party 3 messages after its bad round %d", r)
}

// machinesFor builds a machine for each of ids with newMachine.
func machinesFor[Out any](t testing.TB, ids []transport.PartyID, newMachine func(id transport.PartyID) (transport.Machine[Out], error)) map[transport.PartyID]transport.Machine[Out] {
	t.Helper()
	ms := map[transport.PartyID]transport.Machine[Out]{}
	for _, id := range ids {
		m, err := newMachine(id)
		require.NoError(t, err)
		ms[id] = m
	}
	return ms
}

func randomSID(t testing.TB) []byte {
	sid := make([]byte, 32)
	_, err := rand.Read(sid)
	require.NoError(t, err)
	return sid
}

// skipUnderRace skips an adversarial end-to-end test in a -race build (see
// race_on_test.go); the suite runs in every normal test pass.
func skipUnderRace(t testing.TB) {
	t.Helper()
	if raceEnabled {
		t.Skip("adversarial end-to-end suite: run without -race")
	}
}

// variant is one subtest of an adversarial case. A slow variant runs only
// in the case's TestSlow twin (build tag slow, adversary_slow_test.go): it
// repeats a check that a default variant already reaches at protocol level
// with another input, at the price of another protocol run.
type variant struct {
	name string
	slow bool
	run  func(t *testing.T)
}

// runVariants runs, as parallel subtests, the variants whose slow flag is
// slow: false in the case's test, true in its TestSlow twin.
func runVariants(t *testing.T, slow bool, vs []variant) {
	t.Helper()
	for _, v := range vs {
		if v.slow != slow {
			continue
		}
		t.Run(v.name, func(t *testing.T) {
			t.Parallel()
			v.run(t)
		})
	}
}
